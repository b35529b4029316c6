import { followUpFiguresDirect } from './follow-ups';
import type { Database } from 'better-sqlite3';
import {
  CHAIR_STAY_LIMIT_MS,
  REPEAT_VISIT_COUNT,
  REPEAT_WINDOW_MS,
  orderedCounts,
  percent,
  round2,
  type FiguresV1,
} from '../core/reports/figures';
import { offsetSegments, type UtcRange } from '../core/reports/range';
import { DECLINE_REASONS, DISPOSITIONS, UNIT_KINDS } from '../core/vocab';
import type { PossibleMatchView, RepeatVisitorView } from '../core/contract/interchange';
import { IN_RANGE, MEASURED, POLICE, orderedKeys, params } from './report-sql';
import type { TurnaroundGroup } from './report-turnaround';
import { volumeFromLocalHours, type Volume } from './report-volume';

/*
 * The direct computation of the figures from the encounters (what db/reports.ts computes from
 * the rollups of migration 0090): the reference the rollup tests compare against, and the path
 * for pieces of a range the rollups cannot serve (edges not on a quarter hour).
 *
 * The figures of FIGURE_DEFINITIONS (core/reports/figures.ts) in SQL, so a 90-day window over a
 * million encounters is a few index range scans rather than rows loaded into JavaScript.
 * Every query is bounded by `arrived_at` in [startMs, endMs) (index encounters_arrived, or
 * encounters_source_arrived for police drop-offs). Percentiles use SQLite's percentile_cont,
 * which interpolates linearly between the closest ranks like numpy's default.
 */

/**
 * Range scans read the covering index (migration 0070): the planner, misled by statistics, may
 * otherwise pick encounters_source_arrived and fetch every row (measured: twice the CPU time).
 */
const REPORT_SCAN = 'encounters INDEXED BY encounters_report';

/** Figures JSON v1 for a range (docs/figures-json.md). */
export function computeFiguresDirect(
  db: Database,
  range: UtcRange,
  targetMinutes: number,
): FiguresV1 {
  const p = params(range);
  // One scan of the range for the counts and the turnaround percentiles (FILTER keeps each
  // aggregate to its own population), reading only the covering index encounters_report.
  const TURNAROUND = '(officer_released_at - arrived_at) / 60000.0';
  const counts = db
    .prepare(
      `SELECT count(*) AS encounters,
              coalesce(sum(${POLICE}), 0) AS police,
              coalesce(sum(${POLICE} AND declined_at IS NOT NULL), 0) AS declined,
              coalesce(sum(${POLICE} AND probable_cause = 1), 0) AS pc,
              coalesce(sum(${POLICE} AND probable_cause = 1 AND diverted_from_arrest = 1), 0) AS diverted,
              coalesce(sum(discharged_at IS NOT NULL AND unit_kind = 'chair'
                           AND discharged_at - arrived_at > ${CHAIR_STAY_LIMIT_MS}), 0) AS chair_over,
              count(*) FILTER (WHERE ${MEASURED}) AS n,
              percentile_cont(${TURNAROUND}, 0.5) FILTER (WHERE ${MEASURED}) AS median,
              percentile_cont(${TURNAROUND}, 0.9) FILTER (WHERE ${MEASURED}) AS p90,
              count(*) FILTER (WHERE ${MEASURED} AND officer_released_at - arrived_at <= @target) AS within
         FROM ${REPORT_SCAN} WHERE ${IN_RANGE}`,
    )
    .get({ ...p, target: targetMinutes * 60_000 }) as {
    encounters: number;
    police: number;
    declined: number;
    pc: number;
    diverted: number;
    chair_over: number;
    n: number;
    median: number | null;
    p90: number | null;
    within: number;
  };
  const turnaround = counts;

  const reasons = db
    .prepare(
      `SELECT coalesce(decline_reason, 'other') AS key, count(*) AS n FROM encounters
        WHERE ${POLICE} AND ${IN_RANGE} AND declined_at IS NOT NULL GROUP BY 1`,
    )
    .all(p) as { key: string; n: number }[];

  const stays = db
    .prepare(
      `SELECT unit_kind AS kind, count(*) AS n,
              percentile_cont((discharged_at - arrived_at) / 3600000.0, 0.5) AS median,
              percentile_cont((discharged_at - arrived_at) / 3600000.0, 0.9) AS p90
         FROM ${REPORT_SCAN}
        WHERE ${IN_RANGE} AND discharged_at IS NOT NULL AND unit_kind IS NOT NULL
        GROUP BY unit_kind`,
    )
    .all(p) as { kind: string; n: number; median: number; p90: number }[];
  const lengthOfStayHours: FiguresV1['lengthOfStayHours'] = {};
  for (const kind of orderedKeys(
    stays.map((s) => s.kind),
    UNIT_KINDS,
  )) {
    const s = stays.find((x) => x.kind === kind)!;
    lengthOfStayHours[kind] = { count: s.n, median: round2(s.median), p90: round2(s.p90) };
  }

  const dispositions = db
    .prepare(
      `SELECT disposition AS key, count(*) AS n FROM ${REPORT_SCAN}
        WHERE ${IN_RANGE} AND discharged_at IS NOT NULL AND disposition IS NOT NULL GROUP BY 1`,
    )
    .all(p) as { key: string; n: number }[];

  return {
    version: 1,
    range: { from: range.from, to: range.to, timeZone: range.timeZone },
    encounters: counts.encounters,
    policeDropOffs: counts.police,
    declinedPoliceDropOffs: counts.declined,
    declineReasons: orderedCounts(reasons, DECLINE_REASONS),
    turnaroundMinutes: {
      count: turnaround.n,
      median: round2(turnaround.median),
      p90: round2(turnaround.p90),
      withinTargetPct: percent(turnaround.within, turnaround.n),
      targetMinutes,
    },
    lengthOfStayHours,
    chairStaysOver23h59: counts.chair_over,
    dispositions: orderedCounts(dispositions, DISPOSITIONS),
    jailDiversion: { probableCause: counts.pc, diverted: counts.diverted },
    repeatVisitors: countRepeatVisitorsDirect(db, range),
    followUp: followUpFiguresDirect(db, range),
  };
}

