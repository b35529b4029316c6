import fs from 'node:fs';
import path from 'node:path';
import { encryptFileInPlace, isPlainDatabaseFile, type DatabaseKey } from '../../db/cipher';

/**
 * After the upgrade to encryption, the copies an older version left in `backups/` are still
 * plain: each is encrypted in place the same crash-safe way as the database (a copy that does
 * not verify is removed, since a plain copy must not outlive the upgrade). Returns the count.
 */
export function encryptPlainBackups(
  backupFolder: string,
  key: DatabaseKey,
  options: { nativeBinding?: string } = {},
): number {
  let names: string[];
  try {
    names = fs.readdirSync(backupFolder);
  } catch {
    return 0;
  }
  let count = 0;
  for (const name of names) {
    const file = path.join(backupFolder, name);
    if (name.endsWith('.encrypting') || name.endsWith('-journal')) {
      fs.rmSync(file, { force: true }); // a killed earlier run's half-built copy
      continue;
    }
    if (!name.endsWith('.db') || !isPlainDatabaseFile(file)) continue;
    try {
      encryptFileInPlace(file, key, options);
    } catch {
      fs.rmSync(file, { force: true });
    }
    count++;
  }
  return count;
}
