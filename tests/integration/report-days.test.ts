/**
 * The day parts the report worker keeps between dashboards (db/report-days.ts, migration 0210):
 * a second, read-only connection, as the worker has, must give exactly the figures computed
 * afresh from the encounters after every kind of write by the desk's connection (a new arrival,
 * a correction that moves an encounter to another day, a release, a discharge, a follow-up plan
 * and its attempts, a removal, a CSV import without the row triggers, a restored backup), while
 * reading again only the days a write changed.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, resolveRange, type UtcRange } from '../../core/reports/range';
import { followUpFiguresDirect, updatePlanDisposition } from '../../db/follow-ups';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { openReadOnly } from '../../db/read-only';
import { daysReadBy } from '../../db/report-days';
import { insertWithoutRollupTriggers } from '../../db/report-rollups';
import { replaceContentFromFile } from '../../db/replace-content';
import {
  computeFiguresDirect,
  turnaroundByAgencyDirect,
  turnaroundByHourDirect,
} from '../../db/reports-direct';
import { dashboardData } from '../../server/interchange/dashboard';
import { tempDir } from '../helpers/backend';

const H = 3_600_000;
const BASE = Date.parse('2026-03-01T00:00:00Z'); // Denver changes to summer time on 03-08
const ZONES = ['America/Denver', 'Asia/Kolkata', 'UTC'];
const REACHED = ['reached_doing_well', 'reached_appointment_kept', 'no_answer'] as const;

const encounter = fc.record({
  arrivedH: fc.integer({ min: 0, max: 24 * 14 }),
  minute: fc.integer({ min: 0, max: 59 }),
  police: fc.boolean(),
  releasedMin: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }),
  declined: fc.boolean(),
  stayMin: fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 2 }),
  kind: fc.constantFrom('chair', 'bed', null),
  agency: fc.constantFrom('Tucson PD', 'Pima County', null, 'tucson pd'),
});
type Enc = typeof encounter extends fc.Arbitrary<infer T> ? T : never;

function columns(e: Enc) {
  const arrived = BASE + e.arrivedH * H + e.minute * 60_000;
  return {
    arrived_at: arrived,
    referral_source: e.police ? 'law_enforcement' : 'walk_in',
    agency: e.agency,
    officer_released_at: e.releasedMin === null ? null : arrived + e.releasedMin * 60_017,
    declined_at: e.declined ? arrived + 60_000 : null,
    discharged_at: e.stayMin === null ? null : arrived + e.stayMin * 60_013,
    unit_kind: e.kind,
    disposition: e.stayMin === null ? null : 'home_community',
  };
}

/** The columns changed one at a time (a move to another day comes with the whole row). */
const COLUMNS = [
  'referral_source',
  'agency',
  'officer_released_at',
  'declined_at',
  'discharged_at',
  'unit_kind',
  'disposition',
] as const;
const TIMES: readonly string[] = ['officer_released_at', 'declined_at', 'discharged_at'];

