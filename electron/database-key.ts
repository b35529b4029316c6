import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { DatabaseFileError } from '../server/app';
import { isPlainDatabaseFile, newDatabaseKey, type DatabaseKey } from '../server/keys/key-file';

/**
 * The desktop app's database key: sealed with Electron safeStorage (the macOS keychain, Windows
 * DPAPI, the Linux secret service) in a file in the user-data folder, beside the data folder and
 * never inside it. Without the signed-in OS account the sealed file is useless.
 */
export const SEALED_KEY_FILE = 'database-key.sealed';

type Sealer = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

const keyError = (message: string) => new DatabaseFileError('key_file', message);

export function desktopKey(userData: string, dbFile: string, sealer: Sealer): DatabaseKey {
  if (!sealer.isEncryptionAvailable())
    throw keyError(
      'This computer offers no protected storage for the database key (the system keychain is ' +
        'locked or missing). Sign in to the desktop session and start Handoff again.',
    );
  const file = path.join(userData, SEALED_KEY_FILE);
  if (fs.existsSync(file)) {
    let hex: string;
    try {
      hex = sealer.decryptString(fs.readFileSync(file));
    } catch {
      throw keyError(
        `The sealed database key ${file} cannot be opened by this user account or is damaged. ` +
          'Nothing was changed. Restore it from a backup of the user-data folder, or recover ' +
          'with the recovery key (README, "Protecting the data").',
      );
    }
    if (!/^[0-9a-f]{64}$/.test(hex))
      throw keyError(`The sealed database key ${file} is damaged. Nothing was changed.`);
    return Buffer.from(hex, 'hex');
  }
  if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0 && !isPlainDatabaseFile(dbFile))
    throw keyError(
      `The database is encrypted but its sealed key ${file} is missing. Nothing was changed. ` +
        'Recover with the recovery key (README, "Protecting the data").',
    );
  const key = newDatabaseKey();
  fs.mkdirSync(userData, { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, sealer.encryptString(key.toString('hex')), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return key;
}
