import type { Database } from 'better-sqlite3';
import type { WaitingOfficer } from '../core/encounters/types';
import type { EncounterRow } from './encounters';
import { POLICE } from './report-sql';

/**
 * Officers waiting at the door: a police drop-off that arrived and whose officer is not yet
 * released. The one definition: dispatch counts it (capacity figures), the desk lists it (the
 * handoff board). Every way in sets arrived_at with the status, so it is set here. Served by
 * the partial index `encounters_officers_waiting` (migration 0040).
 */
const OFFICER_WAITING = `status = 'arrived' AND ${POLICE} AND officer_released_at IS NULL`;

export function countOfficersWaiting(db: Database): number {
  return (
    db.prepare(`SELECT count(*) AS n FROM encounters WHERE ${OFFICER_WAITING}`).get() as {
      n: number;
    }
  ).n;
}

interface WaitingRow extends EncounterRow {
  from_kiosk: 0 | 1;
}

/**
 * Initials only: the board can be seen from the door. Only the letters known, like the bed board
 * (a "?" for a missing name read as English on a Spanish screen).
 */
const initials = (r: EncounterRow): string | null =>
  `${r.first_name?.trim()[0] ?? ''}${r.last_name?.trim()[0] ?? ''}`.toUpperCase() || null;

/** The officers waiting, longest first, as the handoff board shows them. */
export function listOfficersWaiting(db: Database): WaitingOfficer[] {
  const rows = db
    .prepare(
      `SELECT e.*, EXISTS (SELECT 1 FROM kiosk_devices k WHERE k.user_id = e.created_by) AS from_kiosk
       FROM encounters e WHERE ${OFFICER_WAITING} ORDER BY e.arrived_at, e.id`,
    )
    .all() as WaitingRow[];
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    referralSource: r.referral_source as WaitingOfficer['referralSource'],
    agency: r.agency,
    officerName: r.officer_name,
    badgeNumber: r.badge_number,
    arrivedAt: r.arrived_at!,
    initials: initials(r),
    fromKiosk: r.from_kiosk === 1,
  }));
}