const op = fc.oneof(
  { weight: 5, arbitrary: encounter.map((e) => ({ kind: 'insert' as const, e })) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), encounter).map(([i, e]) => ({ kind: 'correct' as const, i, e })),
  },
  {
    // One column alone, as the desk changes them (a release, a discharge, a bed's kind).
    weight: 3,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom(...COLUMNS), encounter)
      .map(([i, column, e]) => ({ kind: 'touch' as const, i, column, e })),
  },
  { weight: 1, arbitrary: fc.nat().map((i) => ({ kind: 'delete' as const, i })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), fc.boolean(), fc.boolean())
      .map(([i, eligible, appointment]) => ({ kind: 'plan' as const, i, eligible, appointment })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), fc.integer({ min: 0, max: 100 }), fc.constantFrom(...REACHED))
      .map(([i, afterH, outcome]) => ({ kind: 'attempt' as const, i, afterH, outcome })),
  },
  {
    // A corrected disposition (eligible or not), or an appointment set, moved or removed.
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), fc.boolean(), fc.option(fc.integer({ min: 1, max: 200 })))
      .map(([i, eligible, appointmentH]) => ({
        kind: 'replan' as const,
        i,
        eligible,
        appointmentH,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(encounter, { minLength: 1, maxLength: 8 })
      .map((list) => ({ kind: 'import' as const, list })),
  },
);
type Op = typeof op extends fc.Arbitrary<infer O> ? O : never;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

function insert(db: Database, e: Enc, ref: string): number {
  const c = columns(e);
  const cols = Object.keys(c);
  return Number(
    db
      .prepare(
        `INSERT INTO encounters (reference, status, created_at, updated_at, ${cols.join(', ')})
         VALUES (@ref, 'arrived', 0, 0, ${cols.map((k) => `@${k}`).join(', ')})`,
      )
      .run({ ref, ...c }).lastInsertRowid,
  );
}

const hasPlan = (db: Database, id: number) =>
  db.prepare('SELECT 1 FROM follow_up_plans WHERE encounter_id = ?').get(id) !== undefined;

const planned = (db: Database) =>
  db
    .prepare('SELECT encounter_id FROM follow_up_plans ORDER BY encounter_id')
    .pluck()
    .all() as number[];

/** One write by the desk's connection; nothing when it does not apply to the row drawn. */
function apply(db: Database, o: Op, ids: number[], next: () => string): void {
  const pick = (i: number) => ids[i % ids.length]!;
  if (o.kind === 'insert') ids.push(insert(db, o.e, next()));
  else if (o.kind === 'import') {
    db.transaction(() =>
      insertWithoutRollupTriggers(db, () => o.list.forEach((e) => ids.push(insert(db, e, next())))),
    )();
  } else if (ids.length === 0) return;
  else if (o.kind === 'correct') {
    const id = pick(o.i);
    const c = columns(o.e);
    if (hasPlan(db, id) && c.discharged_at === null) return; // a plan needs its discharge
    db.prepare(
      `UPDATE encounters SET ${Object.keys(c)
        .map((k) => `${k} = @${k}`)
        .join(', ')} WHERE id = @id`,
    ).run({ id, ...c });
  } else if (o.kind === 'touch') {
    const id = pick(o.i);
    const fresh = columns(o.e);
    const arrived = db.prepare('SELECT arrived_at FROM encounters WHERE id = ?').pluck().get(id);
    const raw = fresh[o.column];
    // A time keeps its distance from the arrival drawn, now from the row's own.
    const value =
      TIMES.includes(o.column) && raw !== null
        ? (raw as number) - fresh.arrived_at + (arrived as number)
        : raw;
    if (hasPlan(db, id) && o.column === 'discharged_at' && value === null) return;
    db.prepare(`UPDATE encounters SET ${o.column} = ? WHERE id = ?`).run(value, id);
  } else if (o.kind === 'delete') {
    const [id] = ids.splice(o.i % ids.length, 1);
    db.transaction(() => {
      for (const t of ['follow_up_attempts', 'follow_up_contacts', 'follow_up_plans'])
        db.prepare(`DELETE FROM ${t} WHERE encounter_id = ?`).run(id);
      db.prepare('DELETE FROM encounters WHERE id = ?').run(id);
    })();
  } else if (o.kind === 'plan') {
    // Among the discharged stays with no plan yet.
    const open = db
      .prepare(
        `SELECT id FROM encounters WHERE discharged_at IS NOT NULL
            AND id NOT IN (SELECT encounter_id FROM follow_up_plans) ORDER BY id`,
      )
      .pluck()
      .all() as number[];
    if (open.length === 0) return;
    const id = open[o.i % open.length]!;
    db.prepare(
      `INSERT INTO follow_up_plans (encounter_id, arrived_at, discharged_at, disposition, consent,
         eligible, appointment_at, created_at)
       SELECT id, arrived_at, discharged_at, 'home_community', @consent, @eligible,
              CASE WHEN @appointment THEN discharged_at + 48 * ${H} END, discharged_at
         FROM encounters WHERE id = @id AND discharged_at IS NOT NULL
          AND id NOT IN (SELECT encounter_id FROM follow_up_plans)`,
    ).run({
      id,
      consent: o.eligible ? 'yes' : 'no',
      eligible: o.eligible ? 1 : 0,
      appointment: o.appointment ? 1 : 0,
    });
  } else if (o.kind === 'replan') {
    const plans = planned(db);
    if (plans.length === 0) return;
    const id = plans[o.i % plans.length]!;
    updatePlanDisposition(db, id, o.eligible ? 'home_community' : 'medical_ed', o.eligible);
    db.prepare(
      `UPDATE follow_up_plans SET appointment_at = discharged_at + ? WHERE encounter_id = ?`,
    ).run(o.appointmentH === null ? null : o.appointmentH * H, id);
  } else {
    // Among the stays that have a plan, so that attempts are not rare.
    const plans = planned(db);
    if (plans.length === 0) return;
    const id = plans[o.i % plans.length]!;
    const at = db.prepare('SELECT discharged_at FROM follow_up_plans WHERE encounter_id = ?');
    const discharged = at.pluck().get(id) as number;
    const contact = Number(
      db
        .prepare(
          `INSERT INTO follow_up_contacts (encounter_id, ordinal, offset_hours, due_at, status,
             max_attempts, retry_hours)
           VALUES (?, (SELECT count(*) + 1 FROM follow_up_contacts WHERE encounter_id = ?), 24, ?,
             'open', 3, 4)`,
        )
        .run(id, id, discharged + 24 * H).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO follow_up_attempts (contact_id, encounter_id, at, outcome) VALUES (?, ?, ?, ?)`,
    ).run(contact, id, discharged + o.afterH * H, o.outcome);
  }
}

/** The reader's dashboard equals the figures computed afresh on the writer. */
function expectFresh(reader: Database, writer: Database, range: UtcRange, target: number) {
  const d = dashboardData(reader, range, target);
  expect(d.figures).toEqual(computeFiguresDirect(writer, range, target));
  expect(d.figures.followUp).toEqual(followUpFiguresDirect(writer, range));
  expect(d.turnaroundByAgency).toEqual(turnaroundByAgencyDirect(writer, range, target));
  expect(d.turnaroundByHour).toEqual(turnaroundByHourDirect(writer, range, target));
}

describe('the day parts a reader keeps', () => {
  let writer: Database;
  let reader: Database;
  beforeAll(() => {
    const file = path.join(dir, 'days.db');
    writer = openDatabase(file);
    reader = openReadOnly(file);
  });
  afterAll(() => {
    reader.close();
    writer.close();
  });

  it('give the fresh figures after every write, the reader kept open throughout', () => {
    let n = 0;
    const next = () => `R-${++n}`;
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        (ops, zone, startDay, days) => {
          const ids = (
            writer.prepare('SELECT id FROM encounters').pluck().all() as number[]
          ).slice();
          const ranges = [
            resolveRange('2026-02-28', '2026-03-16', zone),
            resolveRange(
              addDays('2026-03-01', startDay),
              addDays('2026-03-01', startDay + days),
              zone,
            ),
          ];
          for (const o of ops) {
            apply(writer, o, ids, next);
            for (const r of ranges) expectFresh(reader, writer, r, 10);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('read again only the day a write changed', () => {
    const range = resolveRange('2026-02-28', '2026-03-16', 'America/Denver');
    dashboardData(reader, range, 10);
    const before = daysReadBy(reader);
    dashboardData(reader, range, 10);
    expect(daysReadBy(reader)).toBe(before); // nothing changed: nothing read

    // A discharge of a stay that arrived on 03-04 (UTC): that day alone, however far back.
    const id = insert(writer, { ...encounterOn(24 * 3 + 5), stayMin: null }, 'R-one-day');
    dashboardData(reader, range, 10);
    expect(daysReadBy(reader)).toBe(before + 1);
    writer
      .prepare('UPDATE encounters SET discharged_at = arrived_at + 3600000 WHERE id = ?')
      .run(id);
    expectFresh(reader, writer, range, 10);
    expect(daysReadBy(reader)).toBe(before + 2);

    // An expected call (no arrival yet) has no day: it marks none, not even when its
    // agency changes before the officer walks in.
    const versions = () => writer.prepare('SELECT * FROM report_day_versions').all();
    const marked = versions();
    const expected = writer
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, created_at, updated_at)
         VALUES ('R-expected', 'expected', 'law_enforcement', 0, 0)`,
      )
      .run().lastInsertRowid;
    writer.prepare("UPDATE encounters SET agency = 'Pima County' WHERE id = ?").run(expected);
    expect(versions()).toEqual(marked);

    // A write no figure reads (a name) changes no day.
    writer.prepare("UPDATE encounters SET first_name = 'Ana' WHERE id = ?").run(id);
    expectFresh(reader, writer, range, 10);
    expect(daysReadBy(reader)).toBe(before + 2);
  });
});