/**
 * Encounters of people with a repeat pattern in range: for each encounter, the arrival two
 * visits earlier of the same person; a person counts when some third visit is within the window
 * of the first (any qualifying triple implies a qualifying consecutive one).
 */
const REPEATS_CTE = `
  WITH visits AS (
    SELECT person_key, arrived_at,
           lag(arrived_at, ${REPEAT_VISIT_COUNT - 1}) OVER (PARTITION BY person_key ORDER BY arrived_at, id) AS first_of_three
      FROM ${REPORT_SCAN}
     WHERE ${IN_RANGE} AND person_key IS NOT NULL)`;

export function countRepeatVisitorsDirect(db: Database, range: UtcRange): number {
  const r = db
    .prepare(
      `${REPEATS_CTE}
       SELECT count(DISTINCT person_key) AS n FROM visits
        WHERE arrived_at - first_of_three <= ${REPEAT_WINDOW_MS}`,
    )
    .get(params(range)) as { n: number };
  return r.n;
}

// ---------------------------------------------------------------------------------------------
// Dashboard breakdowns (not part of Figures JSON v1)

/** SQL for the facility-local wall-clock time (ms) of `arrived_at`, DST-correct over the range. */
export function localTimeSql(range: UtcRange, column = 'arrived_at'): string {
  const segs = offsetSegments(range.timeZone, range.startMs, range.endMs);
  if (segs.length === 1) return `(${column} + ${segs[0]!.offsetMin * 60_000})`;
  const whens = segs
    .slice(0, -1)
    .map((s) => `WHEN ${column} < ${s.untilMs} THEN ${s.offsetMin * 60_000}`)
    .join(' ');
  return `(${column} + CASE ${whens} ELSE ${segs[segs.length - 1]!.offsetMin * 60_000} END)`;
}

function turnaroundBy(
  db: Database,
  range: UtcRange,
  targetMinutes: number,
  keySql: string,
): TurnaroundGroup[] {
  const rows = db
    .prepare(
      `SELECT ${keySql} AS key, count(*) AS n,
              percentile_cont((officer_released_at - arrived_at) / 60000.0, 0.5) AS median,
              percentile_cont((officer_released_at - arrived_at) / 60000.0, 0.9) AS p90,
              sum(officer_released_at - arrived_at <= @target) AS within
         FROM ${REPORT_SCAN}
        WHERE ${MEASURED} AND ${IN_RANGE}
        GROUP BY 1 ORDER BY 1`,
    )
    .all({ ...params(range), target: targetMinutes * 60_000 }) as {
    key: string | number | null;
    n: number;
    median: number | null;
    p90: number | null;
    within: number;
  }[];
  return rows.map((r) => ({
    key: r.key === null ? '' : String(r.key),
    count: r.n,
    median: round2(r.median),
    p90: round2(r.p90),
    withinTargetPct: percent(r.within, r.n),
  }));
}

/** Officer turnaround per agency (agencies with no recorded name are grouped under ""). */
export const turnaroundByAgencyDirect = (db: Database, range: UtcRange, target: number) =>
  turnaroundBy(db, range, target, `coalesce(agency, '')`);

