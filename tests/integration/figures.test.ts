import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import type { FiguresV1 } from '../../core/reports/figures';
import { computeFigures, listRepeatVisitors } from '../../db/reports';
import { possibleMatches } from '../../db/person-matches';
import { importEncounterCsv } from '../../server/interchange/import';
import { useReportWorkerFile } from '../../server/interchange/report-runner';
import { brokenWorker, buildWorker } from '../helpers/workers';
import { tempDir } from '../helpers/backend';
import { FIXTURE_ROWS, FIXTURE_ZONE } from '../fixtures/figures-fixture';
import { backendInZone, csvText, writeTemp } from '../helpers/encounter-csv';
import type { TestBackend } from '../helpers/backend';
import type { UserRow } from '../../db/users';

// Every number below is worked out by hand from tests/fixtures/figures-fixture.ts.
let t: TestBackend;
let manager: UserRow;
const figures = (from: string, to: string, target = 10): FiguresV1 =>
  computeFigures(t.db, resolveRange(from, to, FIXTURE_ZONE), target);

beforeAll(async () => {
  const b = await backendInZone(FIXTURE_ZONE);
  t = b.t;
  manager = b.admin;
  t.clock.set(Date.parse('2026-12-15T12:00:00Z'));
  const report = await importEncounterCsv(t, writeTemp(csvText(FIXTURE_ROWS)), {
    mode: 'all_or_nothing',
    userId: manager.id,
    username: manager.username,
  });
  expect(report.errors).toEqual([]);
  expect(report.imported).toBe(FIXTURE_ROWS.length);
});
afterAll(() => t.cleanup());

