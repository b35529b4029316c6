import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../core/follow-up/vocab';
import { resolveRange } from '../../core/reports/range';
import { followUpFigures, followUpFiguresDirect } from '../../db/follow-ups';
import { MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { tempDir } from '../helpers/backend';

/*
 * The followUp block read from the plans' covering index (migration 0190: first reached attempt
 * and "appointment kept" kept by triggers) against the same block counted in code from every
 * attempt (followUpFiguresDirect), on random histories: attempts right at and just past the
 * 24 h and 72 h edges, appointments or none, consent or none; a database of the version before
 * (backfilled by the migration), then attempts added, corrected and removed after the upgrade.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const H = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 7); // midnight in Phoenix
const BEFORE_0190 = MIGRATIONS.findIndex((m) => m.version === 190);

/** An attempt this many ms after the discharge: the edges of both windows, and in between. */
const offset = fc.oneof(
  fc.constantFrom(0, 24 * H, 24 * H + 1000, 72 * H, 72 * H + 1000, 100 * H),
  fc.integer({ min: 0, max: 120 * H }),
);
const stay = fc.record({
  day: fc.integer({ min: 0, max: 29 }),
  eligible: fc.boolean(),
  appointment: fc.boolean(),
  attempts: fc.array(fc.record({ after: offset, outcome: fc.constantFrom(...OUTCOMES) }), {
    maxLength: 4,
  }),
});

type Stay = typeof stay extends fc.Arbitrary<infer T> ? T : never;

function addStays(db: Database, stays: Stay[], from: number): void {
  const enc = db.prepare(
    `INSERT INTO encounters (reference, status, referral_source, person_key, arrived_at,
       discharged_at, disposition, created_at, updated_at)
     VALUES (@ref, 'discharged', 'walk_in', @ref, @arrived, @discharged, 'home_community',
       @arrived, @arrived)`,
  );
  const plan = db.prepare(
    `INSERT INTO follow_up_plans (encounter_id, arrived_at, discharged_at, disposition, consent,
       eligible, appointment_at, created_at)
     VALUES (@id, @arrived, @discharged, 'home_community', @consent, @eligible, @appointment,
       @discharged)`,
  );
  const contact = db.prepare(
    `INSERT INTO follow_up_contacts (encounter_id, ordinal, offset_hours, due_at, status,
       max_attempts, retry_hours)
     VALUES (?, 1, 24, ?, 'open', 3, 4)`,
  );
  const attempt = db.prepare(
    `INSERT INTO follow_up_attempts (contact_id, encounter_id, at, outcome) VALUES (?, ?, ?, ?)`,
  );
  stays.forEach((s, i) => {
    const arrived = T0 + s.day * 24 * H + (i % 20) * H;
    const discharged = arrived + 10 * H;
    const id = Number(
      enc.run({ ref: `H-2026-${String(from + i).padStart(5, '0')}`, arrived, discharged })
        .lastInsertRowid,
    );
    plan.run({
      id,
      arrived,
      discharged,
      consent: s.eligible ? 'yes' : 'no',
      eligible: s.eligible ? 1 : 0,
      appointment: s.appointment ? discharged + 48 * H : null,
    });
    const c = Number(contact.run(id, discharged + 24 * H).lastInsertRowid);
    for (const a of s.attempts) attempt.run(c, id, discharged + a.after, a.outcome);
  });
}

const RANGES = [
  ['2026-06-01', '2026-06-30'],
  ['2026-06-05', '2026-06-12'],
  ['2026-06-20', '2026-06-20'],
].map(([from, to]) => resolveRange(from!, to!, 'America/Phoenix'));

const agree = (db: Database) => {
  for (const r of RANGES) expect(followUpFigures(db, r)).toEqual(followUpFiguresDirect(db, r));
};

describe('the followUp figures from the covering index', () => {
  it('equal the attempts counted one by one: backfilled at the upgrade, then kept by triggers', () => {
    fc.assert(
      fc.property(
        fc.array(stay, { minLength: 1, maxLength: 25 }),
        fc.array(stay, { maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), offset, fc.constantFrom(...OUTCOMES)), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (before, after, corrections, removals) => {
          const dir = tempDir();
          dirs.push(dir);
          const file = path.join(dir, 'handoff.db');
          const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, BEFORE_0190) });
          addStays(old, before, 0);
          old.close();
          const db = openDatabase(file, { backupDir: path.join(dir, 'backups') });
          try {
            agree(db);
            addStays(db, after, before.length);
            agree(db);
            const ids = db.prepare('SELECT id FROM follow_up_attempts').pluck().all() as number[];
            if (ids.length > 0) {
              const fix = db.prepare(
                `UPDATE follow_up_attempts SET at = (SELECT discharged_at FROM follow_up_plans p
                   WHERE p.encounter_id = follow_up_attempts.encounter_id) + ?, outcome = ?
                  WHERE id = ?`,
              );
              for (const [n, at, outcome] of corrections) fix.run(at, outcome, ids[n % ids.length]);
              agree(db);
              const drop = db.prepare('DELETE FROM follow_up_attempts WHERE id = ?');
              for (const n of removals) drop.run(ids[n % ids.length]);
              agree(db);
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('count an attempt at exactly 24 h, not one a second later', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'handoff.db'));
    try {
      const reached = (after: number) => ({
        day: 3,
        eligible: true,
        appointment: false,
        attempts: [{ after, outcome: 'reached_doing_well' as const }],
      });
      addStays(db, [reached(24 * H), reached(24 * H + 1000)], 0);
      expect(followUpFigures(db, RANGES[0]!)).toMatchObject({
        eligible: 2,
        reachedWithin24h: 1,
        reachedWithin72h: 2,
      });
    } finally {
      db.close();
    }
  });
});
