import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importEncounterCsv } from '../../server/interchange/import';
import type { TestBackend } from '../helpers/backend';
import { csvText, importBackend, writeTemp, type CsvRowSpec } from '../helpers/encounter-csv';
import type { UserRow } from '../../db/users';
import { auditCount } from '../helpers/roles';

let t: TestBackend;
let admin: UserRow;
beforeEach(async () => {
  ({ t, admin } = await importBackend());
});
afterEach(() => t.cleanup());

const visit = (first: string, last: string, dob: string, day: string): CsvRowSpec => ({
  referral_source: 'walk_in',
  first_name: first,
  last_name: last,
  date_of_birth: dob,
  arrived_at: `2026-05-${day}T10:00:00-07:00`,
});
const range = { from: '2026-05-01', to: '2026-05-31' };

describe('repeat visitors: the case-management list and "same person / not the same"', () => {
  it('lists candidates, remembers a decision, and the list follows "same person"', async () => {
    await importEncounterCsv(
      t,
      writeTemp(
        csvText([
          visit('Jane', 'Doe', '1980-01-01', '02'),
          visit('Jane', 'Doe', '1980-01-01', '09'),
          visit('Janet', 'Doe', '1980-01-01', '12'), // same last name and birth date
          visit('Sam', 'Lee', '1990-02-02', '03'),
          visit('Sam', 'Lee', '1991-02-02', '04'), // same names, another birth date
          visit('Sam', 'Lee', '1991-02-02', '05'),
          visit('Cy', 'Noe', '1970-03-03', '06'), // one visit, no candidate
        ]),
      ),
      { mode: 'all_or_nothing', userId: admin.id, username: admin.username },
    );
    expect(await t.must('reports.repeatVisitors', range, admin)).toEqual([]);
    const candidates = await t.must('reports.possibleMatches', range, admin);
    expect(candidates.map((c) => [c.nameA, c.nameB, c.decision])).toEqual([
      ['Janet Doe', 'Jane Doe', null], // keys in order: 'janet|…' < 'jane|…'
      ['Sam Lee', 'Sam Lee', null],
    ]);

    await t.must(
      'reports.decideMatch',
      { keyA: candidates[0]!.keyB, keyB: candidates[0]!.keyA, decision: 'same' },
      admin,
    );
    await t.must(
      'reports.decideMatch',
      { keyA: candidates[1]!.keyA, keyB: candidates[1]!.keyB, decision: 'different' },
      admin,
    );
    const list = await t.must('reports.repeatVisitors', range, admin);
    // Merged under the smaller key of the pair.
    expect(list.map((p) => [p.personKey, p.visits])).toEqual([['janet|doe|1980-01-01', 3]]);
    // The figure stays on exact name and date of birth (Figures JSON v1 definition).
    expect((await t.must('reports.figures', range, admin)).figures.repeatVisitors).toBe(0);
    // Decided pairs are listed after open ones, with their decision, and can be undone.
    expect((await t.must('reports.possibleMatches', range, admin)).map((c) => c.decision)).toEqual([
      'same',
      'different',
    ]);
    await t.must(
      'reports.decideMatch',
      { keyA: candidates[0]!.keyA, keyB: candidates[0]!.keyB, decision: null },
      admin,
    );
    expect(await t.must('reports.repeatVisitors', range, admin)).toEqual([]);
    expect(auditCount(t.db, 'reports.decideMatch')).toBe(3);
    expect(auditCount(t.db, 'reports.repeatVisitors')).toBe(3);
  });

  it('refuses a decision about one person with themself', async () => {
    const r = await t.call(
      'reports.decideMatch',
      { keyA: 'a|b|c', keyB: 'a|b|c', decision: 'same' },
      admin,
    );
    expect(r.ok ? null : r.error.code).toBe('invalid_input');
  });
});

describe('query plans the figure budgets depend on', () => {
  it('figure scans read the covering index encounters_report by arrival range', () => {
    const plan = (sql: string) =>
      (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const inRange = 'arrived_at >= 0 AND arrived_at < 1';
    expect(
      plan(
        `SELECT count(*), sum(discharged_at IS NOT NULL AND unit_kind = 'chair'), sum(agency IS NULL) FROM encounters WHERE ${inRange}`,
      ),
    ).toMatch(/COVERING INDEX encounters_report \(arrived_at>\? AND arrived_at<\?\)/);
    expect(
      plan(
        `SELECT disposition, count(*) FROM encounters WHERE ${inRange} AND discharged_at IS NOT NULL GROUP BY 1`,
      ),
    ).toMatch(/COVERING INDEX encounters_report/);
    expect(
      plan(`SELECT count(*) FROM encounters WHERE person_key = 'x' AND arrived_at >= 0`),
    ).toMatch(/encounters_person|encounters_report/);
  });
});
