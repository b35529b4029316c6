import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ApiError } from '../../core/result';
import { m, msg } from '../../core/messages';
import type { BackupInfo, BackupKind, RestoreResult } from '../../core/security/types';
import { keyOf, openKeyed, type DatabaseKey } from '../../db/cipher';
import { replaceContentFromFile } from '../../db/replace-content';
import { migrate } from '../../db/migrate';
import { checkCopy, vacuumInto } from '../../db/backup-check';
import type { AppContext } from '../context';
import { checkFileOffThread, databaseProblem, integrityWorkerAvailable } from '../integrity';
import { setMaintenance } from '../maintenance';
import { HOUR_MS, repeatEvery } from '../periodic';
import { runtimeInfo } from '../runtime-info';

/**
 * Backups: copies of the live database taken with SQLite's online backup API (consistent while
 * the app keeps working), each checked with `integrity_check` before it counts, mode 0600.
 */
export const BACKUP_DIR_NAME = 'backups';
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
/** Copies taken before a migration or a restore are not rotated by day; the newest few stay. */
export const KEEP_SAFETY_COPIES = 5;
export const DAY_MS = 24 * 60 * 60 * 1000;

const ROTATED: ReadonlySet<BackupKind> = new Set(['daily', 'quit', 'manual']);

export const backupDir = (dataDir: string): string => path.join(dataDir, BACKUP_DIR_NAME);

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');

function parseStamp(s: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(s);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isFinite(t) ? t : null;
}

/** Reads kind and time back from a backup's file name (the names this module and migrate write). */
export function parseBackupName(name: string): { kind: BackupKind; createdAt: number } | null {
  let m = /^handoff-(daily|quit|manual|before-restore)-(.+)\.db$/.exec(name);
  if (m) {
    const t = parseStamp(m[2]!);
    return t === null ? null : { kind: m[1] as BackupKind, createdAt: t };
  }
  m = /^before-migration-v\d+-(.+)\.db$/.exec(name);
  if (m) {
    const t = parseStamp(m[1]!);
    return t === null ? null : { kind: 'before-migration', createdAt: t };
  }
  return null;
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      out.push({ name, ...parsed, bytes: fs.statSync(path.join(dir, name)).size });
    } catch {
      /* removed meanwhile */
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || a.name.localeCompare(b.name));
}

/**
 * An encrypted backup goes back through SQL (db/replace-content.ts): a scratch copy of the file
 * (still encrypted) is migrated forward on its own connection, then its rows replace the live
 * ones in one transaction.
 */
function restoreEncrypted(
  db: Database,
  file: string,
  key: DatabaseKey,
  options: { nativeBinding?: string },
): void {
  const scratch = `${file}.restoring`;
  fs.rmSync(scratch, { force: true });
  fs.copyFileSync(file, scratch);
  fs.chmodSync(scratch, 0o600);
  try {
    const copy = openKeyed(scratch, key, { fileMustExist: true, ...options });
    try {
      migrate(copy, scratch, { backupDir: path.dirname(file) });
    } finally {
      copy.close();
    }
    replaceContentFromFile(db, scratch);
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm'])
      fs.rmSync(scratch + suffix, { force: true });
  }
}

/** Takes one checked copy. Throws (and leaves nothing behind) when the copy does not verify. */
export async function createBackup(
  app: AppContext,
  kind: Exclude<BackupKind, 'before-migration'>,
): Promise<BackupInfo> {
  const dir = backupDir(app.dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const createdAt = app.clock.now();
  let name = `handoff-${kind}-${stamp(createdAt)}.db`;
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++)
    name = `handoff-${kind}-${stamp(createdAt + i)}.db`;
  const final = path.join(dir, name);
  const partial = `${final}.partial`;
  try {
    // Created 0600 before any page is written: a copy of PHI is never world-readable.
    fs.closeSync(fs.openSync(partial, 'w', 0o600));
    fs.chmodSync(partial, 0o600);
    const key = keyOf(app.db);
    // integrity_check reads every row of every index: 18 s at 1M encounters. With the bundled
    // worker it runs there (after the copy is switched to a rollback journal), so the daily copy
    // taken right after start-up does not stop every desk.
    const offThread = integrityWorkerAvailable();
    if (key) {
      // An encrypted database's copy is made with VACUUM INTO, which writes it encrypted with the
      // same key (SQLite's backup API would need a keyed destination it cannot be given). On the
      // worker, with its own read-only connection, so the desks keep working meanwhile.
      if (offThread)
        await checkFileOffThread(app.db.name, 'quick_check', {
          nativeBinding: runtimeInfo(app).nativeBinding,
          key,
          copyTo: partial,
        });
      else vacuumInto(app.db, partial);
    } else await app.db.backup(partial);
    const check = checkCopy(app.db, partial, { integrity: !offThread });
    if (!check.ok) throw new Error(`The backup copy did not verify (${check.message}).`);
    if (offThread) {
      const result = await checkFileOffThread(partial, 'integrity_check', {
        nativeBinding: runtimeInfo(app).nativeBinding,
        key,
      });
      if (result !== 'ok') throw new Error(`The backup copy did not verify (damaged: ${result}).`);
    }
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, final);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(partial + suffix, { force: true });
    throw err;
  }
  return {
    name,
    kind,
    createdAt: parseBackupName(name)!.createdAt,
    bytes: fs.statSync(final).size,
  };
}

