import type { Migration } from './types';

/**
 * Capacity: the facility's current status (one row, kept in the same transaction as every bed
 * or arrival change) and its append-only history, from which "% of time accepting" is computed.
 * Rules (limited threshold, accept-when-full, stay thresholds, dispatch sharing) are settings.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'capacity state and history',
  up(db) {
    db.exec(`
      CREATE TABLE capacity_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        status TEXT NOT NULL CHECK (status IN ('open','limited','full','diverting','closed')),
        accepting_law_enforcement INTEGER NOT NULL CHECK (accepting_law_enforcement IN (0,1)),
        -- A manager's diverting/closed, with its reason and optional expiry (epoch ms).
        manual_status TEXT CHECK (manual_status IS NULL OR manual_status IN ('diverting','closed')),
        manual_reason TEXT,
        manual_until INTEGER,
        manual_set_by INTEGER,
        manual_set_at INTEGER,
        -- The published figures (JSON) and when any of them last changed: dispatch's "updatedAt".
        figures TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE capacity_history (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        accepting_law_enforcement INTEGER NOT NULL,
        total INTEGER NOT NULL,
        available INTEGER NOT NULL,
        occupied INTEGER NOT NULL,
        reserved INTEGER NOT NULL,
        out_of_service INTEGER NOT NULL,
        officers_waiting INTEGER NOT NULL,
        user_id INTEGER,
        reason TEXT
      ) STRICT;
      CREATE INDEX capacity_history_at ON capacity_history(at);

      -- Officers waiting is recomputed on every change: keep it to the few rows that match.
      CREATE INDEX encounters_officers_waiting ON encounters(referral_source)
        WHERE status = 'arrived' AND officer_released_at IS NULL;
      -- Discharges in the last 24 hours (EDXL-HAVE Activity24Hr) without a table scan.
      CREATE INDEX encounters_discharged ON encounters(discharged_at) WHERE discharged_at IS NOT NULL;
    `);
  },
};
