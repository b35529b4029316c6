import { EventEmitter } from 'node:events';
import path from 'node:path';
import { checkpointIntoMainFile, openDatabase } from '../db/open';
import { auditAllLocks } from './auth/locked-tally';
import { databaseProblem, releaseDamagedFile } from './integrity';
import { systemClock, type Clock } from './clock';
import type { AppContext, ChangeEvent } from './context';
import { setRuntimeInfo } from './runtime-info';

export const DB_FILE_NAME = 'handoff.db';

export interface BackendOptions {
  dataDir: string;
  clock?: Clock;
  nativeBinding?: string;
}

export interface Backend extends AppContext {
  close(): void;
}

/** Opens the database in `dataDir` and builds the context every transport shares. */
export function openBackend(options: BackendOptions): Backend {
  const dataDir = path.resolve(options.dataDir);
  const db = openDatabase(path.join(dataDir, DB_FILE_NAME), {
    nativeBinding: options.nativeBinding,
  });
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
