import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import {
  encryptFileInPlace,
  isPlainDatabaseFile,
  openKeyed,
  removeEncryptionLeftovers,
  type DatabaseKey,
} from './cipher';
import { DatabaseFileError } from './errors';
import { assertNotNewer, migrate, type MigrateOptions } from './migrate';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions extends MigrateOptions {
  readonly?: boolean;
  /** A better-sqlite3 binary built for another runtime's ABI (Electron in development). */
  nativeBinding?: string;
  /**
   * The largest database (bytes, main file plus WAL) whose every page is checked at open
   * (`quick_check`). A larger one gets a bounded check at open and the full one afterwards, off
   * the start path (server/integrity.ts). Default: HANDOFF_OPEN_CHECK_MAX_BYTES or 64 MiB.
   */
  fullCheckMaxBytes?: number;
  /**
   * The 256-bit key the file is encrypted with (db/cipher.ts). A plain file found under a key is
   * encrypted in place first (crash-safe); without a key the file is plain (tests, :memory:).
   */
  key?: DatabaseKey;
}

/** About a quarter of a second of `quick_check` on this class of machine. */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

function fullCheckLimit(options: OpenOptions): number {
  if (options.fullCheckMaxBytes !== undefined) return options.fullCheckMaxBytes;
  const env = Number(process.env.HANDOFF_OPEN_CHECK_MAX_BYTES);
  return process.env.HANDOFF_OPEN_CHECK_MAX_BYTES && Number.isFinite(env) && env >= 0
    ? env
    : FULL_CHECK_MAX_BYTES;
}

const fileBytes = (f: string) => {
  try {
    return fs.statSync(f).size;
  } catch {
    return 0;
  }
};

/** `PRAGMA quick_check` (every page, every row's format): 'ok' or the first problems found. */
export function quickCheck(db: Database, table?: string): string {
  const rows = db.pragma(table ? `quick_check(${table})` : 'quick_check') as {
    quick_check: string;
  }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  // One row may hold many lines ('*** in database main ***' then every bad cell): keep it short.
  return problems.length
    ? problems
        .join('; ')
        .replace(/\s*\n\s*/g, '; ')
        .slice(0, 500)
    : 'ok';
}

/**
 * What a large file gets at open instead of reading all of it: the schema table's pages and
 * records (every start reads it), the small tables every start reads (facility, users,
 * settings, sessions), and the page counts. Damage elsewhere is found by the full check that
 * follows off the start path.
 */
function boundedCheck(db: Database): string {
  for (const table of ['sqlite_schema', 'facility', 'users', 'settings', 'sessions']) {
    const exists =
      table === 'sqlite_schema' ||
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
    if (!exists) continue;
    const result = quickCheck(db, table);
    if (result !== 'ok') return result;
  }
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (pages < 1 || free < 0 || free >= pages)
    return `page count ${pages} and free list of ${free} pages do not agree`;
  return 'ok';
}

const deferredChecks = new WeakSet<Database>();

/** True when `openDatabase` checked this (large) file only in part: run the full check soon. */
export function fullCheckPending(db: Database): boolean {
  return deferredChecks.has(db);
}

/** Refuses a file that is not SQLite *before* better-sqlite3 touches it (it would add WAL files). */
function assertSqliteFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return;
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    if (size < 100 || !header.equals(SQLITE_HEADER)) {
      throw new DatabaseFileError(
        'not_a_database',
        `${file} is not a Handoff database (not a SQLite file). It was left untouched. ` +
          'Choose another data folder, or move this file away and start again.',
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Re-uses prepared statements: modules call `db.prepare(sql)` inline, and compiling the SQL again
 * on every call was a third of a handoff's CPU time (bench/RESULTS.md, History). The cache is
 * keyed by the SQL text and bounded (least recently used out), so dynamically built SQL cannot
 * grow it without end. A statement comes back with its modes reset (pluck/raw/expand off), and a
 * statement still busy (an open `iterate()`) is never handed out twice: that caller gets a fresh one.
 */
export function cachePreparedStatements(db: Database, max = 500): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      cache.delete(sql);
      cache.set(sql, hit);
      if (hit.reader) hit.raw(false).expand(false).pluck(false);
      return hit;
    }
    const fresh = prepare(sql);
    if (hit) return fresh;
    cache.set(sql, fresh);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return fresh;
  }) as Database['prepare'];
}

export function applyPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: an accepted handoff must survive a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Opens (creating if needed) and migrates the database. Throws DatabaseFileError with advice. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const key = file === ':memory:' ? undefined : options.key;
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (key) {
      removeEncryptionLeftovers(file);
      if (isPlainDatabaseFile(file) && !options.readonly)
        encryptFileInPlace(file, key, { nativeBinding: options.nativeBinding });
      else if (fs.existsSync(file) && fs.statSync(file).size > 0 && fs.statSync(file).size < 512)
        throw new DatabaseFileError(
          'not_a_database',
          `${file} is not a Handoff database (too short). It was left untouched. ` +
            'Choose another data folder, or move this file away and start again.',
        );
    } else assertSqliteFile(file);
  }
  let db: Database;
  const driverOptions = {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  try {
    db = key ? openKeyed(file, key, driverOptions) : new BetterSqlite3(file, driverOptions);
  } catch (err) {
    if (err instanceof DatabaseFileError) throw err;
    throw new DatabaseFileError('corrupt', `Cannot open ${file}: ${(err as Error).message}`);
  }
  cachePreparedStatements(db);
  try {
    const version = assertNotNewer(db, options.migrations);
    if (!options.readonly) applyPragmas(db);
    const migrations = options.migrations ?? MIGRATIONS;
    const latest =
      migrations === MIGRATIONS
        ? LATEST_VERSION
        : (migrations[migrations.length - 1]?.version ?? 0);
    // Every page of a small file, and of any file about to be migrated (a migration writes).
    const full =
      file === ':memory:' ||
      (!options.readonly && version < latest) ||
      fileBytes(file) + fileBytes(`${file}-wal`) <= fullCheckLimit(options);
    const check = full ? quickCheck(db) : boundedCheck(db);
    if (!full) deferredChecks.add(db);
    if (check !== 'ok') {
      throw new DatabaseFileError(
        'corrupt',
        `${file} is damaged (${String(check)}). Restore the latest backup.`,
      );
    }
    if (!options.readonly) migrate(db, file, options);
    if (file !== ':memory:') {
      // Protected health information: readable by this user only.
      for (const f of [file, `${file}-wal`, `${file}-shm`]) {
        try {
          fs.chmodSync(f, 0o600);
        } catch {
          /* the -wal/-shm files may not exist yet */
        }
      }
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseFileError) throw err;
    const message = (err as Error).message;
    if (/file is not a database|malformed/i.test(message)) {
      throw new DatabaseFileError(
        'corrupt',
        `${file} is damaged (${message}). Restore the latest backup.`,
      );
    }
    throw err;
  }
}

/** Folds the WAL back into the main file (at close), so the folder holds one database file. */
export function checkpointIntoMainFile(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** From now on this connection only reads: nothing more is written to a damaged file. */
export function refuseWritesOn(db: Database): void {
  db.pragma('query_only = ON');
}

/** A statement that takes the connection's shared lock on the file (and keeps it in WAL mode). */
export function takeSharedLock(db: Database): void {
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
}
