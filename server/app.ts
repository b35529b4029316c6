import { EventEmitter } from 'node:events';
import path from 'node:path';
import fs from 'node:fs';
import type { DatabaseKey } from '../db/cipher';
import { DatabaseFileError } from '../db/errors';
import { checkpointIntoMainFile, openDatabase } from '../db/open';
import { auditAllLocks } from './auth/locked-tally';
import { keyFileFor, loadOrCreateKey, readKeyFile } from './keys/key-file';
import { encryptPlainBackups } from './keys/plain-backups';
import { databaseProblem, releaseDamagedFile } from './integrity';
import { systemClock, type Clock } from './clock';
import type { AppContext, ChangeEvent } from './context';
import { setRuntimeInfo } from './runtime-info';

export const DB_FILE_NAME = 'handoff.db';

export interface BackendOptions {
  dataDir: string;
  clock?: Clock;
  nativeBinding?: string;
  /**
   * The database key (the desktop app unseals it with safeStorage); else read from `keyFile`.
   * `null`: an unencrypted database, only for the benchmark comparing the two.
   */
  key?: DatabaseKey | null;
  /** The key file (serve mode, CLI): default HANDOFF_KEY_FILE or `<data folder>.key` beside it. */
  keyFile?: string;
}

export interface Backend extends AppContext {
  close(): void;
}

/**
 * A `handoff rekey` killed after changing the database's key but before replacing the key file
 * leaves the new key in `<key file>.new`: the database opens with it, and the change is finished.
 */
function openWithPendingRekey(
  file: string,
  key: DatabaseKey,
  keyFile: string | null,
  nativeBinding: string | undefined,
) {
  try {
    return openDatabase(file, { nativeBinding, key });
  } catch (err) {
    const pending = keyFile ? `${keyFile}.new` : null;
    if (!(err instanceof DatabaseFileError) || err.problem !== 'wrong_key' || !pending) throw err;
    if (!fs.existsSync(pending)) throw err;
    const db = openDatabase(file, { nativeBinding, key: readKeyFile(pending) });
    fs.renameSync(pending, keyFile!);
    return db;
  }
}

/** Opens the database in `dataDir` and builds the context every transport shares. */
export function openBackend(options: BackendOptions): Backend {
  const dataDir = path.resolve(options.dataDir);
  const file = path.join(dataDir, DB_FILE_NAME);
  const keyFile = options.key !== undefined ? null : keyFileFor(dataDir, options.keyFile);
  const key = options.key === undefined ? loadOrCreateKey(keyFile!, file) : options.key;
  const db = key
    ? openWithPendingRekey(file, key, keyFile, options.nativeBinding)
    : openDatabase(file, { nativeBinding: options.nativeBinding });
  try {
    if (key)
      encryptPlainBackups(path.join(dataDir, 'backups'), key, {
        nativeBinding: options.nativeBinding,
      });
  } catch (err) {
    db.close();
    throw err;
  }
  const events = new EventEmitter<{ change: [ChangeEvent] }>();
  events.setMaxListeners(1000);
  let closed = false;
  const backend: Backend = {
    db,
    clock: options.clock ?? systemClock,
    dataDir,
    events,
    afterWrite: new Set(),
    close() {
      if (closed) return;
      closed = true;
      events.removeAllListeners();
      // Refusals counted during a lock still holding are written before the file closes.
      try {
        if (db.open && !databaseProblem(backend)) auditAllLocks(backend);
      } catch {
        // Best effort: the locks themselves are on record; closing the file matters more.
      }
      // Fold the WAL back into the main file so the folder holds one self-contained database;
      // never into a file found damaged (server/integrity): it is left exactly as it was.
      try {
        if (!databaseProblem(backend)) checkpointIntoMainFile(db);
      } finally {
        db.close();
        releaseDamagedFile(backend);
      }
    },
  };
  if (options.nativeBinding) setRuntimeInfo(backend, { nativeBinding: options.nativeBinding });
  return backend;
}

export { DatabaseFileError } from '../db/errors';
