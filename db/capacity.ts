import type { Database } from 'better-sqlite3';
import {
  DEFAULT_CAPACITY_SETTINGS,
  DEFAULT_DISPATCH_SETTINGS,
  type CapacitySettings,
  type DispatchSettings,
} from '../core/capacity/settings';
import type { CapacityStatus } from '../core/vocab';
import { getSetting, setSetting } from './settings';

/** The one row of current capacity (migration 0040). */
export interface CapacityStateRow {
  id: 1;
  status: CapacityStatus;
  accepting_law_enforcement: 0 | 1;
  manual_status: 'diverting' | 'closed' | null;
  manual_reason: string | null;
  manual_until: number | null;
  manual_set_by: number | null;
  manual_set_at: number | null;
  figures: string;
  updated_at: number;
}

export function getCapacityState(db: Database): CapacityStateRow | undefined {
  return db.prepare('SELECT * FROM capacity_state WHERE id = 1').get() as
    CapacityStateRow | undefined;
}

export function saveCapacityState(db: Database, s: Omit<CapacityStateRow, 'id'>): void {
  db.prepare(
    `INSERT INTO capacity_state (id, status, accepting_law_enforcement, manual_status, manual_reason,
       manual_until, manual_set_by, manual_set_at, figures, updated_at)
     VALUES (1, @status, @accepting_law_enforcement, @manual_status, @manual_reason,
       @manual_until, @manual_set_by, @manual_set_at, @figures, @updated_at)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status,
       accepting_law_enforcement = excluded.accepting_law_enforcement,
       manual_status = excluded.manual_status, manual_reason = excluded.manual_reason,
       manual_until = excluded.manual_until, manual_set_by = excluded.manual_set_by,
       manual_set_at = excluded.manual_set_at, figures = excluded.figures,
       updated_at = excluded.updated_at`,
  ).run(s);
}

export interface CapacityHistoryRow {
  id: number;
  at: number;
  status: CapacityStatus;
  accepting_law_enforcement: 0 | 1;
  total: number;
  available: number;
  occupied: number;
  reserved: number;
  out_of_service: number;
  officers_waiting: number;
  user_id: number | null;
  reason: string | null;
}

export function appendCapacityHistory(db: Database, h: Omit<CapacityHistoryRow, 'id'>): void {
  db.prepare(
    `INSERT INTO capacity_history (at, status, accepting_law_enforcement, total, available, occupied,
       reserved, out_of_service, officers_waiting, user_id, reason)
     VALUES (@at, @status, @accepting_law_enforcement, @total, @available, @occupied,
       @reserved, @out_of_service, @officers_waiting, @user_id, @reason)`,
  ).run(h);
}

export function lastCapacityHistory(db: Database): CapacityHistoryRow | undefined {
  return db.prepare('SELECT * FROM capacity_history ORDER BY id DESC LIMIT 1').get() as
    CapacityHistoryRow | undefined;
}

const CAPACITY_KEY = 'capacity';
const DISPATCH_KEY = 'dispatch';

/** Stored values are merged over the defaults, so a setting added later has a value at once. */
export function getCapacitySettings(db: Database): CapacitySettings {
  const stored = getSetting<Partial<CapacitySettings>>(db, CAPACITY_KEY, {});
  return {
    ...DEFAULT_CAPACITY_SETTINGS,
    ...stored,
    accepts: { ...DEFAULT_CAPACITY_SETTINGS.accepts, ...stored.accepts },
  };
}

export function setCapacitySettings(db: Database, s: CapacitySettings, now: number): void {
  setSetting(db, CAPACITY_KEY, s, now);
}

export function getDispatchSettings(db: Database): DispatchSettings {
  return {
    ...DEFAULT_DISPATCH_SETTINGS,
    ...getSetting<Partial<DispatchSettings>>(db, DISPATCH_KEY, {}),
  };
}

export function setDispatchSettings(db: Database, s: DispatchSettings, now: number): void {
  setSetting(db, DISPATCH_KEY, s, now);
}

const DAY = 24 * 3_600_000;

/** Admissions (arrivals not declined) and discharges in the 24 hours up to now (EDXL-HAVE). */
export function activity24h(db: Database, now: number): { admissions: number; discharges: number } {
  return db
    .prepare(
      `SELECT
         (SELECT count(*) FROM encounters WHERE arrived_at > @since AND arrived_at <= @now
            AND declined_at IS NULL) AS admissions,
         (SELECT count(*) FROM encounters WHERE discharged_at > @since AND discharged_at <= @now) AS discharges`,
    )
    .get({ since: now - DAY, now }) as { admissions: number; discharges: number };
}
