import type { Database } from 'better-sqlite3';
import { ApiError } from '../../core/result';
import type { EncounterRow } from '../../db/encounters';

/**
 * Where encounters meet the bed board. Bed state belongs to the beds capability
 * (server/beds/service.ts); until it is merged, encounters run without beds: an encounter
 * simply holds none, and assigning one is refused with a clear message.
 */
export interface BedMove {
  /** Bed values to store on the encounter (bed held now, and what the CSV calls the last bed). */
  bedId: number | null;
  unitKind?: string | null;
  bedLabel?: string | null;
}

export function assignBed(
  _db: Database,
  _row: EncounterRow,
  _bedId: number,
  _userId: number,
  _now: number,
): BedMove {
  throw new ApiError('unavailable', 'Beds are not set up in this version yet.', {
    bedId: 'Beds are not available',
  });
}

/** Frees the encounter's bed (to cleaning, or back to available for a reservation). */
export function releaseBed(
  _db: Database,
  row: EncounterRow,
  _userId: number,
  _now: number,
): BedMove | null {
  if (row.bed_id === null) return null;
  return { bedId: null };
}
