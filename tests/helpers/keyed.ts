import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { openKeyed, type DatabaseKey } from '../../db/cipher';
import type { Sealer } from '../../electron/database-key';
import { defaultKeyFile, readKeyFile } from '../../server/keys/key-file';

/**
 * The key a test backend's database (or one of its backups) was encrypted with: the key file the
 * app created beside the data folder (`<data folder>.key`).
 */
export function keyForFile(file: string): DatabaseKey {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const keyFile = defaultKeyFile(dir);
    if (fs.existsSync(keyFile)) return readKeyFile(keyFile);
    if (path.dirname(dir) === dir) throw new Error(`no key file found for ${file}`);
  }
}

/** Opens a Handoff file the way a test inspects it directly: with its key when it is encrypted. */
export function openFile(file: string, options: BetterSqlite3.Options = {}): Database {
  const header = fs.existsSync(file)
    ? fs.readFileSync(file).subarray(0, 15).toString('latin1')
    : '';
  if (header === 'SQLite format 3') return new BetterSqlite3(file, options);
  return openKeyed(file, keyForFile(file), options);
}

/** Every file under a folder with its bytes' hash: "nothing changed" means this is equal. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d)) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else
        out[path.relative(dir, p)] = crypto
          .createHash('sha256')
          .update(fs.readFileSync(p))
          .digest('hex');
    }
  };
  walk(dir);
  return out;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Files under `dir` readable without the key: each that has the SQLite header or holds one of
 * `names` (UTF-8 or UTF-16), as "<file> has the SQLite header" / "<file> holds <name>".
 */
export function plainFindings(dir: string, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const f of Object.keys(snapshot(dir))) {
    const bytes = fs.readFileSync(path.join(dir, f));
    if (bytes.includes(SQLITE_HEADER)) found.push(`${f} has the SQLite header`);
    for (const n of names)
      if (bytes.includes(Buffer.from(n)) || bytes.includes(Buffer.from(n, 'utf16le')))
        found.push(`${f} holds ${n}`);
  }
  return found;
}

/**
 * A stand-in for Electron's safeStorage (the OS keychain): reversible, but never the plain key on
 * disk, and sealed to one OS account, so bytes sealed under another fail to unseal as the real
 * keychain's do. `account` may be a function, read at each call, for a test that switches users.
 */
export function fakeSealer(
  account: string | (() => string) = 'os-user-1',
  available = true,
): Sealer {
  const seal = () => `${typeof account === 'function' ? account() : account}:`;
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(seal() + s, 'utf8').reverse(),
    decryptString: (b) => {
      const text = Buffer.from(b).reverse().toString('utf8');
      if (!text.startsWith(seal())) throw new Error('Error while decrypting');
      return text.slice(seal().length);
    },
  };
}
