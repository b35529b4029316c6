/**
 * Officer turnaround: arrival → staff assume custody (officer released). The live clock on the
 * board and the figures both use these, so "amber" means the same thing everywhere.
 */
export const DEFAULT_TURNAROUND_TARGET_MINUTES = 10;
/** Amber from this share of the target (issue 4: 80%). */
export const TURNAROUND_WARNING_SHARE = 0.8;

export type TurnaroundLevel = 'within' | 'near' | 'over';

/** Elapsed ms of an officer's wait: until release, or until `now` while still waiting. */
export function turnaroundMs(arrivedAt: number, releasedAt: number | null, now: number): number {
  return Math.max(0, (releasedAt ?? now) - arrivedAt);
}

export function turnaroundLevel(elapsedMs: number, targetMinutes: number): TurnaroundLevel {
  const target = targetMinutes * 60_000;
  if (elapsedMs > target) return 'over';
  if (elapsedMs >= target * TURNAROUND_WARNING_SHARE) return 'near';
  return 'within';
}

/** `mm:ss` (minutes keep counting past 59: an officer waiting 75 min reads 75:00). */
export function formatMmSs(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Whole minutes, rounded to 2 decimals, as the figures report them. */
export const turnaroundMinutes = (arrivedAt: number, releasedAt: number): number =>
  Math.round(((releasedAt - arrivedAt) / 60_000) * 100) / 100;