describe('Figures JSON v1 over the hand-worked fixture (March 2026, America/Denver)', () => {
  it('matches the hand-computed document exactly', () => {
    expect(figures('2026-03-01', '2026-03-31')).toEqual({
      version: 1,
      range: { from: '2026-03-01', to: '2026-03-31', timeZone: 'America/Denver' },
      // R1–R7, R9, Jane ×3, B1, B2, Cy ×3 (R8, R10, B3 are outside March).
      encounters: 16,
      policeDropOffs: 5,
      declinedPoliceDropOffs: 1,
      declineReasons: { medical_needs_ed: 1 },
      // 15 (across the DST gap), 6, 12, 9 → 6, 9, 12, 15: median (9+12)/2, p90 12 + 0.7 × 3.
      turnaroundMinutes: {
        count: 4,
        median: 10.5,
        p90: 14.1,
        withinTargetPct: 50,
        targetMinutes: 10,
      },
      // Chairs: 11 h 59, 17 h 10, 23 h 59, 24 h 30 → median (17.1667 + 23.9833)/2 = 20.575,
      // p90 23.9833 + 0.7 × 0.5167 = 24.345 (both round half up).
      lengthOfStayHours: {
        chair: { count: 4, median: 20.58, p90: 24.35 },
        bed: { count: 1, median: 72, p90: 72 },
      },
      chairStaysOver23h59: 1,
      dispositions: { home_community: 3, short_term_bed: 1, medical_ed: 1 },
      jailDiversion: { probableCause: 2, diverted: 1 },
      repeatVisitors: 1,
      // Imported encounters carry no follow-up (tests/integration/follow-ups-figures.test.ts pins it).
      followUp: {
        eligible: 0,
        reachedWithin24h: 0,
        reachedWithin72h: 0,
        within24hPct: null,
        within72hPct: null,
        aftercareScheduled: 0,
        aftercareKept: 0,
      },
    });
  });

  it('in range: from 00:00 on the first day to 00:00 after the last, in the facility zone', () => {
    const r = resolveRange('2026-03-01', '2026-03-31', FIXTURE_ZONE);
    expect(new Date(r.startMs).toISOString()).toBe('2026-03-01T07:00:00.000Z');
    expect(new Date(r.endMs).toISOString()).toBe('2026-04-01T06:00:00.000Z');
    expect(figures('2026-02-28', '2026-02-28').encounters).toBe(1); // R8 at 23:59
    expect(figures('2026-04-01', '2026-04-01').encounters).toBe(2); // R10 at 00:00, B3
  });

  it('a daylight-saving change day: 23 hours in March, 25 in November, all rows counted', () => {
    const spring = resolveRange('2026-03-08', '2026-03-08', FIXTURE_ZONE);
    expect(spring.endMs - spring.startMs).toBe(23 * 3_600_000);
    const fall = resolveRange('2026-11-01', '2026-11-01', FIXTURE_ZONE);
    expect(fall.endMs - fall.startMs).toBe(25 * 3_600_000);
    expect(figures('2026-11-01', '2026-11-01').encounters).toBe(2);
    expect(figures('2026-11-02', '2026-11-02').encounters).toBe(0);
    // The DST-day drop-off measures real minutes: 01:50 MST → 03:05 MDT is 15.
    expect(figures('2026-03-08', '2026-03-08').turnaroundMinutes).toMatchObject({
      count: 1,
      median: 15,
      p90: 15,
      withinTargetPct: 0,
    });
  });

  it('turnaround: within target uses ≤ the target, and the target comes from the caller', () => {
    expect(figures('2026-03-01', '2026-03-31', 12).turnaroundMinutes).toMatchObject({
      withinTargetPct: 75, // 6, 9, 12 of 4
      targetMinutes: 12,
    });
    expect(figures('2026-03-01', '2026-03-31', 5).turnaroundMinutes.withinTargetPct).toBe(0);
  });

  it('police drop-offs: law enforcement and co-responder; declined ones leave turnaround out', () => {
    const f = figures('2026-03-21', '2026-03-21'); // R5 only
    expect(f.policeDropOffs).toBe(1);
    expect(f.declinedPoliceDropOffs).toBe(1);
    expect(f.turnaroundMinutes).toEqual({
      count: 0,
      median: null,
      p90: null,
      withinTargetPct: null,
      targetMinutes: 10,
    });
  });

  it('a single record: its own value is the median and the 90th percentile', () => {
    expect(figures('2026-03-22', '2026-03-22').lengthOfStayHours).toEqual({
      chair: { count: 1, median: 11.98, p90: 11.98 },
    });
  });

  it('a stay across midnight counts on its arrival day; an open encounter has no stay', () => {
    expect(figures('2026-03-10', '2026-03-10')).toMatchObject({
      lengthOfStayHours: { chair: { count: 1, median: 24.5, p90: 24.5 } },
      chairStaysOver23h59: 1,
    });
    expect(figures('2026-03-12', '2026-03-12').lengthOfStayHours).toEqual({});
    const open = figures('2026-03-20', '2026-03-20'); // R4 (open) and B2
    expect(open.lengthOfStayHours).toEqual({});
    expect(open.turnaroundMinutes.count).toBe(1);
    expect(open.dispositions).toEqual({});
  });

  it('a chair stay of exactly 23 h 59 min is not over the limit', () => {
    expect(figures('2026-03-25', '2026-03-25').chairStaysOver23h59).toBe(0);
  });

  it('jail diversion: probable cause among police drop-offs, and of those diverted', () => {
    expect(figures('2026-03-08', '2026-03-08').jailDiversion).toEqual({
      probableCause: 1,
      diverted: 1,
    });
    expect(figures('2026-03-15', '2026-03-15').jailDiversion).toEqual({
      probableCause: 0,
      diverted: 0,
    });
  });

  it('repeat visitors: third visit at 30 days counts, at 31 does not, no date of birth never matches', () => {
    expect(figures('2026-03-01', '2026-04-30').repeatVisitors).toBe(1); // Jane only
    expect(figures('2026-03-02', '2026-04-30').repeatVisitors).toBe(0); // Jane's first is out
    const list = listRepeatVisitors(t.db, resolveRange('2026-03-01', '2026-04-30', FIXTURE_ZONE));
    expect(list.map((p) => [p.personKey, p.visits])).toEqual([['jane|doe|1980-01-01', 3]]);
  });

  it('no data: zero counts, no medians or percentages, empty maps', () => {
    expect(figures('2025-01-01', '2025-01-31')).toEqual({
      version: 1,
      range: { from: '2025-01-01', to: '2025-01-31', timeZone: 'America/Denver' },
      encounters: 0,
      policeDropOffs: 0,
      declinedPoliceDropOffs: 0,
      declineReasons: {},
      turnaroundMinutes: {
        count: 0,
        median: null,
        p90: null,
        withinTargetPct: null,
        targetMinutes: 10,
      },
      lengthOfStayHours: {},
      chairStaysOver23h59: 0,
      dispositions: {},
      jailDiversion: { probableCause: 0, diverted: 0 },
      repeatVisitors: 0,
      // Imported encounters carry no follow-up (tests/integration/follow-ups-figures.test.ts pins it).
      followUp: {
        eligible: 0,
        reachedWithin24h: 0,
        reachedWithin72h: 0,
        within24hPct: null,
        within72hPct: null,
        aftercareScheduled: 0,
        aftercareKept: 0,
      },
    });
  });
});

