import type { Database } from 'better-sqlite3';
import { censusStale, type ConfirmationView } from '../../core/capacity/census';
import { getCapacitySettings } from '../../db/capacity';
import { lastCensusConfirmation } from '../../db/census-confirmations';

/** The census's freshness as the Board, the wall display and the manager's banner show it. */
export function readCensusConfirmation(db: Database, now: number): ConfirmationView {
  const last = lastCensusConfirmation(db);
  const windowHours = getCapacitySettings(db).confirmWindowHours;
  const confirmedAt = last?.at ?? null;
  return {
    confirmedAt,
    confirmedBy: last?.role ?? null,
    windowHours,
    stale: censusStale(confirmedAt, windowHours, now),
    now,
  };
}
