import type { Migration } from './types';

/**
 * Reports at a million encounters (issue #8): per-15-minute counts and the repeat-visit pattern,
 * kept by triggers, and narrow partial indexes for the percentiles (db/report-rollups.ts
 * explains each). Existing encounters are counted once here.
 */

/**
 * Frozen: the backfill and the triggers exactly as this version made them (the text below is
 * what db/report-rollups.ts produced then, byte for byte), not the live code, which may change
 * later; a change to the triggers is a new migration.
 */
const BACKFILL_AND_TRIGGERS: readonly string[] = [
  `DELETE FROM encounter_rollup; DELETE FROM encounter_rollup_keys;`,
  `INSERT INTO encounter_rollup (bucket, encounters, police, declined, probable_cause, diverted, chair_over)
     SELECT ((e.arrived_at - ((e.arrived_at % 900000) + 900000) % 900000) / 900000), sum(1), sum(e.referral_source IN ('law_enforcement','co_responder')), sum(e.referral_source IN ('law_enforcement','co_responder') AND e.declined_at IS NOT NULL), sum(e.referral_source IN ('law_enforcement','co_responder') AND e.probable_cause IS 1), sum(e.referral_source IN ('law_enforcement','co_responder') AND e.probable_cause IS 1 AND e.diverted_from_arrest IS 1), sum(e.discharged_at IS NOT NULL AND e.unit_kind IS 'chair' AND e.discharged_at - e.arrived_at > 86340000)
       FROM encounters e WHERE e.id > 0 AND e.arrived_at IS NOT NULL
      GROUP BY 1 ON CONFLICT DO UPDATE SET encounters = encounters + excluded.encounters, police = police + excluded.police, declined = declined + excluded.declined, probable_cause = probable_cause + excluded.probable_cause, diverted = diverted + excluded.diverted, chair_over = chair_over + excluded.chair_over`,
  `INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
     SELECT 'decline_reason', ((e.arrived_at - ((e.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), coalesce(e.decline_reason, 'other'), count(*)
       FROM encounters e
      WHERE e.id > 0 AND e.arrived_at IS NOT NULL AND e.referral_source IN ('law_enforcement','co_responder') AND e.declined_at IS NOT NULL
      GROUP BY 2, 3 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
     SELECT 'disposition', ((e.arrived_at - ((e.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), e.disposition, count(*)
       FROM encounters e
      WHERE e.id > 0 AND e.arrived_at IS NOT NULL AND e.discharged_at IS NOT NULL
        AND e.disposition IS NOT NULL
      GROUP BY 2, 3 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `DELETE FROM repeat_visits WHERE person_key IS NOT NULL`,
  `INSERT INTO repeat_visits (encounter_id, person_key, arrived_at, first_at)
     SELECT id, person_key, arrived_at, first_at
       FROM (SELECT id, person_key, arrived_at, lag(arrived_at, 2) OVER (
                      PARTITION BY person_key ORDER BY arrived_at, id) AS first_at
               FROM encounters WHERE person_key IS NOT NULL AND arrived_at IS NOT NULL)
      WHERE arrived_at - first_at <= 2592000000`,
  `CREATE TRIGGER encounters_rollup_insert AFTER INSERT ON encounters
    WHEN NEW.arrived_at IS NOT NULL BEGIN 
  INSERT INTO encounter_rollup (bucket, encounters, police, declined, probable_cause, diverted, chair_over)
  SELECT ((NEW.arrived_at - ((NEW.arrived_at % 900000) + 900000) % 900000) / 900000), 1 * (1), 1 * (NEW.referral_source IN ('law_enforcement','co_responder')), 1 * (NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.declined_at IS NOT NULL), 1 * (NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.probable_cause IS 1), 1 * (NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.probable_cause IS 1 AND NEW.diverted_from_arrest IS 1), 1 * (NEW.discharged_at IS NOT NULL AND NEW.unit_kind IS 'chair' AND NEW.discharged_at - NEW.arrived_at > 86340000)
   WHERE NEW.arrived_at IS NOT NULL
  ON CONFLICT (bucket) DO UPDATE SET
    encounters = encounters + excluded.encounters, police = police + excluded.police, declined = declined + excluded.declined, probable_cause = probable_cause + excluded.probable_cause, diverted = diverted + excluded.diverted, chair_over = chair_over + excluded.chair_over;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'decline_reason', ((NEW.arrived_at - ((NEW.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), coalesce(NEW.decline_reason, 'other'), 1
   WHERE NEW.arrived_at IS NOT NULL AND NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.declined_at IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'disposition', ((NEW.arrived_at - ((NEW.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), NEW.disposition, 1
   WHERE NEW.arrived_at IS NOT NULL AND NEW.discharged_at IS NOT NULL AND NEW.disposition IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n; END`,
  `CREATE TRIGGER encounters_rollup_delete AFTER DELETE ON encounters
    WHEN OLD.arrived_at IS NOT NULL BEGIN 
  INSERT INTO encounter_rollup (bucket, encounters, police, declined, probable_cause, diverted, chair_over)
  SELECT ((OLD.arrived_at - ((OLD.arrived_at % 900000) + 900000) % 900000) / 900000), -1 * (1), -1 * (OLD.referral_source IN ('law_enforcement','co_responder')), -1 * (OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.declined_at IS NOT NULL), -1 * (OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.probable_cause IS 1), -1 * (OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.probable_cause IS 1 AND OLD.diverted_from_arrest IS 1), -1 * (OLD.discharged_at IS NOT NULL AND OLD.unit_kind IS 'chair' AND OLD.discharged_at - OLD.arrived_at > 86340000)
   WHERE OLD.arrived_at IS NOT NULL
  ON CONFLICT (bucket) DO UPDATE SET
    encounters = encounters + excluded.encounters, police = police + excluded.police, declined = declined + excluded.declined, probable_cause = probable_cause + excluded.probable_cause, diverted = diverted + excluded.diverted, chair_over = chair_over + excluded.chair_over;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'decline_reason', ((OLD.arrived_at - ((OLD.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), coalesce(OLD.decline_reason, 'other'), -1
   WHERE OLD.arrived_at IS NOT NULL AND OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.declined_at IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'disposition', ((OLD.arrived_at - ((OLD.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), OLD.disposition, -1
   WHERE OLD.arrived_at IS NOT NULL AND OLD.discharged_at IS NOT NULL AND OLD.disposition IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n; END`,
  `CREATE TRIGGER encounters_rollup_update AFTER UPDATE OF arrived_at, referral_source, declined_at, decline_reason, probable_cause, diverted_from_arrest, discharged_at, unit_kind, disposition ON encounters
    WHEN (OLD.arrived_at, OLD.referral_source, OLD.declined_at, OLD.decline_reason, OLD.probable_cause, OLD.diverted_from_arrest, OLD.discharged_at, OLD.unit_kind, OLD.disposition) IS NOT (NEW.arrived_at, NEW.referral_source, NEW.declined_at, NEW.decline_reason, NEW.probable_cause, NEW.diverted_from_arrest, NEW.discharged_at, NEW.unit_kind, NEW.disposition) BEGIN 
  INSERT INTO encounter_rollup (bucket, encounters, police, declined, probable_cause, diverted, chair_over)
  SELECT ((OLD.arrived_at - ((OLD.arrived_at % 900000) + 900000) % 900000) / 900000), -1 * (1), -1 * (OLD.referral_source IN ('law_enforcement','co_responder')), -1 * (OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.declined_at IS NOT NULL), -1 * (OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.probable_cause IS 1), -1 * (OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.probable_cause IS 1 AND OLD.diverted_from_arrest IS 1), -1 * (OLD.discharged_at IS NOT NULL AND OLD.unit_kind IS 'chair' AND OLD.discharged_at - OLD.arrived_at > 86340000)
   WHERE OLD.arrived_at IS NOT NULL
  ON CONFLICT (bucket) DO UPDATE SET
    encounters = encounters + excluded.encounters, police = police + excluded.police, declined = declined + excluded.declined, probable_cause = probable_cause + excluded.probable_cause, diverted = diverted + excluded.diverted, chair_over = chair_over + excluded.chair_over;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'decline_reason', ((OLD.arrived_at - ((OLD.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), coalesce(OLD.decline_reason, 'other'), -1
   WHERE OLD.arrived_at IS NOT NULL AND OLD.referral_source IN ('law_enforcement','co_responder') AND OLD.declined_at IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'disposition', ((OLD.arrived_at - ((OLD.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), OLD.disposition, -1
   WHERE OLD.arrived_at IS NOT NULL AND OLD.discharged_at IS NOT NULL AND OLD.disposition IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n; 
  INSERT INTO encounter_rollup (bucket, encounters, police, declined, probable_cause, diverted, chair_over)
  SELECT ((NEW.arrived_at - ((NEW.arrived_at % 900000) + 900000) % 900000) / 900000), 1 * (1), 1 * (NEW.referral_source IN ('law_enforcement','co_responder')), 1 * (NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.declined_at IS NOT NULL), 1 * (NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.probable_cause IS 1), 1 * (NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.probable_cause IS 1 AND NEW.diverted_from_arrest IS 1), 1 * (NEW.discharged_at IS NOT NULL AND NEW.unit_kind IS 'chair' AND NEW.discharged_at - NEW.arrived_at > 86340000)
   WHERE NEW.arrived_at IS NOT NULL
  ON CONFLICT (bucket) DO UPDATE SET
    encounters = encounters + excluded.encounters, police = police + excluded.police, declined = declined + excluded.declined, probable_cause = probable_cause + excluded.probable_cause, diverted = diverted + excluded.diverted, chair_over = chair_over + excluded.chair_over;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'decline_reason', ((NEW.arrived_at - ((NEW.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), coalesce(NEW.decline_reason, 'other'), 1
   WHERE NEW.arrived_at IS NOT NULL AND NEW.referral_source IN ('law_enforcement','co_responder') AND NEW.declined_at IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO encounter_rollup_keys (kind, bucket, key, n)
  SELECT 'disposition', ((NEW.arrived_at - ((NEW.arrived_at % 3600000) + 3600000) % 3600000) / 3600000), NEW.disposition, 1
   WHERE NEW.arrived_at IS NOT NULL AND NEW.discharged_at IS NOT NULL AND NEW.disposition IS NOT NULL
  ON CONFLICT (kind, bucket, key) DO UPDATE SET n = n + excluded.n; END`,
  `CREATE TRIGGER encounters_repeat_insert AFTER INSERT ON encounters
    WHEN NEW.person_key IS NOT NULL AND NEW.arrived_at IS NOT NULL BEGIN
    
  DELETE FROM repeat_visits WHERE person_key = NEW.person_key AND arrived_at >= NEW.arrived_at;
  INSERT INTO repeat_visits (encounter_id, person_key, arrived_at, first_at)
  SELECT id, person_key, arrived_at, first_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1 OFFSET 1) AS first_at
      FROM encounters e WHERE e.person_key = NEW.person_key AND e.arrived_at >= NEW.arrived_at)
   WHERE arrived_at - first_at <= 2592000000; END`,
  `CREATE TRIGGER encounters_repeat_delete AFTER DELETE ON encounters
    WHEN OLD.person_key IS NOT NULL AND OLD.arrived_at IS NOT NULL BEGIN
    
  DELETE FROM repeat_visits WHERE person_key = OLD.person_key AND arrived_at >= OLD.arrived_at;
  INSERT INTO repeat_visits (encounter_id, person_key, arrived_at, first_at)
  SELECT id, person_key, arrived_at, first_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1 OFFSET 1) AS first_at
      FROM encounters e WHERE e.person_key = OLD.person_key AND e.arrived_at >= OLD.arrived_at)
   WHERE arrived_at - first_at <= 2592000000; END`,
  `CREATE TRIGGER encounters_repeat_update AFTER UPDATE OF person_key, arrived_at ON encounters
    WHEN (OLD.person_key, OLD.arrived_at) IS NOT (NEW.person_key, NEW.arrived_at) BEGIN
    DELETE FROM repeat_visits WHERE encounter_id = NEW.id;
    
  DELETE FROM repeat_visits WHERE person_key = OLD.person_key AND arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at);
  INSERT INTO repeat_visits (encounter_id, person_key, arrived_at, first_at)
  SELECT id, person_key, arrived_at, first_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1 OFFSET 1) AS first_at
      FROM encounters e WHERE e.person_key = OLD.person_key AND e.arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at))
   WHERE arrived_at - first_at <= 2592000000;
    
  DELETE FROM repeat_visits WHERE person_key = NEW.person_key AND arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at);
  INSERT INTO repeat_visits (encounter_id, person_key, arrived_at, first_at)
  SELECT id, person_key, arrived_at, first_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1 OFFSET 1) AS first_at
      FROM encounters e WHERE e.person_key = NEW.person_key AND e.arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at))
   WHERE arrived_at - first_at <= 2592000000;
    END`,
];

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
    for (const sql of BACKFILL_AND_TRIGGERS) db.exec(sql);
  },
};
