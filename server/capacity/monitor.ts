import { getCapacityState } from '../../db/capacity';
import { notifyChange, type AppContext } from '../context';
import { refreshCapacity } from './state';

/** Writes with these topics can change a published figure (or the facility's name on it). */
export const CAPACITY_SOURCE_TOPICS = new Set([
  'beds',
  'units',
  'encounters',
  'capacity',
  'facility',
  'settings',
  'dispatch',
]);

export interface CapacityMonitor {
  /** Re-reads the stored capacity state (after a change) and tells the subscribers. */
  rebuild(): void;
  subscribe(listener: () => void): () => void;
  stop(): void;
}

const monitors = new WeakMap<AppContext, CapacityMonitor>();

/**
 * Keeps capacity live in a running backend (serve mode, the Electron main process):
 * - after every write touching a capacity topic, subscribers (the dispatch snapshot) rebuild;
 * - a diversion's expiry is watched with the injected clock, and when it passes the status is
 *   reverted, stored and pushed to every desk, even if nobody is looking at the board.
 * Each tick costs no database work unless an expiry is due. One monitor per backend.
 */
export function startCapacityMonitor(app: AppContext, tickMs = 1000): CapacityMonitor {
  const existing = monitors.get(app);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  let expiresAt: number | null = null;

  const rebuild = () => {
    expiresAt = getCapacityState(app.db)?.manual_until ?? null;
    for (const l of listeners) l();
  };
  const hook = (topics: readonly string[]) => {
    // '*': everything may have changed (a backup was restored).
    if (!topics.includes('*') && !topics.some((t) => CAPACITY_SOURCE_TOPICS.has(t))) return;
    // Safety net: a change that forgot to call capacityChanged() (e.g. officers waiting) is
    // still caught here, right after its transaction, and pushed to every desk.
    if (!topics.includes('capacity')) {
      try {
        const before = getCapacityState(app.db)?.figures;
        if (refreshCapacity(app.db, app.clock.now()).figures !== before) {
          notifyChange(app, ['capacity']); // re-enters this hook, which then rebuilds
          return;
        }
      } catch {
        // Busy database: the next change or tick catches up.
      }
    }
    rebuild();
  };
  const tick = () => {
    if (expiresAt === null || app.clock.now() < expiresAt) return;
    try {
      refreshCapacity(app.db, app.clock.now());
      expiresAt = null;
      notifyChange(app, ['capacity']);
    } catch {
      // The database was busy (another writer): the next tick tries again.
    }
  };

  app.db.transaction(() => refreshCapacity(app.db, app.clock.now()))();
  rebuild();
  app.afterWrite.add(hook);
  const timer = setInterval(tick, tickMs);
  timer.unref();
  const monitor: CapacityMonitor = {
    rebuild,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      clearInterval(timer);
      app.afterWrite.delete(hook);
      listeners.clear();
      monitors.delete(app);
    },
  };
  monitors.set(app, monitor);
  return monitor;
}
