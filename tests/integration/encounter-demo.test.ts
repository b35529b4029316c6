import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../db/users';
import { testBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
beforeEach(() => {
  t = testBackend();
});
afterEach(() => t.cleanup());

describe('demo encounters', () => {
  it('adds months of history, officers waiting now, and references that keep counting', async () => {
    const started = performance.now();
    await t.must('setup.demo', {});
    // Informational only (speed belongs in benchmarks): the whole demo load, scrypt included.
    console.info(`demo data loaded in ${Math.round(performance.now() - started)} ms`);
    const intake = findUserByUsername(t.db, 'intake')!;
    const q = <T>(sql: string) => t.db.prepare(sql).get() as T;
    const { n } = q<{ n: number }>(
      "SELECT count(*) AS n FROM encounters WHERE reference LIKE 'H-%'",
    );
    expect(n).toBeGreaterThan(400);
    const months = q<{ first: number }>('SELECT min(arrived_at) AS first FROM encounters');
    expect(t.clock.now() - months.first).toBeGreaterThan(90 * 24 * 3600_000);
    const declined = q<{ n: number }>(
      "SELECT count(*) AS n FROM encounters WHERE status = 'declined' AND decline_reason IS NOT NULL",
    );
    expect(declined.n).toBeGreaterThan(0);
    const dispositions = q<{ n: number }>(
      'SELECT count(DISTINCT disposition) AS n FROM encounters WHERE disposition IS NOT NULL',
    );
    expect(dispositions.n).toBeGreaterThanOrEqual(7);
    // Every encounter tells its story on the timeline.
    const silent = q<{ n: number }>(
      'SELECT count(*) AS n FROM encounters e WHERE NOT EXISTS (SELECT 1 FROM encounter_events v WHERE v.encounter_id = e.id)',
    );
    expect(silent.n).toBe(0);

    // The Follow-ups screen has calls: discharges with consent, some calls done, some open; every
    // open one due within 19 h, so a trainee's (or the e2e test's) call a day later is the only
    // one then due (tests/e2e/follow-ups.spec.ts).
    const now = t.clock.now();
    const fu = q<{ plans: number; open: number; late: number; done: number }>(
      `SELECT (SELECT count(*) FROM follow_up_plans WHERE consent = 'yes') AS plans,
              (SELECT count(*) FROM follow_up_contacts WHERE status = 'open') AS open,
              (SELECT count(*) FROM follow_up_contacts WHERE status = 'open'
                  AND due_at >= ${now + 19 * 3600_000}) AS late,
              (SELECT count(*) FROM follow_up_contacts WHERE status IN ('done', 'closed')) AS done`,
    );
    expect(fu.plans).toBeGreaterThan(50);
    expect(fu.open).toBeGreaterThan(0);
    expect(fu.late).toBe(0);
    expect(fu.done).toBeGreaterThan(50);
    const list = await t.must('followUps.list', {}, intake);
    expect(list.due.length + list.overdue.length + list.upcoming.length).toBe(fu.open);

    const active = await t.must('encounters.active', {}, intake);
    expect(active.waiting).toHaveLength(2);
    expect(active.expected).toHaveLength(1);
    const suggestions = await t.must('encounters.suggestions', {}, intake);
    expect(suggestions.agencies).toContain('Tucson Police Department');

    const next = await t.must(
      'encounters.create',
      { referralSource: 'walk_in', firstName: 'New', lastName: 'Person' },
      intake,
    );
    const dup = q<{ n: number }>(
      `SELECT count(*) AS n FROM encounters WHERE reference = '${next.reference}'`,
    );
    expect(dup.n).toBe(1);
  });
});
