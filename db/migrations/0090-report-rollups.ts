import { REPORT_TRIGGERS, rebuildReportRollups } from '../report-rollups';
import type { Migration } from './types';

/**
 * Reports at a million encounters (issue #8): per-15-minute counts and the repeat-visit pattern,
 * kept by triggers, and narrow partial indexes for the percentiles (db/report-rollups.ts
 * explains each). Existing encounters are counted once here.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'report rollups, repeat visits, percentile indexes',
  up(db) {
    db.exec(`
      CREATE TABLE encounter_rollup (
        bucket INTEGER PRIMARY KEY,          -- floor(arrived_at / 15 min), UTC
        encounters INTEGER NOT NULL,
        police INTEGER NOT NULL,
        declined INTEGER NOT NULL,           -- police drop-offs declined
        probable_cause INTEGER NOT NULL,     -- police drop-offs with probable cause
        diverted INTEGER NOT NULL,           -- ... and diverted from arrest
        chair_over INTEGER NOT NULL          -- discharged from a chair after over 23 h 59 min
      ) STRICT;
      CREATE TABLE encounter_rollup_keys (
        kind TEXT NOT NULL CHECK (kind IN ('decline_reason','disposition')),
        bucket INTEGER NOT NULL,             -- floor(arrived_at / 1 hour), UTC
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (kind, bucket, key)
      ) STRICT, WITHOUT ROWID;
      -- Not a column on encounters: adding one to a STRICT table re-checks every row (6 s at 1M).
      CREATE TABLE repeat_visits (
        encounter_id INTEGER PRIMARY KEY,    -- the later visit (no foreign key: triggers keep it)
        person_key TEXT NOT NULL,
        arrived_at INTEGER NOT NULL,
        first_at INTEGER NOT NULL            -- arrival of the same person's visit two before
      ) STRICT;
      CREATE INDEX repeat_visits_arrived ON repeat_visits(arrived_at, first_at, person_key);
      CREATE INDEX repeat_visits_person ON repeat_visits(person_key, arrived_at);

      -- Officer turnaround (minutes, by agency and hour): the measured drop-offs only.
      CREATE INDEX encounters_turnaround ON encounters(arrived_at, officer_released_at, agency)
        WHERE referral_source IN ('law_enforcement','co_responder')
          AND officer_released_at IS NOT NULL AND declined_at IS NULL;
      -- Length of stay by unit kind: discharged encounters only.
      CREATE INDEX encounters_stay ON encounters(unit_kind, arrived_at, discharged_at)
        WHERE discharged_at IS NOT NULL AND unit_kind IS NOT NULL;
    `);
    rebuildReportRollups(db);
    for (const sql of Object.values(REPORT_TRIGGERS)) db.exec(sql);
  },
};
