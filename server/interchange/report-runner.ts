import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { DashboardData } from '../../core/contract/interchange';
import type { AppContext } from '../context';
import type { UtcRange } from '../../core/reports/range';
import { dashboardData } from './dashboard';
import type { ReportRequest } from './report-worker';

/**
 * Runs the dashboard computation on a worker thread when the built worker sits next to this
 * bundle (serve mode: out/cli/report-worker.cjs), else in-process (tests running TypeScript, and
 * the Electron bundle until it ships the worker with the right native binding).
 */
const WORKER_FILE = path.join(__dirname, 'report-worker.cjs');

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(v: DashboardData): void; reject(e: Error): void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_FILE);
  w.unref(); // never keeps the process alive on its own
  w.on('message', (m: { id: number; ok: boolean; value?: DashboardData; message?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value!);
    else p.reject(new Error(m.message));
  });
  const fail = (err: Error) => {
    worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`report worker exited with ${code}`)));
  worker = w;
  return w;
}

export function workerAvailable(): boolean {
  return fs.existsSync(WORKER_FILE);
}

export async function dashboardOffThread(
  db: Database,
  range: UtcRange,
  target: number,
): Promise<DashboardData> {
  const file = db.name;
  if (db.memory || !workerAvailable()) return dashboardData(db, range, target);
  const id = nextId++;
  const result = new Promise<DashboardData>((resolve, reject) =>
    pending.set(id, { resolve, reject }),
  );
  const request: ReportRequest = { id, file: path.resolve(file), range, target };
  getWorker().postMessage(request);
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
  const version = app.db.pragma('data_version', { simple: true }) as number;
  const key = `${version}/${range.startMs}/${range.endMs}/${range.timeZone}/${target}`;
  let result = cache.get(key);
  if (!result) {
    if (cache.size > 50) cache.clear();
    result = dashboardOffThread(app.db, range, target);
    const c = cache;
    result.catch(() => c.delete(key)); // a failure is not remembered
    cache.set(key, result);
  }
  return result;
}
