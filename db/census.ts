import type { Database } from 'better-sqlite3';
import { POLICE } from './report-sql';

/** One person in the building: arrived (officer possibly still waiting) or accepted. */
export interface CensusRow {
  id: number;
  reference: string;
  status: 'arrived' | 'accepted';
  referral_source: string;
  first_name: string | null;
  last_name: string | null;
  legal_status: string | null;
  arrived_at: number;
  officer_released_at: number | null;
  bed_label: string | null;
  unit_name: string | null;
  unit_kind: string | null;
}

/**
 * The census: everyone in the building, longest stay first. An arrival whose officer still
 * waits is in the building too; an expected arrival is not (it has no arrival time yet).
 * SQLite uses a partial index only when the query repeats its WHERE term word for word, hence
 * the doubled status condition: without it the census walked all history (934 ms at 1M).
 */
export function listCensus(db: Database): CensusRow[] {
  return db
    .prepare(
      `SELECT e.id, e.reference, e.status, e.referral_source, e.first_name, e.last_name,
              e.legal_status, e.arrived_at, e.officer_released_at,
              b.label AS bed_label, u.name AS unit_name, u.kind AS unit_kind
         FROM encounters e
         LEFT JOIN beds b ON b.encounter_id = e.id AND b.status = 'occupied'
         LEFT JOIN units u ON u.id = b.unit_id
        WHERE e.status IN ('expected','arrived','accepted') -- the partial index's own term
          AND e.status IN ('arrived','accepted') AND e.arrived_at IS NOT NULL
        ORDER BY e.arrived_at, e.id`,
    )
    .all() as CensusRow[];
}

export interface ShiftFigures {
  handoffs: number;
  overTarget: number;
  turnaroundsMs: number[];
  declines: { reason: string; n: number }[];
}

/** This shift's officer handoffs (released since `from`) and declines, for the handover view. */
export function shiftFigures(db: Database, from: number, targetMs: number): ShiftFigures {
  const turnarounds = (
    db
      .prepare(
        `SELECT officer_released_at - arrived_at AS ms FROM encounters INDEXED BY encounters_released
          WHERE officer_released_at >= ? AND officer_released_at IS NOT NULL
            AND arrived_at IS NOT NULL AND ${POLICE}
          ORDER BY ms`,
      )
      .all(from) as { ms: number }[]
  ).map((r) => r.ms);
  const declines = db
    .prepare(
      `SELECT coalesce(decline_reason, 'other') AS reason, count(*) AS n
         FROM encounters INDEXED BY encounters_declined
        WHERE declined_at >= ? AND declined_at IS NOT NULL GROUP BY 1 ORDER BY n DESC, reason`,
    )
    .all(from) as { reason: string; n: number }[];
  return {
    handoffs: turnarounds.length,
    overTarget: turnarounds.filter((ms) => ms > targetMs).length,
    turnaroundsMs: turnarounds,
    declines,
  };
}
