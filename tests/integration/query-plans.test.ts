/**
 * The indexes the benchmark budgets depend on (bench/RESULTS.md): the real queries, recorded as
 * the handlers prepare them, must read an index, never walk the encounters table. A schema or
 * query change that loses an index fails here instead of silently missing a budget at 1M rows.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOfficersWaiting } from '../../db/officers-waiting';
import { nextSnapshot } from '../../server/capacity/snapshot';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
let intake: UserRow;
let manager: UserRow;
let admin: UserRow;

beforeAll(async () => {
  ({ t, intake, manager, admin } = await setUpBackend());
  await t.must(
    'encounters.create',
    { referralSource: 'law_enforcement', agency: 'Tucson Police Department', lastName: 'Smith' },
    intake,
  );
});
afterAll(() => t?.cleanup());

/** Every SQL text prepared while `fn` runs. */
async function recorded(fn: () => unknown): Promise<string[]> {
  const db = t.db as Database;
  const prepare = db.prepare;
  const seen: string[] = [];
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare.call(db, sql);
  }) as Database['prepare'];
  try {
    await fn();
  } finally {
    db.prepare = prepare;
  }
  return [...new Set(seen)];
}

/**
 * The day parts kept from an earlier call (db/report-days.ts) are stale, as after a restore: the
 * next figures read every day of their range, and their statements can be recorded.
 */
function staleDayParts(): void {
  (t.db as Database).exec('UPDATE report_epoch SET v = v + 1');
}

