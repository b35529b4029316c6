import type { Migration } from './types';

/*
 * The dashboard at a million encounters after a write (issues #19, #20: ≤ 50 ms for 90 days).
 * Any commit resets the report worker's page cache, so each call read and decrypted the same
 * ~1,700 pages of the turnaround, stay and follow-up indexes again, though a write touches one
 * or two days. The worker now keeps each day's part of those figures (db/report-days.ts) and
 * needs to know, exactly, which days changed since it read them: every change of a column those
 * figures read gives the arrival day a new random version. A restored backup gets a new epoch,
 * so no part read from other content is ever taken for this one's.
 *
 * Days are UTC days of arrived_at (floor: negative times included). The SQL is written out
 * here, not imported: a migration must not change with live code.
 */
const day = (t: string) => `(${t} / 86400000 - (${t} % 86400000 < 0))`;
const upsert = (select: string) => `
  INSERT INTO report_day_versions (day, v) ${select}
  ON CONFLICT (day) DO UPDATE SET v = excluded.v;`;
/** The day of `t` gets a new version (one row upserted; no temporary table). */
const bump = (t: string) => upsert(`SELECT ${day(t)}, random() >> 11 WHERE ${t} IS NOT NULL`);
/** A change: the new day, and the old one when the row moved to another day. */
const bumpBoth = `${bump('NEW.arrived_at')}
  ${upsert(`SELECT ${day('OLD.arrived_at')}, random() >> 11
             WHERE OLD.arrived_at IS NOT NULL
               AND ${day('OLD.arrived_at')} IS NOT ${day('NEW.arrived_at')}`)}`;

const ENCOUNTER_COLUMNS = [
  'arrived_at',
  'referral_source',
  'officer_released_at',
  'declined_at',
  'agency',
  'unit_kind',
  'discharged_at',
];
const PLAN_COLUMNS = [
  'arrived_at',
  'eligible',
  'discharged_at',
  'first_reached_at',
  'appointment_at',
  'appointment_kept',
];
const changed = (columns: string[]) =>
  `(${columns.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${columns.map((c) => `NEW.${c}`).join(', ')})`;

export const migration0210: Migration = {
  version: 210,
  name: 'report parts: a version per arrival day',
  up(db) {
    db.exec(`
      CREATE TABLE report_day_versions (
        day INTEGER PRIMARY KEY,
        v INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE report_epoch (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        v INTEGER NOT NULL
      ) STRICT;
      INSERT INTO report_epoch (id, v) VALUES (1, random() >> 11);

      CREATE TRIGGER report_day_encounter_insert AFTER INSERT ON encounters
        WHEN NEW.arrived_at IS NOT NULL BEGIN ${bump('NEW.arrived_at')} END;
      CREATE TRIGGER report_day_encounter_delete AFTER DELETE ON encounters
        WHEN OLD.arrived_at IS NOT NULL BEGIN ${bump('OLD.arrived_at')} END;
      CREATE TRIGGER report_day_encounter_update
        AFTER UPDATE OF ${ENCOUNTER_COLUMNS.join(', ')} ON encounters
        WHEN ${changed(ENCOUNTER_COLUMNS)} BEGIN ${bumpBoth} END;
      CREATE TRIGGER report_day_plan_insert AFTER INSERT ON follow_up_plans
        BEGIN ${bump('NEW.arrived_at')} END;
      CREATE TRIGGER report_day_plan_delete AFTER DELETE ON follow_up_plans
        BEGIN ${bump('OLD.arrived_at')} END;
      CREATE TRIGGER report_day_plan_update
        AFTER UPDATE OF ${PLAN_COLUMNS.join(', ')} ON follow_up_plans
        WHEN ${changed(PLAN_COLUMNS)} BEGIN ${bumpBoth} END;
    `);
  },
};
