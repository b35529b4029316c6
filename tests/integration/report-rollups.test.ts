/**
 * The report rollups of migration 0090 (per-15-minute counts, hourly reasons and dispositions,
 * repeat visits), kept by triggers, must give exactly what the direct computation over the
 * encounters gives (db/reports-direct.ts) — after random inserts, corrections and deletions, in
 * zones whose midnight is on the hour, on the half hour and with DST, and after the migration's
 * backfill of an existing database.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, resolveRange } from '../../core/reports/range';
import { LATEST_VERSION, MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { insertWithoutRollupTriggers, rebuildReportRollups } from '../../db/report-rollups';
import { withEncounterIndexesRebuilt } from '../../db/encounter-import';
import { possibleMatches } from '../../db/person-matches';
import { rebuildPersonLists } from '../../db/person-lists';
import {
  computeFigures,
  countRepeatVisitors,
  listRepeatVisitors,
  turnaround,
  volume,
} from '../../db/reports';
import {
  computeFiguresDirect,
  listRepeatVisitorsDirect,
  possibleMatchesDirect,
  turnaroundByAgencyDirect,
  turnaroundByHourDirect,
  volumeDirect,
} from '../../db/reports-direct';
import { tempDir } from '../helpers/backend';

const ZONES = ['America/Denver', 'Asia/Kolkata', 'Australia/Adelaide', 'UTC'];
const SOURCES = ['law_enforcement', 'co_responder', 'walk_in', 'ems'];
const KINDS = ['chair', 'bed', 'youth_bed', null];
const DISPOSITIONS = ['home_community', 'medical_ed', 'short_term_bed', null];
const REASONS = ['no_bed', 'medical_needs_ed', null];
const PEOPLE = [
  'ana|diaz|1990-01-01',
  'bo|li|1985-05-05',
  'cy|ng|2000-02-02',
  'ana|diaz|1991-01-01', // same names as the first, another date of birth
  'bea|diaz|1990-01-01', // same last name and date of birth as the first
  null,
];
const BASE = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

let db: Database;
let n = 0;
beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'rollups.db'));
});
afterAll(() => db.close());

const encounter = fc.record({
  arrivedH: fc.option(fc.integer({ min: 0, max: 24 * 40 }), { freq: 8 }),
  minute: fc.integer({ min: 0, max: 59 }),
  source: fc.constantFrom(...SOURCES),
  releasedMin: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }),
  declined: fc.boolean(),
  reason: fc.constantFrom(...REASONS),
  pc: fc.constantFrom(0, 1, null),
  diverted: fc.constantFrom(0, 1, null),
  stayMin: fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 3 }),
  kind: fc.constantFrom(...KINDS),
  disposition: fc.constantFrom(...DISPOSITIONS),
  // Case variants and quotes are distinct agencies (grouped by exact name, as SQL's GROUP BY).
  agency: fc.constantFrom('Tucson PD', 'Pima County', null, 'tucson pd', "O'Neil Sheriff", ''),
  person: fc.constantFrom(...PEOPLE),
});
type Enc = typeof encounter extends fc.Arbitrary<infer T> ? T : never;

function columns(e: Enc) {
  const arrived = e.arrivedH === null ? null : BASE + e.arrivedH * HOUR + e.minute * 60_000;
  return {
    arrived_at: arrived,
    referral_source: e.source,
    agency: e.agency,
    officer_released_at:
      arrived !== null && e.releasedMin !== null ? arrived + e.releasedMin * 60_017 : null,
    declined_at: arrived !== null && e.declined ? arrived + 60_000 : null,
    decline_reason: e.declined ? e.reason : null,
    probable_cause: e.pc,
    diverted_from_arrest: e.diverted,
    discharged_at: arrived !== null && e.stayMin !== null ? arrived + e.stayMin * 60_013 : null,
    unit_kind: e.kind,
    disposition: e.stayMin !== null ? e.disposition : null,
    person_key: e.person,
    first_name: e.person?.split('|')[0] ?? null,
    last_name: e.person?.split('|')[1] ?? null,
    date_of_birth: e.person?.split('|')[2] ?? null,
  };
}

function insert(e: Enc): number {
  const c = columns(e);
  const cols = Object.keys(c);
  return Number(
    db
      .prepare(
        `INSERT INTO encounters (reference, status, created_at, updated_at, ${cols.join(', ')})
         VALUES (@reference, 'arrived', 0, 0, ${cols.map((k) => `@${k}`).join(', ')})`,
      )
      .run({ reference: `R-${++n}`, ...c }).lastInsertRowid,
  );
}

function correct(id: number, e: Enc): void {
  const c = columns(e);
  db.prepare(
    `UPDATE encounters SET ${Object.keys(c)
      .map((k) => `${k} = @${k}`)
      .join(', ')} WHERE id = @id`,
  ).run({ id, ...c });
}

const op = fc.oneof(
  { weight: 6, arbitrary: encounter.map((e) => ({ kind: 'insert' as const, e })) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), encounter).map(([i, e]) => ({ kind: 'correct' as const, i, e })),
  },
  { weight: 1, arbitrary: fc.nat().map((i) => ({ kind: 'delete' as const, i })) },
);

function apply(ops: (typeof op extends fc.Arbitrary<infer O> ? O : never)[]): void {
  db.exec('DELETE FROM encounters');
  const ids: number[] = [];
  for (const o of ops) {
    if (o.kind === 'insert') ids.push(insert(o.e));
    else if (ids.length === 0) continue;
    else if (o.kind === 'correct') correct(ids[o.i % ids.length]!, o.e);
    else db.prepare('DELETE FROM encounters WHERE id = ?').run(ids.splice(o.i % ids.length, 1)[0]);
  }
}

function expectSameAsDirect(zone: string, from: string, days: number, target: number): void {
  const range = resolveRange(from, addDays(from, days), zone);
  const t = turnaround(db, range, target);
  expect(computeFigures(db, range, target, t)).toEqual(computeFiguresDirect(db, range, target));
  expect(t.byAgency).toEqual(turnaroundByAgencyDirect(db, range, target));
  expect(t.byHour).toEqual(turnaroundByHourDirect(db, range, target));
  expect(volume(db, range)).toEqual(volumeDirect(db, range));
}

describe('report rollups', () => {
  it('turnaround by agency with more agencies than the read names in SQL, and new ones later', () => {
    db.exec('DELETE FROM encounters');
    const agencies = Array.from({ length: 45 }, (_, i) => `Agency ${i % 9 === 0 ? 'x' : i}`);
    const add = (from: number, to: number) => {
      for (let i = from; i < to; i++)
        insert({
          arrivedH: i % 200,
          minute: i % 60,
          source: 'law_enforcement',
          releasedMin: (i * 7) % 90,
          declined: false,
          reason: null,
          pc: null,
          diverted: null,
          stayMin: null,
          kind: null,
          disposition: null,
          agency: agencies[i % agencies.length] as Enc['agency'], // any name: the column is free text
          person: null,
        });
    };
    const range = resolveRange('2026-02-28', '2026-03-12', 'UTC');
    add(0, 300);
    // The first read learns the names; the second reads 32 of them as numbers, the rest as text.
    for (let run = 0; run < 2; run++)
      expect(turnaround(db, range, 15).byAgency).toEqual(turnaroundByAgencyDirect(db, range, 15));
    agencies.push(...Array.from({ length: 5 }, (_, i) => `New ${i}`));
    add(300, 500);
    expect(turnaround(db, range, 15).byAgency).toEqual(turnaroundByAgencyDirect(db, range, 15));
  });

  it('give the direct figures after random inserts, corrections and deletions', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 38 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 60 }),
        (ops, zone, startDay, days, target) => {
          apply(ops);
          expectSameAsDirect(zone, addDays('2026-02-28', startDay), days, target);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the repeat-visitor list reads only candidates and gives the direct list, with merges', () => {
    const keys = PEOPLE.filter((k): k is string => k !== null);
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 38 }),
        fc.integer({ min: 0, max: 20 }),
        fc.subarray(keys.slice(1)),
        (ops, zone, startDay, days, merged) => {
          apply(ops);
          const range = resolveRange(
            addDays('2026-02-28', startDay),
            addDays('2026-02-28', startDay + days),
            zone,
          );
          // "Same person" decisions merge into the smallest key ('ana|…').
          const aliases = Object.fromEntries(merged.map((k) => [k, keys[0]!]));
          expect(listRepeatVisitors(db, range, aliases)).toEqual(
            listRepeatVisitorsDirect(db, range, aliases),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('possible matches read only people with 2+ visits and their namesakes: the direct pairs', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 38 }),
        fc.integer({ min: 0, max: 20 }),
        (ops, zone, startDay, days) => {
          apply(ops);
          const range = resolveRange(
            addDays('2026-02-28', startDay),
            addDays('2026-02-28', startDay + days),
            zone,
          );
          expect(possibleMatches(db, range, 1000)).toEqual(possibleMatchesDirect(db, range));
          const returns = () =>
            db.prepare('SELECT * FROM person_returns ORDER BY encounter_id').all();
          const kept = returns();
          db.transaction(() => rebuildPersonLists(db))();
          expect(returns()).toEqual(kept);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the backfill (migration 0090, the generator) counts what the triggers counted', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        apply(ops);
        const snapshot = () => ({
          rollup: db
            .prepare('SELECT * FROM encounter_rollup WHERE encounters <> 0 ORDER BY bucket')
            .all(),
          keys: db
            .prepare('SELECT * FROM encounter_rollup_keys WHERE n <> 0 ORDER BY kind, bucket, key')
            .all(),
          repeats: db.prepare('SELECT * FROM repeat_visits ORDER BY encounter_id').all(),
        });
        const byTriggers = snapshot();
        db.transaction(() => rebuildReportRollups(db))();
        expect(snapshot()).toEqual(byTriggers);
      }),
      { numRuns: 40 },
    );
  });

  it('a bulk load without the triggers (CSV import) counts its rows afterwards', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.array(encounter, { maxLength: 40 }),
        (ops, loaded) => {
          apply(ops);
          const schema = () =>
            db
              .prepare(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'encounters' ORDER BY name",
              )
              .all();
          const schemaBefore = schema();
          // As the CSV import does: with more rows loaded than there are, the non-unique
          // indexes are dropped for the load and created again.
          db.transaction(() =>
            insertWithoutRollupTriggers(db, () =>
              withEncounterIndexesRebuilt(db, loaded.length, () => loaded.forEach(insert)),
            ),
          )();
          expect(schema()).toEqual(schemaBefore);
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const snapshot = () => ({
            rollup: db
              .prepare('SELECT * FROM encounter_rollup WHERE encounters <> 0 ORDER BY bucket')
              .all(),
            keys: db
              .prepare(
                'SELECT * FROM encounter_rollup_keys WHERE n <> 0 ORDER BY kind, bucket, key',
              )
              .all(),
            repeats: db.prepare('SELECT * FROM repeat_visits ORDER BY encounter_id').all(),
            returns: db.prepare('SELECT * FROM person_returns ORDER BY encounter_id').all(),
            // people keeps keys no longer used (harmless: no visit in range); none is missing.
            missingPeople: db
              .prepare(
                'SELECT count(*) FROM encounters WHERE person_key IS NOT NULL AND person_key NOT IN (SELECT person_key FROM people)',
              )
              .pluck()
              .get(),
          });
          const incremental = snapshot();
          db.transaction(() => {
            rebuildReportRollups(db);
            rebuildPersonLists(db);
          })();
          expect(incremental).toEqual(snapshot());
          // The triggers are back: a later correction is counted again.
          expect(
            db
              .prepare(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'encounters_r*'",
              )
              .pluck()
              .get(),
          ).toBe(9);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a zero row left by corrections counts nothing (an empty range stays empty)', () => {
    db.exec('DELETE FROM encounters');
    const id = insert({
      arrivedH: 30,
      minute: 5,
      source: 'law_enforcement',
      releasedMin: 12,
      declined: true,
      reason: 'no_bed',
      pc: 1,
      diverted: 1,
      stayMin: 60,
      kind: 'chair',
      disposition: 'medical_ed',
      agency: null,
      person: null,
    });
    db.prepare('DELETE FROM encounters WHERE id = ?').run(id);
    const range = resolveRange('2026-03-01', '2026-03-05', 'America/Denver');
    expect(computeFigures(db, range, 10)).toEqual(computeFiguresDirect(db, range, 10));
    expect(computeFigures(db, range, 10).declineReasons).toEqual({});
    expect(countRepeatVisitors(db, range)).toBe(0);
  });
  it('migration 0090 counts the encounters of an existing database', () => {
    const file = path.join(tempDir(), 'before-0090.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 90) });
    const outer = db;
    db = old;
    try {
      fc.sample(encounter, { numRuns: 80, seed: 90 }).forEach(insert);
    } finally {
      db = outer;
      old.close();
    }
    const migrated = openDatabase(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      const range = resolveRange('2026-03-01', '2026-04-10', 'America/Denver');
      expect(computeFigures(migrated, range, 10)).toEqual(
        computeFiguresDirect(migrated, range, 10),
      );
      expect(computeFigures(migrated, range, 10).encounters).toBeGreaterThan(0);
    } finally {
      migrated.close();
    }
  });
});
