import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { DatabaseFileError } from './errors';
import { assertNotNewer, migrate, type MigrateOptions } from './migrate';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions extends MigrateOptions {
  readonly?: boolean;
  /** A better-sqlite3 binary built for another runtime's ABI (Electron in development). */
  nativeBinding?: string;
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
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    assertSqliteFile(file);
  }
  let db: Database;
  try {
    db = new BetterSqlite3(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw new DatabaseFileError('corrupt', `Cannot open ${file}: ${(err as Error).message}`);
  }
  cachePreparedStatements(db);
  try {
    assertNotNewer(db, options.migrations);
    if (!options.readonly) applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
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
