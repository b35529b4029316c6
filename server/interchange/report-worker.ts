import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { openReadOnly } from '../../db/read-only';
import { runReportJob, type ReportJob } from './report-jobs';

/**
 * Worker thread entry (built to out/cli/report-worker.cjs and out/main/report-worker.cjs): runs
 * the heavy report reads (the dashboard, the case-management lists) on its own read-only
 * connection, so a 90-day window over a million encounters (tens of ms) does not stall the
 * capacity endpoint or an intake desk on the main thread. WAL lets it read while the main
 * connection writes; each query sees the latest committed data.
 */
export interface ReportRequest {
  id: number;
  file: string;
  /** The database key (hex) when the file is encrypted (db/cipher.ts). */
  key?: string;
  job: ReportJob;
}

/** The desktop app in development loads better-sqlite3 built for Electron's ABI from out/native. */
export interface ReportWorkerInit {
  nativeBinding: string | undefined;
}
const init = (workerData ?? { nativeBinding: undefined }) as ReportWorkerInit;

const connections = new Map<string, Database>();

function connection(file: string, key: string | undefined): Database {
  const id = `${file}\n${key ?? ''}`;
  let db = connections.get(id);
  if (!db) {
    db = openReadOnly(file, init.nativeBinding, key ? Buffer.from(key, 'hex') : undefined);
    connections.set(id, db);
  }
  return db;
}

parentPort?.on('message', (m: ReportRequest) => {
  try {
    const value = runReportJob(connection(m.file, m.key), m.job);
    parentPort!.postMessage({ id: m.id, ok: true, value });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, ok: false, message: (err as Error).message });
  }
});
