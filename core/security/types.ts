/** Security and reliability: idle lock, audit verification, backups, About. */

export interface SecuritySettings {
  /** Minutes without keyboard or pointer use before the screen locks (automatic logoff). */
  idleLockMinutes: number;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 10;
export const MIN_IDLE_LOCK_MINUTES = 1;
export const MAX_IDLE_LOCK_MINUTES = 60;

export interface AuditVerificationView {
  ok: boolean;
  rows: number;
  /** The first row (id) whose content or link does not match the chain. */
  brokenAt: number | null;
  message: string;
  checkedAt: number;
}

export type BackupKind = 'daily' | 'quit' | 'manual' | 'before-migration' | 'before-restore';

export interface BackupInfo {
  /** File name inside the backups folder (what restore takes). */
  name: string;
  kind: BackupKind;
  createdAt: number;
  bytes: number;
}

export interface BackupList {
  folder: string;
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: string;
  /** The copy of the database as it was just before the restore. */
  safetyBackup: string;
}

export interface AboutInfo {
  version: string;
  /** `desktop` (Electron) or `serve` (browser). */
  shell: 'desktop' | 'serve';
  dataFolder: string;
  databaseFile: string;
  backupFolder: string;
  /** Null in serve mode: logs go to the console (or the service manager's journal). */
  logFolder: string | null;
  schemaVersion: number;
  runtime: string;
}
