import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { crashPoint } from './crash-point';
import { DatabaseFileError } from './errors';

/**
 * Encryption at rest. `better-sqlite3` is SQLite3 Multiple Ciphers here (package.json aliases it
 * to better-sqlite3-multiple-ciphers): every page of the database, its WAL and every copy is
 * AES-256 encrypted in SQLCipher 4's format (HMAC-SHA512 per page), with a random 256-bit key
 * given raw (no passphrase, so no key derivation on each open: a worker's connection opens in
 * milliseconds). Any SQLCipher 4 tool opens a copy given the recovery key.
 */
export const KEY_BYTES = 32;
export type DatabaseKey = Buffer;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const keys = new WeakMap<Database, DatabaseKey>();

/** The key a connection was opened with (workers and copies open the same file with it). */
export function keyOf(db: Database): DatabaseKey | undefined {
  return keys.get(db);
}

export function assertKey(key: DatabaseKey): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES)
    throw new Error(`a database key is ${KEY_BYTES} bytes`);
}

/** SQLCipher's raw-key literal: x'<64 hex digits>'. */
export const keyLiteral = (key: DatabaseKey): string => `x'${key.toString('hex')}'`;

/**
 * Keys a fresh connection (before it reads a page) and keeps every temporary structure in
 * memory: SQLite's temp files (sorts, big indexes, VACUUM) would otherwise hold plain rows.
 */
export function applyKey(db: Database, key: DatabaseKey): void {
  assertKey(key);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "${keyLiteral(key)}"`);
  db.pragma('temp_store = MEMORY');
  keys.set(db, key);
}

export interface OpenKeyedOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  nativeBinding?: string;
}

/**
 * A connection to an encrypted file, checked to be readable with this key: a wrong key gets
 * `wrong_key` (SQLite reads nothing it could write back, so the file stays byte-identical).
 */
export function openKeyed(
  file: string,
  key: DatabaseKey,
  options: OpenKeyedOptions = {},
): Database {
  const db = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (err) {
    db.close();
    if (/not a database/i.test((err as Error).message)) throw wrongKeyError(file);
    throw err;
  }
}

export function wrongKeyError(file: string): DatabaseFileError {
  return new DatabaseFileError(
    'wrong_key',
    `${file} cannot be read with this key: it was encrypted with another key, or it is damaged. ` +
      'Nothing was changed. Use the key file (or the recovery key) this database was made with.',
  );
}

/** True when the file starts with the plain SQLite header (an unencrypted database). */
export function isPlainDatabaseFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const header = Buffer.alloc(16);
    return fs.readSync(fd, header, 0, 16, 0) === 16 && header.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** A file with content that is not plain SQLite: an encrypted database (a new key never opens it). */
export const isEncryptedDatabaseFile = (file: string): boolean =>
  fs.existsSync(file) && fs.statSync(file).size > 0 && !isPlainDatabaseFile(file);

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* not every platform syncs a folder */
  }
}

/** Row counts of every table: the encrypted copy must hold exactly what the plain file held. */
function tableCounts(db: Database): Record<string, number> {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const out: Record<string, number> = {};
  for (const n of names)
    out[n] = db
      .prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  return out;
}

/** The encrypted copy's name while it is built; a crash leaves it behind, the next start removes it. */
export const encryptingName = (file: string): string => `${file}.encrypting`;

/**
 * Encrypts a plain SQLite file in place, crash-safe: the plain file is folded into one file
 * (WAL checkpointed), copied beside itself, the copy encrypted (`rekey`) and then checked
 * (integrity_check, the same rows in every table) before it replaces the plain file in one atomic
 * rename. Killed at any point, the name holds either the complete plain file or the complete
 * encrypted one; a half-built copy is removed by the next call.
 */
export function encryptFileInPlace(
  file: string,
  key: DatabaseKey,
  options: { nativeBinding?: string } = {},
): void {
  assertKey(key);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const tmp = encryptingName(file);
  for (const f of [tmp, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  // The plain file's connection: checkpoint, then read the counts the copy must match.
  const plain = new BetterSqlite3(file, { fileMustExist: true, ...binding });
  let expected: Record<string, number>;
  try {
    const check = plain.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok')
      throw new DatabaseFileError(
        'corrupt',
        `${file} is damaged (${check}); it was not encrypted and is unchanged. Restore the latest backup.`,
      );
    if ((plain.pragma('journal_mode', { simple: true }) as string) === 'wal')
      plain.pragma('wal_checkpoint(TRUNCATE)');
    expected = tableCounts(plain);
    crashPoint('before-copy');
    fs.copyFileSync(file, tmp);
    fs.chmodSync(tmp, 0o600);
  } finally {
    plain.close();
  }
  crashPoint('after-copy');
  const copy = new BetterSqlite3(tmp, { fileMustExist: true, ...binding });
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma("cipher = 'sqlcipher'");
    copy.pragma('legacy = 4');
    copy.pragma('temp_store = MEMORY');
    copy.pragma(`rekey = "${keyLiteral(key)}"`);
  } finally {
    copy.close();
  }
  crashPoint('after-rekey');
  const check = openKeyed(tmp, key, { fileMustExist: true, ...binding });
  try {
    const integrity = check.pragma('integrity_check', { simple: true }) as string;
    const got = tableCounts(check);
    if (integrity !== 'ok' || JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new DatabaseFileError(
        'corrupt',
        `The encrypted copy of ${file} did not verify (${integrity}); the plain file is unchanged.`,
      );
    }
  } catch (err) {
    check.close();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  check.close();
  fsyncFile(tmp);
  crashPoint('before-rename');
  // The plain file's WAL and shared-memory index must not be read against the encrypted file.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
  crashPoint('after-rename');
}

/** Removes what a killed encryption left behind (its half-built copy). */
export function removeEncryptionLeftovers(file: string): void {
  for (const f of [encryptingName(file), `${encryptingName(file)}-journal`])
    fs.rmSync(f, { force: true });
}

/**
 * Changes the key of an open, encrypted connection. SQLite3 Multiple Ciphers re-encrypts only
 * with a rollback journal, so WAL is switched off for the change and on again.
 */
export function rekeyDatabase(db: Database, newKey: DatabaseKey): void {
  assertKey(newKey);
  const wal = (db.pragma('journal_mode', { simple: true }) as string) === 'wal';
  if (wal) db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = "${keyLiteral(newKey)}"`);
  keys.set(db, newKey);
  if (wal) db.pragma('journal_mode = WAL');
}
