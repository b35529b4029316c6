import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from './app';
import { startSessionPruner } from './auth/sessions';
import { backupAndRotate, startBackupScheduler, type BackupScheduler } from './backup';
import { startCapacityMonitor, type CapacityMonitor } from './capacity/monitor';
import {
  startDispatchSharing,
  type DispatchSharing,
  type SharingOverrides,
} from './capacity/sharing';
import { databaseProblem } from './integrity';
import { startRetentionScheduler, type RetentionScheduler } from './retention/run';

/**
 * The services that run beside the UI, whichever shell it is (the desktop app, `handoff serve`):
 * the capacity monitor, the daily backups, the retention job, expired-session pruning and dispatch
 * sharing; started and stopped here once.
 */

export interface ServiceLog {
  error(message: string, err: unknown): void;
  info?(message: string): void;
  warn?(message: string): void;
}

export interface Services {
  monitor: CapacityMonitor;
  scheduler: BackupScheduler;
  /** Retention (Settings → Retention): a run a day when an administrator turned it on. */
  retention: RetentionScheduler;
  /** Expired sessions removed hourly, besides at every sign-in. */
  sessions: { stop(): void };
  /** Dispatch sharing: a port in use is reported by its status, never fatal. */
  sharing: Promise<DispatchSharing>;
}

/** The bundled capacity listener thread next to a bundle in `dir`, when running from a build. */
export function capacityWorkerFile(dir: string): string | undefined {
  // HANDOFF_CAPACITY_THREAD=0 keeps it on the main thread (to compare, bench/RESULTS.md History).
  if (process.env.HANDOFF_CAPACITY_THREAD === '0') return undefined;
  const file = path.join(dir, 'capacity-worker.cjs');
  return fs.existsSync(file) ? file : undefined;
}

export function startServices(
  backend: Backend,
  log: ServiceLog,
  capacity: SharingOverrides = {},
): Services {
  const monitor = startCapacityMonitor(backend);
  // A checked copy every day (checked hourly) and one on the way out.
  const scheduler = startBackupScheduler(backend, log);
  const retention = startRetentionScheduler(backend, log);
  const sessions = startSessionPruner(backend, log);
  const sharing = startDispatchSharing(backend, monitor, capacity);
  return { monitor, scheduler, retention, sessions, sharing };
}

/**
 * On the way out: nothing new is started, a backup in progress is waited for, then one verified
 * copy — never of a damaged file (its check would fail and could rotate a good copy away). With
 * `backupTimeoutMs`, a hung disk cannot hold the exit longer than that. The caller closes the
 * database afterwards.
 */
export async function stopServices(
  backend: Backend,
  services: Services,
  log: ServiceLog,
  options: { backupTimeoutMs?: number } = {},
): Promise<void> {
  const sharing = services.sharing.then(
    (s) => s.stop(),
    () => undefined, // never started: its failure was reported then
  );
  services.monitor.stop();
  services.scheduler.stop();
  services.retention.stop();
  services.sessions.stop();
  const backup = services.scheduler
    .idle()
    .then(() => (databaseProblem(backend) ? undefined : backupAndRotate(backend, 'quit')))
    .then((info) => (info ? log.info?.(`backup on quit: ${info.name}`) : undefined));
  const timeout =
    options.backupTimeoutMs === undefined
      ? null
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            log.warn?.('backup on quit timed out');
            resolve();
          }, options.backupTimeoutMs);
          void backup.finally(() => clearTimeout(t)).catch(() => undefined);
        });
  try {
    await (timeout ? Promise.race([backup, timeout]) : backup);
  } catch (err) {
    log.error('backup on quit failed', err);
  }
  await sharing.catch((err: unknown) => log.error('stopping dispatch sharing failed', err));
}
