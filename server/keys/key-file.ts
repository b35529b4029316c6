import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, isEncryptedDatabaseFile, type DatabaseKey } from '../../db/cipher';
import { DatabaseFileError } from '../../db/errors';

/**
 * The database key of serve mode and the command line: a small text file, mode 0600, beside the
 * data folder (never inside it, so a copy of the data folder alone discloses nothing). Its
 * checksum line tells a damaged or truncated file from a wrong key.
 */
const MAGIC = 'handoff-database-key v1';

const checksum = (key: DatabaseKey): string =>
  crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);

export function formatKeyFile(key: DatabaseKey): string {
  return `${MAGIC}\n${key.toString('hex')}\n${checksum(key)}\n`;
}

/** The default key file of a data folder: `<data folder>.key` next to it. */
export function defaultKeyFile(dataDir: string): string {
  const dir = path.resolve(dataDir);
  return path.join(path.dirname(dir), `${path.basename(dir)}.key`);
}

/** `--key-file`, else HANDOFF_KEY_FILE, else the default beside the data folder. */
export function keyFileFor(dataDir: string, explicit?: string): string {
  const file = path.resolve(explicit ?? process.env.HANDOFF_KEY_FILE ?? defaultKeyFile(dataDir));
  const rel = path.relative(path.resolve(dataDir), file);
  if (!rel.startsWith('..') && !path.isAbsolute(rel))
    throw keyFileError(
      `The key file ${file} is inside the data folder ${path.resolve(dataDir)}: a copy of the ` +
        'folder would carry its own key. Keep the key file outside it (--key-file or HANDOFF_KEY_FILE).',
    );
  return file;
}

const keyFileError = (message: string) => new DatabaseFileError('key_file', message);

export function parseKeyFile(text: string, file: string): DatabaseKey {
  const lines = text.split('\n');
  const damaged = () =>
    keyFileError(
      `The key file ${file} is damaged or cut short. Nothing was changed. Put back the key file ` +
        'from your safe copy, or write a new one from the recovery key (handoff key recover).',
    );
  if (lines[0] !== MAGIC || !/^[0-9a-f]{64}$/.test(lines[1] ?? '')) throw damaged();
  const key = Buffer.from(lines[1]!, 'hex');
  if (lines[2] !== checksum(key) || key.length !== KEY_BYTES) throw damaged();
  return key;
}

/** Reads a key file; refuses one other users could read (and says how to fix it). */
export function readKeyFile(file: string): DatabaseKey {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw keyFileError(
      `The key file ${file} is missing. Nothing was changed. Give the right one with --key-file ` +
        '(or HANDOFF_KEY_FILE), or write it from the recovery key (handoff key recover).',
    );
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw keyFileError(
      `The key file ${file} can be read by other users of this computer (mode ` +
        `${(stat.mode & 0o777).toString(8)}). Nothing was opened. Fix it with: chmod 600 "${file}"`,
    );
  return parseKeyFile(fs.readFileSync(file, 'utf8'), file);
}

/**
 * The desktop app seals its key (Electron safeStorage) in this file of its user-data folder, the
 * data folder's parent; the command line cannot unseal it, but it can tell a desktop folder.
 */
export const SEALED_KEY_FILE = 'database-key.sealed';

export const isDesktopDataDir = (dataDir: string): boolean =>
  fs.existsSync(path.join(path.dirname(path.resolve(dataDir)), SEALED_KEY_FILE));

/**
 * Writes a secret atomically with mode 0600: written beside, synced, renamed over the name, so
 * the name holds the complete new bytes or the previous ones (the desktop's sealed key too).
 */
export function writeSecretFile(file: string, bytes: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Writes a key file atomically with mode 0600 (the new name appears complete or not at all). */
export function writeKeyFile(file: string, key: DatabaseKey): void {
  writeSecretFile(file, formatKeyFile(key));
}

export const newDatabaseKey = (): DatabaseKey => crypto.randomBytes(KEY_BYTES);

/**
 * The key of the database `dbFile`: read from `keyFile`, or made (random) and written there when
 * there is none yet and the database is new or still plain. An encrypted database without its
 * key file is refused: a new key could never open it.
 */
export function loadOrCreateKey(keyFile: string, dbFile: string): DatabaseKey {
  if (fs.existsSync(keyFile)) return readKeyFile(keyFile);
  if (isEncryptedDatabaseFile(dbFile)) return readKeyFile(keyFile); // says "missing"
  const key = newDatabaseKey();
  writeKeyFile(keyFile, key);
  return key;
}

/**
 * The recovery key: the same 256 bits for people, in groups of four, with a checksum group so a
 * mistyped digit is caught before anything is opened.
 */
export function formatRecoveryKey(key: DatabaseKey): string {
  const hex = key.toString('hex').toUpperCase() + checksum(key).toUpperCase().slice(0, 4);
  return hex.match(/.{4}/g)!.join('-');
}

export function parseRecoveryKey(text: string): DatabaseKey {
  const read = readRecoveryKey(text);
  if (read === 'malformed')
    throw keyFileError(
      'That is not a recovery key: it has 17 groups of four letters and digits (0-9, A-F).',
    );
  if (read === 'mistyped')
    throw keyFileError('The recovery key has a typing mistake (its check group does not match).');
  return read;
}

/**
 * A typed recovery key as its key, or which of its two rules it breaks: 68 hex digits once the
 * separators are out (`malformed`), and a check group that matches (`mistyped`). The command line
 * and the desktop's recovery window word the two in their own languages.
 */
export function readRecoveryKey(text: string): DatabaseKey | 'malformed' | 'mistyped' {
  const hex = text.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{68}$/.test(hex)) return 'malformed';
  const key = Buffer.from(hex.slice(0, 64), 'hex');
  return checksum(key).slice(0, 4) === hex.slice(64) ? key : 'mistyped';
}

/** For the desktop shell (electron/ imports server/ and core/ only). */
export { isEncryptedDatabaseFile, type DatabaseKey } from '../../db/cipher';