function encounterOn(arrivedH: number): Enc {
  return {
    arrivedH,
    minute: 0,
    police: true,
    releasedMin: 8,
    declined: false,
    stayMin: 120,
    kind: 'bed',
    agency: 'Tucson PD',
  };
}

describe('a restored backup', () => {
  it('is never taken for the content the reader kept, even where neither file has day versions', () => {
    // Both files hold history from before migration 0210 (no day has a version yet), with the
    // same days and different stays. The epoch and the day versions travel with the content
    // (each file's epoch is drawn at its upgrade), so the reader knows the restored days.
    const before = MIGRATIONS.filter((m) => m.version < 210);
    const make = (name: string, stayMin: number) => {
      const file = path.join(dir, name);
      const db = openDatabase(file, { migrations: before });
      for (let i = 0; i < 20; i++)
        insert(db, { ...encounterOn(i * 7), stayMin: stayMin + i }, `${name}-${i}`);
      db.close();
      const upgraded = openDatabase(file, { backupDir: path.join(dir, `${name}-backups`) });
      return { file, db: upgraded };
    };
    const live = make('live.db', 100);
    const other = make('other.db', 900);
    other.db.close();
    const reader = openReadOnly(live.file);
    try {
      const range = resolveRange('2026-02-28', '2026-03-10', 'UTC');
      expectFresh(reader, live.db, range, 10);
      replaceContentFromFile(live.db, other.file);
      expect(computeFiguresDirect(live.db, range, 10).lengthOfStayHours.bed?.count).toBe(20);
      expectFresh(reader, live.db, range, 10);
    } finally {
      reader.close();
      live.db.close();
    }
  });
});
