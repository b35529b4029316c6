import fs from 'node:fs';
import path from 'node:path';
import { isPlainDatabaseFile, openKeyed, rekeyDatabase } from '../../db/cipher';
import { DatabaseFileError } from '../../db/errors';
import { DB_FILE_NAME, openBackend } from '../app';
import { backupDir } from '../backup';
import {
  formatRecoveryKey,
  isDesktopDataDir,
  keyFileFor,
  newDatabaseKey,
  parseRecoveryKey,
  readKeyFile,
  writeKeyFile,
} from '../keys/key-file';
import { checkKeyOpens } from '../keys/verify';
import { auditCli } from './audit';
import { UsageError, parse } from './args';

type Out = { info(l: string): void; error(l: string): void };

/**
 * `handoff rekey`: a new random key for the database and every backup. The new key is written
 * beside the old one first (`<key file>.new`); a start that finds the database under that key
 * finishes the change (server/app.ts), so a kill at any point loses nothing.
 */
export function rekeyCommand(args: string[], out: Out): number {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    'key-file': { type: 'string' },
  });
  if (positionals.length) throw new UsageError('rekey takes no arguments');
  const dataDir = path.resolve(values['data-dir'] ?? './data');
  const keyFile = keyFileFor(dataDir, values['key-file']);
  const oldKey = readKeyFile(keyFile);
  const backend = openBackend({ dataDir, key: oldKey });
  const newKey = newDatabaseKey();
  let copies = 0;
  const desktop = isDesktopDataDir(dataDir);
  try {
    writeKeyFile(`${keyFile}.new`, newKey);
    // The desktop app reads no key file: if this command is cut short after the database changed,
    // the recovery key is the only way back in, so it is shown before anything changes.
    if (desktop)
      out.info(
        `The new recovery key (the database changes to it now; if this command is cut short, ` +
          `it is the key that opens the database):\n\n  ${formatRecoveryKey(newKey)}\n`,
      );
    try {
      rekeyDatabase(backend.db, newKey);
    } catch (err) {
      fs.rmSync(`${keyFile}.new`, { force: true });
      throw new DatabaseFileError(
        'locked',
        `The key was not changed (${(err as Error).message}). Stop Handoff everywhere it uses this data folder, then run handoff rekey again.`,
      );
    }
    auditCli(backend.db, backend.clock.now(), { action: 'protection.rekey', entity: 'database' });
  } finally {
    backend.close();
  }
  const dir = backupDir(dataDir);
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    if (!name.endsWith('.db') || isPlainDatabaseFile(file)) continue;
    try {
      const copy = openKeyed(file, oldKey, { fileMustExist: true });
      try {
        rekeyDatabase(copy, newKey);
        copies++;
      } finally {
        copy.close();
      }
    } catch {
      out.error(
        `handoff rekey: the backup ${name} could not be re-keyed; it still opens with the old key.`,
      );
    }
  }
  fs.renameSync(`${keyFile}.new`, keyFile);
  const done = `The database and ${copies} backups now use a new key, in ${keyFile}. `;
  // The desktop app's sealed copy still holds the old key and the command line cannot seal for
  // it: without the new recovery key now, the app could not be opened to show it in Settings.
  if (desktop)
    out.info(
      `${done}The old key and its recovery key no longer open them. ${dataDir} belongs to the ` +
        'Handoff desktop app: its next start asks once for the new recovery key (above) and ' +
        'seals it for this user account. Write it down or print it now. Once the desktop app ' +
        `has started, delete ${keyFile}: the desktop app does not use it.`,
    );
  else
    out.info(
      `${done}The old key and its recovery key no longer open them: show the new recovery key in Settings and print it.`,
    );
  return 0;
}

/** `handoff key recover --recovery-key "…"`: writes the key file from the printed recovery key. */
export function keyCommand(args: string[], out: Out): number {
  const [sub, ...rest] = args;
  if (sub !== 'recover') throw new UsageError('usage: handoff key recover --recovery-key "XXXX-…"');
  const { values, positionals } = parse(rest, {
    'data-dir': { type: 'string' },
    'key-file': { type: 'string' },
    'recovery-key': { type: 'string' },
  });
  if (positionals.length || !values['recovery-key'])
    throw new UsageError('key recover needs --recovery-key "XXXX-XXXX-…"');
  const dataDir = path.resolve(values['data-dir'] ?? './data');
  const keyFile = keyFileFor(dataDir, values['key-file']);
  const key = parseRecoveryKey(values['recovery-key']);
  if (fs.existsSync(keyFile))
    throw new UsageError(`${keyFile} already exists; move it away first (nothing was changed).`);
  const file = path.join(dataDir, DB_FILE_NAME);
  if (fs.existsSync(file)) checkKeyOpens(file, key); // wrong key: says so
  writeKeyFile(keyFile, key);
  out.info(`Key file written: ${keyFile} (mode 0600). Handoff opens ${dataDir} with it now.`);
  return 0;
}