/** EXPLAIN QUERY PLAN of a recorded statement, its parameters bound to placeholder values. */
function plan(sql: string): string {
  const named = [...new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
  const positional = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length;
  const stmt = t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const args: unknown[] = Array(positional).fill(0);
  if (named.length) args.push(Object.fromEntries(named.map((n) => [n, 0])));
  return (stmt.all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

/** Plans of the recorded statements that read encounters. */
const encounterPlans = (sqls: string[]) =>
  sqls.filter((s) => /FROM\s+encounters\b/i.test(s) && !/^\s*(INSERT|UPDATE)/i.test(s)).map(plan);

const FULL_SCAN = /(^|\| )SCAN encounters(?! USING)/;

describe('query plans the benchmark budgets depend on', () => {
  it('officers waiting (recounted on every change) reads its partial index', async () => {
    const plans = encounterPlans(await recorded(() => countOfficersWaiting(t.db)));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/encounters_officers_waiting/);
  });

  it('the capacity snapshot (24-hour activity) reads the arrival and discharge indexes', async () => {
    const plans = encounterPlans(await recorded(() => nextSnapshot(t.db, t.clock.now(), null)));
    expect(plans.join(' || ')).toMatch(/encounters_arrived|encounters_report/);
    expect(plans.join(' || ')).toMatch(/encounters_discharged/);
    for (const p of plans) expect(p).not.toMatch(FULL_SCAN);
  });

  it('search by name uses the first- and last-name indexes', async () => {
    const plans = encounterPlans(
      await recorded(() => t.must('encounters.search', { text: 'Smith' }, intake)),
    );
    const all = plans.join(' || ');
    expect(all).toMatch(/encounters_last_name/);
    expect(all).toMatch(/encounters_first_name/);
    for (const p of plans) expect(p).not.toMatch(FULL_SCAN);
  });

  it('search by reference uses the unique reference index', async () => {
    const plans = encounterPlans(
      await recorded(() => t.must('encounters.search', { text: 'H-2026-00001' }, intake)),
    );
    expect(plans.join(' || ')).toMatch(/sqlite_autoindex_encounters_1 \(reference=\?\)/);
  });

  it('search by date range and by agency read an index by arrival or agency', async () => {
    const byDate = encounterPlans(
      await recorded(() =>
        t.must('encounters.search', { from: '2026-01-01', to: '2026-01-31' }, intake),
      ),
    );
    expect(byDate.join(' || ')).toMatch(/encounters_arrived|encounters_report/);
    const byAgency = encounterPlans(
      await recorded(() =>
        t.must('encounters.search', { agency: 'Tucson Police Department' }, intake),
      ),
    );
    expect(byAgency.join(' || ')).toMatch(/encounters_agency/);
    for (const p of [...byDate, ...byAgency]) expect(p).not.toMatch(FULL_SCAN);
  });

  it('the newest-first list walks the arrival index (no sort of the whole table)', async () => {
    const plans = encounterPlans(await recorded(() => t.must('encounters.search', {}, intake)));
    expect(plans.join(' || ')).toMatch(/encounters_arrived|encounters_report/);
    for (const p of plans) expect(p).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  it('search by a closed status and by date range come out in order from an index (no sort)', async () => {
    // At 1M rows a sort of every match is the difference between 1 ms and 300 ms (bench `reads`).
    const TEMP_SORT = /USE TEMP B-TREE FOR (LAST TERM OF |RIGHT PART OF )?ORDER BY/;
    for (const input of [
      { status: 'discharged' as const },
      { status: 'declined' as const },
      { from: '2026-01-01', to: '2026-03-31' },
    ]) {
      const plans = encounterPlans(
        await recorded(() => t.must('encounters.search', input, intake)),
      );
      expect(plans.length).toBeGreaterThan(0);
      for (const p of plans) {
        expect(p).not.toMatch(TEMP_SORT);
        expect(p).not.toMatch(FULL_SCAN);
      }
    }
  });

  it('search by an open status reads the census from the partial status index', async () => {
    // Walking every arrival for the few people still in care took 260 ms at 1M (bench `reads`).
    for (const status of ['expected', 'arrived', 'accepted'] as const) {
      const plans = encounterPlans(
        await recorded(() => t.must('encounters.search', { status }, intake)),
      );
      expect(plans.join(' || ')).toMatch(/encounters_status/);
      for (const p of plans) expect(p).not.toMatch(FULL_SCAN);
    }
  });

  it('the census (and the shift handover built on it) reads the partial status index', async () => {
    for (const method of ['census.get', 'census.today'] as const) {
      const plans = encounterPlans(await recorded(() => t.must(method, {}, intake)));
      expect(plans.join(' || ')).toMatch(/encounters_status/);
      for (const p of plans) expect(p).not.toMatch(FULL_SCAN);
    }
  });

  it('the shift handover reads releases and declines since the shift began by their own indexes', async () => {
    const plans = encounterPlans(await recorded(() => t.must('census.today', {}, intake)));
    const all = plans.join(' || ');
    expect(all).toMatch(/encounters_released \(officer_released_at>\?\)/);
    expect(all).toMatch(/encounters_declined \(declined_at>\?\)/);
    for (const p of plans) expect(p).not.toMatch(FULL_SCAN);
  });

  it('the board’s active encounters read the partial status index', async () => {
    const plans = encounterPlans(await recorded(() => t.must('encounters.active', {}, intake)));
    expect(plans.join(' || ')).toMatch(/encounters_status/);
    for (const p of plans) expect(p).not.toMatch(FULL_SCAN);
  });

  it('dashboard figures read the rollups by bucket and the narrow partial indexes', async () => {
    staleDayParts();
    const sqls = await recorded(() =>
      t.must('reports.figures', { from: '2026-01-01', to: '2026-03-31' }, manager),
    );
    const reads = sqls.filter((s) =>
      /FROM\s+(encounters|encounter_rollup|encounter_rollup_keys|repeat_visits)\b/i.test(s),
    );
    const plans = reads.map(plan);
    const all = plans.join(' || ');
    // Counts: whole 15-minute buckets of the range (migration 0090), not the encounters.
    expect(all).toMatch(
      /SEARCH encounter_rollup USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/,
    );
    expect(all).toMatch(
      /SEARCH encounter_rollup_keys USING PRIMARY KEY \(kind=\? AND bucket>\? AND bucket<\?\)/,
    );
    // Percentiles: the measured drop-offs and the discharged stays only, by arrival time.
    expect(all).toMatch(
      /encounters USING (COVERING )?INDEX encounters_turnaround \(arrived_at>\? AND arrived_at<\?\)/,
    );
    expect(all).toMatch(
      /encounters USING (COVERING )?INDEX encounters_stay \(unit_kind=\? AND arrived_at>\? AND arrived_at<\?\)/,
    );
    // Repeat visitors: the few visits that complete a pattern.
    expect(all).toMatch(
      /repeat_visits USING COVERING INDEX repeat_visits_arrived \(arrived_at>\? AND arrived_at<\?\)/,
    );
    for (const p of plans)
      expect(p).not.toMatch(/(^|\| )SCAN (encounters|encounter_rollup|repeat_visits)(?! USING)/);
  });
});

describe('query plans of follow-up and case management (issue #19 budgets)', () => {
  let encounterId: number;
  beforeAll(async () => {
    const e = await t.must(
      'encounters.create',
      {
        referralSource: 'walk_in',
        firstName: 'Rosa',
        lastName: 'Diaz',
        dateOfBirth: '1980-02-03',
        accept: true,
      },
      intake,
    );
    encounterId = e.id;
    await t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'home_community', followUp: { consent: 'yes' } },
      intake,
    );
  });

  /** Plans of the recorded reads of the follow-up tables and of encounters. */
  const followUpPlans = (sqls: string[]) =>
    sqls
      .filter(
        (s) =>
          /FROM\s+(follow_up_\w+|encounters|intake_note\w*)\b/i.test(s) &&
          !/^\s*(INSERT|UPDATE|DELETE)/i.test(s),
      )
      .map(plan);
  // A full walk of a table, whatever its alias in the query (json_each is the bound id list).
  const ANY_FULL_SCAN = /(^|\| )SCAN (?!json_each\b)\w+(?! USING)( |$)/;

  const TEMP_SORT = /USE TEMP B-TREE FOR (LAST TERM OF |RIGHT PART OF )?ORDER BY/;

  it('the Follow-ups list reads open contacts by due time and done ones by last attempt', async () => {
    // A due-date range walks by attempt time too: the desk's ranges are recent, and the newest
    // attempts fill a page at once (sorting a 90-day range would not meet the read budget).
    for (const input of [{}, { dueFrom: '2026-01-01', dueTo: '2026-03-31' }]) {
      const plans = followUpPlans(await recorded(() => t.must('followUps.list', input, intake)));
      expect(plans).toHaveLength(2);
      expect(plans[0]).toMatch(
        /SEARCH c USING INDEX follow_up_contacts_open \(due_at>\? AND due_at<\?\)/,
      );
      expect(plans[1]).toMatch(
        /SEARCH c USING INDEX follow_up_contacts_done \(last_attempt_at>\?\)/,
      );
      for (const p of plans) {
        expect(p).toMatch(/SEARCH p USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(p).toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(p).not.toMatch(ANY_FULL_SCAN);
        expect(p).not.toMatch(TEMP_SORT);
      }
    }
  });

  it('the Follow-ups list filtered by outcome reads that outcome’s finished contacts only', async () => {
    const plans = followUpPlans(
      await recorded(() => t.must('followUps.list', { outcome: 'returned_to_center' }, intake)),
    );
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatch(/follow_up_contacts_open \(due_at>\? AND due_at<\?\)/);
    expect(plans[1]).toMatch(
      /SEARCH c USING INDEX follow_up_contacts_done_outcome \(last_outcome=\? AND last_attempt_at>\?\)/,
    );
    for (const p of plans) {
      expect(p).not.toMatch(ANY_FULL_SCAN);
      expect(p).not.toMatch(TEMP_SORT);
    }
  });

  it('the due-count badge counts from the open contacts’ partial index alone', async () => {
    const plans = followUpPlans(await recorded(() => t.must('followUps.dueCount', {}, intake)));
    expect(plans).toEqual([
      'SEARCH follow_up_contacts USING COVERING INDEX follow_up_contacts_open (due_at<?)',
    ]);
  });

  it('the person view reads each table by the person’s key or encounter ids', async () => {
    const plans = followUpPlans(
      await recorded(() => t.must('people.get', { encounterId }, manager)),
    );
    const all = plans.join(' || ');
    expect(all).toMatch(/SEARCH encounters USING INDEX encounters_person \(person_key=\?\)/);
    expect(all).toMatch(/SEARCH follow_up_plans USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(all).toMatch(/SEARCH a USING INDEX follow_up_attempts_encounter \(encounter_id=\?\)/);
    expect(all).toMatch(
      /SEARCH follow_up_contacts USING INDEX sqlite_autoindex_follow_up_contacts_1 \(encounter_id=\?\)/,
    );
    expect(all).toMatch(/SEARCH n USING INDEX intake_notes_person \(person_key=\?\)/);
    for (const p of plans) expect(p).not.toMatch(ANY_FULL_SCAN);
  });

  it('the first export page counts its rows for the log without stepping through every encounter', async () => {
    // The count ran outside the page's 5 ms budget: a walk of every index entry was ~12 ms at 1M.
    await t.must('encounters.expect', { referralSource: 'walk_in', eta: t.clock.now() }, intake);
    for (const [method, input] of [
      ['encounters.exportPage', { reason: 'query plan guard' }],
      ['encounters.exportDeidentifiedPage', {}],
    ] as const) {
      const sqls = await recorded(() => t.must(method, input, manager));
      const counts = sqls.filter((s) => /count\(\*\)[\s\S]*FROM\s+encounters\b/i.test(s));
      expect(counts, method).toHaveLength(1);
      const opcodes = (t.db.prepare(`EXPLAIN ${counts[0]!}`).all() as { opcode: string }[]).map(
        (o) => o.opcode,
      );
      // SQLite's Count opcode counts a b-tree's cells page by page; a range (arrived_at>?) would not.
      expect(opcodes, method).toContain('Count');
      expect(plan(counts[0]!), method).not.toMatch(/arrived_at>\?/);
      for (const p of encounterPlans(sqls)) expect(p, method).not.toMatch(FULL_SCAN);
    }
    const exportable = t.db
      .prepare('SELECT count(*) FROM encounters WHERE arrived_at IS NOT NULL')
      .pluck()
      .get() as number;
    const log = await t.must('exports.log', {}, admin);
    // The expected call has no arrival: it is not a row of the export nor of its count.
    expect(log.rows.slice(0, 2).map((r) => r.rows)).toEqual([exportable, exportable]);
  });

  it('the followUp figures over 90 days are one walk of the covering plans index', async () => {
    staleDayParts();
    const sqls = await recorded(() =>
      t.must('reports.figures', { from: '2026-01-01', to: '2026-03-31' }, manager),
    );
    const plans = followUpPlans(sqls.filter((s) => /follow_up_/i.test(s)));
    expect(plans).toHaveLength(1);
    // Neither the plans' rows nor their attempts are read: the index holds every column.
    expect(plans[0]).toMatch(
      /^SEARCH follow_up_plans USING COVERING INDEX follow_up_plans_figures \(arrived_at>\? AND arrived_at<\?\)$/,
    );
  });
});