/** Officer turnaround by the local hour of arrival (0–23). */
export const turnaroundByHourDirect = (db: Database, range: UtcRange, target: number) =>
  turnaroundBy(db, range, target, `(${localTimeSql(range)} / 3600000) % 24`);

/** Both volume views from one scan, grouped by local hour (at most 24 rows per day). */
export function volumeDirect(db: Database, range: UtcRange): Volume {
  const local = localTimeSql(range);
  const rows = db
    .prepare(
      `SELECT ${local} / 3600000 AS local_hour, count(*) AS n, sum(${POLICE}) AS police
         FROM ${REPORT_SCAN} WHERE ${IN_RANGE} GROUP BY 1 ORDER BY 1`,
    )
    .all(params(range)) as { local_hour: number; n: number; police: number }[];
  return volumeFromLocalHours(
    rows.map((r) => ({ localHour: r.local_hour, n: r.n, police: r.police })),
  );
}

// ---------------------------------------------------------------------------------------------
// The case-management lists, computed from every encounter in range (the reference for
// listRepeatVisitors in db/reports.ts and possibleMatches in db/person-matches.ts). Unordered
// ties aside, the same rows; the tests compare them on random histories.

/** Each repeat visitor in range with their visits (people merged by `aliases`), all of them. */
export function listRepeatVisitorsDirect(
  db: Database,
  range: UtcRange,
  aliases: Record<string, string> = {},
): RepeatVisitorView[] {
  const rows = db
    .prepare(
      `WITH visits AS (
         SELECT coalesce(j.value, e.person_key) AS pk, e.arrived_at, e.reference,
                e.first_name, e.last_name, e.date_of_birth,
                e.arrived_at - lag(e.arrived_at, ${REPEAT_VISIT_COUNT - 1}) OVER (
                  PARTITION BY coalesce(j.value, e.person_key) ORDER BY e.arrived_at, e.id) AS span
           FROM encounters e LEFT JOIN json_each(@aliases) j ON j.key = e.person_key
          WHERE e.arrived_at >= @start AND e.arrived_at < @end AND e.person_key IS NOT NULL)
       SELECT pk AS personKey, max(first_name) AS firstName, max(last_name) AS lastName,
              max(date_of_birth) AS dateOfBirth, count(*) AS visits,
              min(arrived_at) AS firstArrivedAt, max(arrived_at) AS lastArrivedAt,
              group_concat(reference, ' ') AS refs
         FROM visits
        GROUP BY pk
       HAVING min(span) <= ${REPEAT_WINDOW_MS}
        ORDER BY visits DESC, lastArrivedAt DESC, personKey`,
    )
    .all({ ...params(range), aliases: JSON.stringify(aliases) }) as (Omit<
    RepeatVisitorView,
    'references'
  > & { refs: string })[];
  return rows.map(({ refs, ...r }) => ({ ...r, references: refs.split(' ') }));
}

/**
 * Every pair of people in range who may be one person (same last name and date of birth, or
 * same names), with 3 or more visits between them, keyed in order (keyA < keyB).
 */
export function possibleMatchesDirect(db: Database, range: UtcRange) {
  return db
    .prepare(
      `WITH people AS MATERIALIZED (
         SELECT person_key AS k, lower(trim(first_name)) AS f, lower(trim(last_name)) AS l,
                date_of_birth AS d, max(first_name) || ' ' || max(last_name) AS name, count(*) AS n
           FROM encounters
          WHERE arrived_at >= @start AND arrived_at < @end AND person_key IS NOT NULL
          GROUP BY person_key),
       pairs AS (
         SELECT a.k AS x, b.k AS y FROM people a JOIN people b
             ON b.l = a.l AND b.d = a.d AND b.k <> a.k
         UNION
         SELECT a.k, b.k FROM people a JOIN people b
             ON b.f = a.f AND b.l = a.l AND b.k <> a.k),
       ordered AS (SELECT DISTINCT min(x, y) AS ka, max(x, y) AS kb FROM pairs)
       SELECT a.k AS keyA, b.k AS keyB, a.name AS nameA, b.name AS nameB,
              a.d AS dateOfBirthA, b.d AS dateOfBirthB, a.n AS visitsA, b.n AS visitsB,
              m.decision AS decision
         FROM ordered o JOIN people a ON a.k = o.ka JOIN people b ON b.k = o.kb
         LEFT JOIN person_match_decisions m ON m.key_a = a.k AND m.key_b = b.k
        WHERE a.n + b.n >= 3
        ORDER BY m.decision IS NOT NULL, a.n + b.n DESC, a.k, b.k`,
    )
    .all(params(range)) as PossibleMatchView[];
}
