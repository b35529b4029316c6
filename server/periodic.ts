/** An hour: how often the background jobs (backups, retention, session pruning) look for work. */
export const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs `tick` now and then every `everyMs`; the timer never keeps the process alive, so a quit is
 * not held up waiting for the next check. Returns the stop.
 */
export function repeatEvery(everyMs: number, tick: () => void): () => void {
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
