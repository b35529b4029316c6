import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { keyOf, openKeyed, type DatabaseKey } from '../../db/cipher';
import { fullCheckPending, quickCheck, refuseWritesOn, takeSharedLock } from '../../db/open';
import type { IntegrityRequest } from './worker';
import type { AppContext } from '../context';

/**
 * The rest of the open-time integrity check for a large database (db/open.ts checks a large file
 * only in part, so the app listens within a second): the full `quick_check` runs afterwards on a
 * worker thread with its own read-only connection. If it finds damage the app refuses every call
 * but `session.status` (which carries the message to every desk), writes nothing more to the
 * file (the connection becomes query-only; no checkpoint, no backup on the way out), and the
 * caller prints or shows the message.
 */
const problems = new WeakMap<AppContext, string>();
/**
 * A read-only connection holding the file open while the app's own connection closes: SQLite's
 * last connection to close folds the WAL into the main file (a write), a read-only one cannot.
 */
const guards = new WeakMap<AppContext, Database>();

/** The damage found by the background check, as a sentence for people; null when none. */
export function databaseProblem(app: AppContext): string | null {
  return problems.get(app) ?? null;
}

export function damageMessage(file: string, detail: string): string {
  return (
    `The database ${file} is damaged (${detail.slice(0, 300)}). ` +
    'Handoff stopped saving anything to it, so the damage cannot spread. ' +
    'Restore the latest backup (see the README, "Backups"), or call your support contact.'
  );
}

/** Puts the app in the refused state: nothing more is written to the damaged file. */
export function refuseWrites(
  app: AppContext,
  message: string,
  options: { nativeBinding?: string } = {},
): void {
  if (problems.has(app) || !app.db.open) return;
  problems.set(app, message);
  refuseWritesOn(app.db);
  if (!app.db.memory) {
    try {
      const guardOptions = {
        readonly: true,
        fileMustExist: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      };
      const key = keyOf(app.db);
      const guard = key
        ? openKeyed(app.db.name, key, guardOptions)
        : new BetterSqlite3(app.db.name, guardOptions);
      takeSharedLock(guard);
      guards.set(app, guard);
    } catch {
      /* unreadable even so: the close may then fold the WAL in; nothing else is written */
    }
  }
  // Every open UI asks session.status again, which now carries the message.
  app.events.emit('change', { topic: 'database' });
}

/** After the app's connection closed: lets go of a damaged file, leaving its WAL beside it. */
export function releaseDamagedFile(app: AppContext): void {
  guards.get(app)?.close();
  guards.delete(app);
}

/** The bundled worker next to this bundle: out/cli/integrity-worker.cjs, out/main/…js (desktop). */
const workerFile = (): string | undefined =>
  ['integrity-worker.cjs', 'integrity-worker.js']
    .map((f) => path.join(__dirname, f))
    .find((f) => fs.existsSync(f));

export const integrityWorkerAvailable = (): boolean => workerFile() !== undefined;

/**
 * `PRAGMA quick_check` or `integrity_check` of `file` on a worker thread with its own read-only
 * connection: 'ok' or the problems found. Undefined when no worker is bundled (run it in-process).
 * Rejects when the check could not run at all (the file could not be opened, the thread failed).
 */
export function checkFileOffThread(
  file: string,
  check: 'quick_check' | 'integrity_check',
  options: { nativeBinding?: string; key?: DatabaseKey; copyTo?: string } = {},
): Promise<string> | undefined {
  const worker = workerFile();
  if (!worker) return undefined;
  return new Promise((resolve, reject) => {
    const request: IntegrityRequest = {
      file,
      check,
      nativeBinding: options.nativeBinding,
      key: options.key?.toString('hex'),
      copyTo: options.copyTo,
    };
    const thread = new Worker(worker, { workerData: request });
    thread.unref(); // never keeps the process alive on its own
    thread.once('message', (m: { ok: true; result: string } | { ok: false; message: string }) => {
      if (m.ok) resolve(m.result);
      else reject(new Error(`the integrity check could not run: ${m.message}`));
    });
    thread.once('error', reject);
  });
}

export interface BackgroundCheck {
  /** Settles when the check is over: 'ok', the damage message, or 'skipped'. */
  done: Promise<string>;
}

/**
 * Starts the deferred full check when the open left one pending; otherwise does nothing.
 * `onDamaged` is told the message (print it, log it, show a dialog). Without the bundled worker
 * (tests running TypeScript, a desktop build without it) the check runs in this thread, once the
 * start-up work is over.
 */
export function startBackgroundCheck(
  app: AppContext,
  options: { nativeBinding?: string; onDamaged(message: string): void; onError?(e: Error): void },
): BackgroundCheck {
  const db = app.db;
  if (!fullCheckPending(db) || db.memory) return { done: Promise.resolve('skipped') };
  const file = path.resolve(db.name);
  const conclude = (result: string): string => {
    if (result === 'ok') return 'ok';
    const message = damageMessage(file, result);
    refuseWrites(app, message, options);
    options.onDamaged(message);
    return message;
  };
  const run = (): Promise<string> => {
    const offThread = checkFileOffThread(file, 'quick_check', { ...options, key: keyOf(db) });
    if (!offThread)
      return new Promise((resolve) =>
        setImmediate(() => {
          let result: string;
          try {
            result = db.open ? quickCheck(db) : 'ok';
          } catch (err) {
            result = (err as Error).message;
          }
          resolve(conclude(result));
        }),
      );
    return offThread.then(conclude, (err: Error) => {
      options.onError?.(err);
      return 'skipped';
    });
  };
  return { done: run() };
}
