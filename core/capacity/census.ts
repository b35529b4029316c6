import type { StaffRole } from '../roles';

/** Hours after a confirmation before the counts are called stale (DESIGN.md; 0 = off). */
export const DEFAULT_CONFIRM_WINDOW_HOURS = 8;
export const MAX_CONFIRM_WINDOW_HOURS = 168;

const HOUR = 3_600_000;

/**
 * Stale: the window has passed since the last confirmation, or nothing was ever confirmed.
 * Never stale when the window is off (0).
 */
export function censusStale(confirmedAt: number | null, windowHours: number, now: number): boolean {
  if (windowHours <= 0) return false;
  return confirmedAt === null || now - confirmedAt > windowHours * HOUR;
}

/** When the counts turn stale (null: never, the window is off, or already stale). */
export function censusStaleAt(
  confirmedAt: number | null,
  windowHours: number,
  now: number,
): number | null {
  if (windowHours <= 0 || censusStale(confirmedAt, windowHours, now)) return null;
  return confirmedAt! + windowHours * HOUR + 1;
}

/** What the Board, the wall display and the manager's banner show of the census. */
export interface ConfirmationView {
  confirmedAt: number | null;
  /** The role of who confirmed last (never a name). */
  confirmedBy: StaffRole | null;
  windowHours: number;
  stale: boolean;
  /** The server's clock when read, so "2 h ago" agrees with the server (and a test clock). */
  now: number;
}
