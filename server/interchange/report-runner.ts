import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { dataVersion } from '../../db/tx';
import type { DashboardData } from '../../core/contract/interchange';
import type { AppContext } from '../context';
import type { UtcRange } from '../../core/reports/range';
import { runReportJob, type ReportJob, type ReportResult } from './report-jobs';
import type { ReportRequest, ReportWorkerInit } from './report-worker';
import { runtimeInfo } from '../runtime-info';
import { keyOf } from '../../db/cipher';

/**
 * Runs the heavy report reads (the dashboard, the case-management lists) on a worker thread when the built worker sits next to this
 * bundle (serve mode: out/cli/report-worker.cjs; the desktop app: out/main/report-worker.cjs),
 * else in-process (tests running TypeScript). A worker that cannot start or dies (e.g. it cannot
 * load the SQLite driver) is not retried: reports are then computed in-process, slower but
 * never missing.
 */
let workerFile = path.join(__dirname, 'report-worker.cjs');

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  /** The worker failed before answering: compute it here instead. */
  fallback(): void;
}
const pending = new Map<number, Pending>();

/** Tests point the runner at a worker they built (or broke) themselves. */
export function useReportWorkerFile(file: string): void {
  const old = worker;
  worker = null;
  old?.removeAllListeners();
  void old?.terminate();
  workerBroken = false;
  workerFile = file;
}

function getWorker(nativeBinding: string | undefined): Worker {
  if (worker) return worker;
  const w = new Worker(workerFile, { workerData: { nativeBinding } satisfies ReportWorkerInit });
  w.on('message', (m: { id: number; ok: boolean; value?: unknown; message?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.message));
  });
  const fail = () => {
    if (worker !== w) return;
    worker = null;
    workerBroken = true;
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.fallback();
  };
  w.on('error', fail);
  w.on('exit', fail);
  // Idle, it never keeps the process alive (after the listeners: adding a 'message' listener
  // refs the worker's port again, and a process that had run one report never exited). A job in
  // flight does (reportOffThread refs it): otherwise a process with nothing else to wait for,
  // such as the bench, ended silently in the middle of an await, its figures never printed.
  w.unref();
  worker = w;
  return w;
}

export function workerAvailable(): boolean {
  return !workerBroken && fs.existsSync(workerFile);
}

/**
 * Runs a report job on the worker thread, or here when there is none (or it failed to start).
 * A job's own error (e.g. a busy database) rejects; it is not retried here.
 */
export async function reportOffThread<J extends ReportJob>(
  db: Database,
  job: J,
  nativeBinding?: string,
): Promise<ReportResult<J>> {
  const file = db.name;
  if (db.memory || !workerAvailable()) return runReportJob(db, job);
  const id = nextId++;
  const result = new Promise<ReportResult<J>>((resolve, reject) =>
    pending.set(id, {
      resolve: (v) => resolve(v as ReportResult<J>),
      reject,
      fallback: () => {
        try {
          resolve(runReportJob(db, job));
        } catch (err) {
          reject(err as Error);
        }
      },
    }),
  );
  const key = keyOf(db)?.toString('hex');
  const request: ReportRequest = { id, file: path.resolve(file), job, ...(key ? { key } : {}) };
  const w = getWorker(nativeBinding);
  w.ref();
  w.postMessage(request);
  return result;
}

/**
 * Every open dashboard reloads on each change event, so with several managers watching, one
 * intake write would start the same computation several times. Results are shared per range
 * until the next write (any topic, here or by another process), then computed afresh.
 */
const caches = new WeakMap<AppContext, Map<string, Promise<DashboardData>>>();

export function cachedDashboard(
  app: AppContext,
  range: UtcRange,
  target: number,
): Promise<DashboardData> {
  let cache = caches.get(app);
  if (!cache) {
    const c = new Map<string, Promise<DashboardData>>();
    app.afterWrite.add(() => c.clear());
    caches.set(app, c);
    cache = c;
  }
  // data_version moves when another connection commits (a `handoff import` run by another
  // process while this one serves), which the afterWrite hook cannot see.
  const version = dataVersion(app.db);
  const key = `${version}/${range.startMs}/${range.endMs}/${range.timeZone}/${target}`;
  let result = cache.get(key);
  if (!result) {
    if (cache.size > 50) cache.clear();
    result = reportOffThread(
      app.db,
      { kind: 'dashboard', range, target },
      runtimeInfo(app).nativeBinding,
    );
    const c = cache;
    result.catch(() => c.delete(key)); // a failure is not remembered
    cache.set(key, result);
  }
  return result;
}
