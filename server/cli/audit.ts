import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { appendAudit, type AuditEntry } from '../../db/audit';

/**
 * Audits something done from the command line (export, backup, …). There is no Handoff user, so
 * the entry names the operating-system account that ran the command: `cli:<os user>`.
 */
export function auditCli(
  db: Database,
  at: number,
  entry: Omit<AuditEntry, 'at' | 'userId' | 'username'>,
): void {
  let who = 'unknown';
  try {
    who = os.userInfo().username;
  } catch {
    /* no passwd entry (containers) */
  }
  appendAudit(db, {
    ...entry,
    at,
    userId: null,
    username: `cli:${who}`,
    detail: { ...(entry.detail ?? {}), via: 'cli' },
  });
}
