import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import {
  DatabaseFileError,
  DB_FILE_NAME,
  openBackend,
  type Backend,
  type BackendOptions,
} from '../server/app';
import { isWrongKeyError, opensWithKey, type KeyCheckOptions } from '../server/keys/verify';
import {
  isEncryptedDatabaseFile,
  newDatabaseKey,
  readRecoveryKey,
  SEALED_KEY_FILE,
  writeSecretFile,
  type DatabaseKey,
} from '../server/keys/key-file';
import { recoveryText, type RecoveryLanguage, type RecoveryMessageKey } from './recovery-messages';

/**
 * The desktop app's database key: sealed with Electron safeStorage (the macOS keychain, Windows
 * DPAPI, the Linux secret service) in a file in the user-data folder (SEALED_KEY_FILE), beside
 * the data folder and never inside it. Without the signed-in OS account the sealed file is useless.
 */
export { SEALED_KEY_FILE } from '../server/keys/key-file';

export type Sealer = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/**
 * What the desktop start found: the database open with the sealed key, or why the user must type
 * the recovery key: the database is encrypted and the sealed copy is missing, cannot be unsealed
 * by this OS account, or no longer opens it (the key was changed by `handoff rekey`).
 */
export type DesktopStart =
  { kind: 'open'; backend: Backend } | { kind: 'recover'; problem: string };

export interface DesktopOpenOptions extends KeyCheckOptions {
  /** How the backend is opened: openBackend (a test counts the opens through it). */
  open?: (options: BackendOptions) => Backend;
  /** The language of a `recover` problem, shown in the recovery window (default English). */
  language?: RecoveryLanguage;
}

const keyError = (message: string) => new DatabaseFileError('key_file', message);

const sealedKeyFile = (userData: string): string => path.join(userData, SEALED_KEY_FILE);

function unseal(file: string, sealer: Sealer): DatabaseKey | null {
  let hex: string;
  try {
    hex = sealer.decryptString(fs.readFileSync(file));
  } catch {
    return null;
  }
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/**
 * Seals `key` into the user-data folder (atomically, mode 0600). The copy it replaces is not kept:
 * it is sealed for another account or holds a key the database no longer opens with, and an old
 * key left on disk would undo a rekey done because its printout was exposed.
 */
function seal(userData: string, key: DatabaseKey, sealer: Sealer): void {
  writeSecretFile(sealedKeyFile(userData), sealer.encryptString(key.toString('hex')));
}

/**
 * Opens the desktop database with its sealed key, once: the open itself tells a key that no
 * longer opens the file (`wrong_key`; SQLite could read nothing, so it wrote nothing back), so no
 * separate check reads the file first. A first start seals a new key before the database is created (or a plain
 * one encrypted) with it, so no file is ever encrypted under a key that is not kept.
 */
export function openDesktopDatabase(
  userData: string,
  dataDir: string,
  sealer: Sealer,
  options: DesktopOpenOptions = {},
): DesktopStart {
  if (!sealer.isEncryptionAvailable())
    throw keyError(
      'This computer offers no protected storage for the database key (the system keychain is ' +
        'locked or missing). Sign in to the desktop session and start Handoff again.',
    );
  const open = (key: DatabaseKey): DesktopStart => ({
    kind: 'open',
    backend: (options.open ?? openBackend)({ dataDir, key, nativeBinding: options.nativeBinding }),
  });
  const text = (key: RecoveryMessageKey, params?: Record<string, string>) =>
    recoveryText(options.language ?? 'en', key, params);
  const file = sealedKeyFile(userData);
  const encrypted = isEncryptedDatabaseFile(path.join(dataDir, DB_FILE_NAME));
  if (fs.existsSync(file)) {
    const key = unseal(file, sealer);
    if (key) {
      try {
        return open(key);
      } catch (err) {
        if (!isWrongKeyError(err)) throw err;
        return { kind: 'recover', problem: text('staleSealedKey') };
      }
    }
    // Without an encrypted database there is nothing to check a typed key against. This one is
    // shown in the error box, which stays English as the other start errors do.
    if (!encrypted)
      throw keyError(
        `${recoveryText('en', 'unopenableSealedKey', { file })} Nothing was changed. Restore it ` +
          'from a backup of the user-data folder.',
      );
    return {
      kind: 'recover',
      problem: `${text('unopenableSealedKey', { file })} ${text('typeToReopen')}`,
    };
  }
  if (encrypted)
    return {
      kind: 'recover',
      problem: `${text('missingSealedKey', { file })} ${text('typeToReopen')}`,
    };
  const key = newDatabaseKey();
  seal(userData, key, sealer);
  return open(key);
}

export type RecoveryAttempt = { ok: true; key: DatabaseKey } | { ok: false; message: string };

/**
 * A typed recovery key: checked for typing mistakes, then against the database itself (read
 * only), and only then sealed for this OS account. A wrong key changes no file.
 */
export function recoverDesktopKey(
  userData: string,
  dbFile: string,
  sealer: Sealer,
  typed: string,
  options: KeyCheckOptions & { language?: RecoveryLanguage } = {},
): RecoveryAttempt {
  const language = options.language ?? 'en';
  const key = readRecoveryKey(typed);
  if (key === 'malformed' || key === 'mistyped')
    return { ok: false, message: recoveryText(language, `${key}Key`) };
  if (!opensWithKey(dbFile, key, options))
    return { ok: false, message: recoveryText(language, 'wrongKey') };
  seal(userData, key, sealer);
  return { ok: true, key };
}
