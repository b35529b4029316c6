import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { DatabaseKey } from '../db/cipher';
import { openDatabase } from '../db/open';
import { keyFileFor, loadOrCreateKey } from './keys/key-file';
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
  /** The database key (the desktop app unseals it with safeStorage); else read from `keyFile`. */
  key?: DatabaseKey;
  /** The key file (serve mode, CLI): default HANDOFF_KEY_FILE or `<data folder>.key` beside it. */
  keyFile?: string;
}

export interface Backend extends AppContext {
  close(): void;
}

/** Opens the database in `dataDir` and builds the context every transport shares. */
export function openBackend(options: BackendOptions): Backend {
  const dataDir = path.resolve(options.dataDir);
  const file = path.join(dataDir, DB_FILE_NAME);
  const key = options.key ?? loadOrCreateKey(keyFileFor(dataDir, options.keyFile), file);
  const db = openDatabase(file, { nativeBinding: options.nativeBinding, key });
  try {
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
      // Fold the WAL back into the main file so the folder holds one self-contained database;
      // never into a file found damaged (server/integrity): it is left exactly as it was.
      try {
        if (!databaseProblem(backend)) db.pragma('wal_checkpoint(TRUNCATE)');
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