describe('the dashboard method', () => {
  it('returns the same Figures JSON v1 plus breakdowns, for managers only', async () => {
    const d = await t.must('reports.figures', { from: '2026-03-01', to: '2026-03-31' }, manager);
    expect(d.figures).toEqual(figures('2026-03-01', '2026-03-31'));
    // An agency with one measured drop-off: its value is its median and p90.
    expect(d.turnaroundByAgency).toEqual([
      { key: 'County Sheriff', count: 1, median: 12, p90: 12, withinTargetPct: 0 },
      { key: 'Metro PD', count: 3, median: 9, p90: 13.8, withinTargetPct: 66.7 },
    ]);
    // Local hours, DST-correct: R1 arrived at 01:50 MST on a Sunday.
    expect(d.turnaroundByHour.map((h) => h.key)).toEqual(['1', '10', '14', '23']);
    expect(d.heatmap[6]![1]).toBe(1);
    expect(d.heatmap[6]![9]).toBe(2); // Jane and Bob, Sunday 1 March 09:00
    expect(d.heatmap[1]![23]).toBe(2); // R2 (Tuesday 10th 23:30) and R9 (Tuesday 31st 23:59)
    expect(d.weekly[0]).toEqual({ week: '2026-02-23', encounters: 2, policeDropOffs: 0 });
    expect(d.edDiversionPct).toBe(80); // 4 of 5 discharges not to the ED
    expect(d.accepting.pct).toBeNull();
  });

  it('refuses bad ranges and a time zone the facility does not use', async () => {
    const bad = async (input: { from: string; to: string; timeZone?: string }) => {
      const r = await t.call('reports.figures', input, manager);
      return r.ok ? null : r.error;
    };
    expect(await bad({ from: '2026-03-31', to: '2026-03-01' })).toMatchObject({
      code: 'invalid_input',
      message: 'The end (2026-03-01) is before the start (2026-03-31).',
    });
    expect((await bad({ from: '2020-01-01', to: '2025-01-01' }))?.message).toMatch(
      /longer than 5 years/,
    );
    expect(await bad({ from: '2020-01-01', to: '2024-12-31' })).toBeNull();
    expect((await bad({ from: '2026-02-30', to: '2026-03-01' }))?.message).toMatch(
      /"2026-02-30" is not a date/,
    );
    expect((await bad({ from: '2026-03-01', to: '2026-03-02', timeZone: 'UTC' }))?.message).toBe(
      "Reports use the facility's time zone (America/Denver), not UTC.",
    );
    const intake = t.user(
      (
        await t.must(
          'users.create',
          { displayName: 'I', username: 'ivy', role: 'intake', password: 'intake password 1' },
          manager,
        )
      ).id,
    );
    const r = await t.call('reports.figures', { from: '2026-03-01', to: '2026-03-02' }, intake);
    expect(r.ok ? null : r.error.code).toBe('forbidden');
  });
});

describe('the dashboard off the main thread', () => {
  afterAll(() => useReportWorkerFile('/nonexistent/report-worker.cjs'));

  it('a worker thread gives the same dashboard as the main thread', async () => {
    useReportWorkerFile(await buildWorker('server/interchange/report-worker.ts'));
    const d = await t.must('reports.figures', { from: '2026-03-01', to: '2026-03-30' }, manager);
    expect(d.figures).toEqual(figures('2026-03-01', '2026-03-30'));
    expect(d.turnaroundByAgency.map((a) => a.key)).toEqual(['County Sheriff', 'Metro PD']);
    // The case-management lists run there too, with the same answers.
    const march = { from: '2026-03-01', to: '2026-03-31' };
    const repeat = await t.must('reports.repeatVisitors', march, manager);
    expect(repeat).toEqual(
      listRepeatVisitors(t.db, resolveRange(march.from, march.to, FIXTURE_ZONE)),
    );
    expect(repeat).toHaveLength(1);
    expect(await t.must('reports.possibleMatches', march, manager)).toEqual(
      possibleMatches(t.db, resolveRange(march.from, march.to, FIXTURE_ZONE)),
    );
  }, 30_000);

  it('a process with nothing else to wait for waits for the worker’s answer, then exits', async () => {
    const worker = await buildWorker('server/interchange/report-worker.ts');
    const child = await buildWorker('tests/crash/report-child.ts');
    const dir = tempDir();
    // Exits by itself (execFile would time out on a process kept alive by an idle worker).
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [child, worker, path.join(dir, 'handoff.db')],
      { timeout: 20_000 },
    );
    expect(stdout).toBe('answered: 0 repeat visitors\n');
  }, 30_000);

  it('a worker that cannot start (no SQLite driver) still leaves the managers their figures', async () => {
    useReportWorkerFile(brokenWorker());
    for (const to of ['2026-03-29', '2026-03-28']) {
      const d = await t.must('reports.figures', { from: '2026-03-01', to }, manager);
      expect(d.figures).toEqual(figures('2026-03-01', to));
    }
  });
});
