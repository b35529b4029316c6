import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { PERSON_TRIGGERS, rebuildPersonLists } from '../../db/person-lists';
import { REPORT_TRIGGERS, rebuildReportRollups } from '../../db/report-rollups';
import { tempDir } from '../helpers/backend';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 14);

/** Encounters as a desk at that version would have left them: repeat visitors, police, declines. */
function addEncounters(db: Database, from: number, count: number): void {
  const insert = db.prepare(
    `INSERT INTO encounters (reference, status, referral_source, agency, first_name, last_name,
       date_of_birth, person_key, arrived_at, officer_released_at, declined_at, decline_reason,
       discharged_at, disposition, unit_kind, created_at, updated_at)
     VALUES (@reference, @status, @source, @agency, 'Ana', 'Ruiz', '1990-04-02', @personKey,
       @arrived, @released, @declined, @declineReason, @discharged, @disposition, 'chair',
       @arrived, @arrived)`,
  );
  for (let i = from; i < from + count; i++) {
    const arrived = T0 + i * 20 * H;
    const police = i % 3 !== 2;
    const declined = police && i % 5 === 4;
    insert.run({
      reference: `H-2026-${String(i + 1).padStart(5, '0')}`,
      status: declined ? 'declined' : 'discharged',
      source: police ? 'law_enforcement' : 'walk_in',
      agency: police ? 'Tucson PD' : null,
      personKey: i % 2 === 0 ? 'ana|ruiz|1990-04-02' : `p${i}|ruiz|1990-04-02`,
      arrived,
      released: declined ? null : arrived + 7 * 60_000,
      declined: declined ? arrived + 9 * 60_000 : null,
      declineReason: declined ? 'medical_needs_ed' : null,
      discharged: declined ? null : arrived + 18 * H,
      disposition: declined ? null : 'home_community',
    });
  }
}

const DERIVED = [
  'encounter_rollup',
  'encounter_rollup_keys',
  'repeat_visits',
  'people',
  'person_returns',
];
const rowsOf = (db: Database, table: string) =>
  db
    .prepare(`SELECT * FROM ${table}`)
    .all()
    .map((r) => JSON.stringify(r))
    .sort();
const schemaOf = (db: Database) =>
  db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .all();

describe('a database of every past version migrates to the latest', () => {
  const fresh = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  const latest = (() => {
    const dir = fresh();
    const db = openDatabase(path.join(dir, 'latest.db'));
    const schema = schemaOf(db);
    db.close();
    return schema;
  })();

  for (const [i, m] of MIGRATIONS.entries()) {
    it(`from version ${m.version} (${m.name}): same schema as a new file, data kept, figures right`, () => {
      const dir = fresh();
      const file = path.join(dir, 'handoff.db');
      const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, i + 1) });
      expect(schemaVersion(old)).toBe(m.version);
      old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kept', '1', 0)").run();
      const hasEncounters = m.version >= 30;
      if (hasEncounters) addEncounters(old, 0, 12);
      old.close();

      const db = openDatabase(file, { backupDir: path.join(dir, 'backups') });
      try {
        expect(schemaVersion(db)).toBe(LATEST_VERSION);
        expect(schemaOf(db)).toEqual(latest);
        expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({
          value: '1',
        });
        // Rows written after the upgrade go through the triggers the migrations installed.
        addEncounters(db, 12, 6);
        const migrated = Object.fromEntries(DERIVED.map((t) => [t, rowsOf(db, t)]));
        expect(migrated.encounter_rollup!.length).toBeGreaterThan(0);
        expect(migrated.repeat_visits!.length).toBeGreaterThan(0);
        expect(migrated.person_returns!.length).toBeGreaterThan(0);
        // The frozen backfill and triggers count exactly what today's code counts from scratch.
        db.transaction(() => {
          rebuildReportRollups(db);
          rebuildPersonLists(db);
        })();
        for (const t of DERIVED) expect(rowsOf(db, t), t).toEqual(migrated[t]);
      } finally {
        db.close();
      }
    });
  }

  it('the live trigger code is what the migrations installed (a change to it needs a migration)', () => {
    const db = openDatabase(path.join(fresh(), 'handoff.db'));
    try {
      const installed = new Map(
        (
          db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
            name: string;
            sql: string;
          }[]
        ).map((r) => [r.name, r.sql]),
      );
      for (const [name, sql] of Object.entries({ ...REPORT_TRIGGERS, ...PERSON_TRIGGERS }))
        expect(installed.get(name), name).toBe(sql);
    } finally {
      db.close();
    }
  });
});