const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** ISO week (Monday start, UTC) as a sortable key. */
function weekKey(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return dayKey(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

/** Which backups rotation keeps: the newest of each of the last 7 days and of the last 4 weeks. */
export function backupsToKeep(backups: readonly BackupInfo[]): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  const rotated = newestFirst.filter((b) => ROTATED.has(b.kind));
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of rotated) {
    const d = dayKey(b.createdAt);
    if (!days.has(d) && days.size < KEEP_DAILY) {
      days.add(d);
      keep.add(b.name);
    }
  }
  for (const b of rotated) {
    const w = weekKey(b.createdAt);
    if (!weeks.has(w) && weeks.size < KEEP_WEEKLY) {
      weeks.add(w);
      keep.add(b.name);
    }
  }
  for (const kind of ['before-migration', 'before-restore'] as const) {
    for (const b of newestFirst.filter((x) => x.kind === kind).slice(0, KEEP_SAFETY_COPIES))
      keep.add(b.name);
  }
  return keep;
}

/** Deletes what rotation does not keep, and any partial copy a crash left behind. */
export function rotateBackups(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  const keep = backupsToKeep(listBackups(dataDir));
  const removed: string[] = [];
  for (const b of listBackups(dataDir)) {
    if (!keep.has(b.name)) {
      fs.rmSync(path.join(dir, b.name), { force: true });
      removed.push(b.name);
    }
  }
  try {
    for (const f of fs.readdirSync(dir))
      if (f.endsWith('.partial')) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    /* no folder yet */
  }
  return removed;
}

/** Takes a checked copy and applies rotation. */
export async function backupAndRotate(
  app: AppContext,
  kind: Exclude<BackupKind, 'before-migration'>,
): Promise<BackupInfo> {
  const info = await createBackup(app, kind);
  rotateBackups(app.dataDir);
  return info;
}

/** A daily copy is due when no automatic or manual copy is younger than a day. */
export function dailyBackupDue(dataDir: string, now: number): boolean {
  const newest = listBackups(dataDir).find((b) => ROTATED.has(b.kind));
  return !newest || now - newest.createdAt >= DAY_MS || newest.createdAt > now;
}

export interface BackupScheduler {
  stop(): void;
  /** Resolves when the check in progress (if any) is done. */
  idle(): Promise<void>;
}

/** Checks hourly (and at start) whether a daily copy is due; never blocks the caller. */
export function startBackupScheduler(
  app: AppContext,
  log: { error(message: string, err: unknown): void },
  everyMs = HOUR_MS,
): BackupScheduler {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        // A damaged file (server/integrity) would give a copy that fails its check anyway.
        if (!databaseProblem(app) && dailyBackupDue(app.dataDir, app.clock.now()))
          await backupAndRotate(app, 'daily');
      } catch (err) {
        log.error('daily backup failed', err);
      }
    });
  };
  return {
    stop: repeatEvery(everyMs, tick),
    idle: () => running,
  };
}

/**
 * Replaces the live database's content with a backup, in place: validate the copy, take a safety
 * copy of the current database, then copy the backup's pages into the live file with the backup
 * API. The app keeps the same connection (and every prepared statement), so nothing has to be
 * reopened; other calls are refused meanwhile. An older copy is migrated forward.
 */
export async function restoreBackup(
  app: AppContext,
  name: string,
  options: { nativeBinding?: string } = {},
): Promise<RestoreResult> {
  const dir = backupDir(app.dataDir);
  const file = path.join(dir, name);
  if (path.basename(name) !== name || !parseBackupName(name) || !fs.existsSync(file)) {
    throw new ApiError('not_found', msg('backupUnknown', { name }), {
      name: msg('backupUnknownField'),
    });
  }
  const check = checkCopy(app.db, file);
  if (!check.ok) {
    throw new ApiError('invalid_input', msg('backupFailedCheck', { name, reason: check.message }), {
      name: msg('backupNotVerified'),
    });
  }
  const safety = await createBackup(app, 'before-restore');
  setMaintenance(app, m('restoring'));
  const liveFile = app.db.name;
  const key = keyOf(app.db);
  try {
    if (key) restoreEncrypted(app.db, file, key, options);
    else {
      const source = new BetterSqlite3(file, {
        readonly: true,
        fileMustExist: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      try {
        // Everything in one step: no other connection sees a half-copied file.
        await source.backup(liveFile, { progress: () => 1 << 30 });
      } finally {
        source.close();
      }
    }
    migrate(app.db, liveFile);
  } finally {
    setMaintenance(app, null);
  }
  rotateBackups(app.dataDir);
  return { restored: name, safetyBackup: safety.name };
}
