import { followUpFigures } from './follow-ups';
import type { Database } from 'better-sqlite3';
import type { RepeatVisitorView, UnitOccupancyView } from '../core/contract/interchange';
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
import { DECLINE_REASONS, DISPOSITIONS } from '../core/vocab';
import { IN_RANGE, POLICE, params, type Params } from './report-sql';
import { rangeParts, type RangeParts } from './report-days';
import { ROLLUP_BUCKET_MS, ROLLUP_KEYS_BUCKET_MS } from './report-rollups';
import { localTimeSql } from './reports-direct';
import { volumeFromLocalHours, type Volume } from './report-volume';
import { percentiles } from './report-percentiles';
import { turnaround, type Turnaround } from './report-turnaround';

export { turnaround, type Turnaround, type TurnaroundGroup } from './report-turnaround';

/*
 * The figures of FIGURE_DEFINITIONS (core/reports/figures.ts) at a million encounters
 * (issue #8): counts come from the per-15-minute rollups of migration 0090 (a 90-day range is
 * ~8,600 small rows), percentiles from the narrow partial indexes encounters_turnaround and
 * encounters_stay, read per day where a day changed and kept otherwise (db/report-days.ts),
 * interpolated here exactly as SQLite's percentile_cont does (linear between the closest ranks, numpy's default), and the
 * repeat-visitor figure from repeat_visits. db/reports-direct.ts computes the same from the
 * encounters alone; tests compare the two on random histories.
 */

const B = ROLLUP_BUCKET_MS;

/**
 * A range as whole rollup buckets [bStart, bEnd) plus the pieces at either edge that do not
 * fill a bucket (none when the range starts and ends on a quarter hour, as every real zone's
 * midnight does).
 */
function split(range: UtcRange, width = B): { bStart: number; bEnd: number; edges: Params[] } {
  const bStart = Math.ceil(range.startMs / width);
  const bEnd = Math.floor(range.endMs / width);
  if (bEnd <= bStart) return { bStart: 0, bEnd: 0, edges: [params(range)] };
  const edges: Params[] = [];
  if (bStart * width > range.startMs) edges.push({ start: range.startMs, end: bStart * width });
  if (bEnd * width < range.endMs) edges.push({ start: bEnd * width, end: range.endMs });
  return { bStart, bEnd, edges };
}

interface Counts {
  encounters: number;
  police: number;
  declined: number;
  pc: number;
  diverted: number;
  chair_over: number;
}

const COUNT_NAMES = ['encounters', 'police', 'declined', 'pc', 'diverted', 'chair_over'] as const;

function counts(db: Database, range: UtcRange): Counts {
  const { bStart, bEnd, edges } = split(range);
  const total = db
    .prepare(
      `SELECT coalesce(sum(encounters), 0) AS encounters, coalesce(sum(police), 0) AS police,
              coalesce(sum(declined), 0) AS declined, coalesce(sum(probable_cause), 0) AS pc,
              coalesce(sum(diverted), 0) AS diverted, coalesce(sum(chair_over), 0) AS chair_over
         FROM encounter_rollup WHERE bucket >= ? AND bucket < ?`,
    )
    .get(bStart, bEnd) as Counts;
  for (const e of edges) {
    const part = db
      .prepare(
        `SELECT count(*) AS encounters,
                coalesce(sum(${POLICE}), 0) AS police,
                coalesce(sum(${POLICE} AND declined_at IS NOT NULL), 0) AS declined,
                coalesce(sum(${POLICE} AND probable_cause IS 1), 0) AS pc,
                coalesce(sum(${POLICE} AND probable_cause IS 1 AND diverted_from_arrest IS 1), 0) AS diverted,
                coalesce(sum(discharged_at IS NOT NULL AND unit_kind IS 'chair'
                             AND discharged_at - arrived_at > ${CHAIR_STAY_LIMIT_MS}), 0) AS chair_over
           FROM encounters WHERE ${IN_RANGE}`,
      )
      .get(e) as Counts;
    for (const k of COUNT_NAMES) total[k] += part[k];
  }
  return total;
}

/** Decline reasons or dispositions in range: rollup buckets plus the edges. */
function keyCounts(
  db: Database,
  range: UtcRange,
  kind: 'decline_reason' | 'disposition',
): { key: string; n: number }[] {
  const { bStart, bEnd, edges } = split(range, ROLLUP_KEYS_BUCKET_MS);
  const sums = new Map<string, number>();
  const add = (rows: { key: string; n: number }[]) => {
    for (const r of rows) sums.set(r.key, (sums.get(r.key) ?? 0) + r.n);
  };
  add(
    db
      .prepare(
        `SELECT key, sum(n) AS n FROM encounter_rollup_keys
          WHERE kind = ? AND bucket >= ? AND bucket < ? GROUP BY key`,
      )
      .all(kind, bStart, bEnd) as { key: string; n: number }[],
  );
  const direct =
    kind === 'decline_reason'
      ? `SELECT coalesce(decline_reason, 'other') AS key, count(*) AS n FROM encounters
          WHERE ${IN_RANGE} AND ${POLICE} AND declined_at IS NOT NULL GROUP BY 1`
      : `SELECT disposition AS key, count(*) AS n FROM encounters
          WHERE ${IN_RANGE} AND discharged_at IS NOT NULL AND disposition IS NOT NULL GROUP BY 1`;
  for (const e of edges) add(db.prepare(direct).all(e) as { key: string; n: number }[]);
  return [...sums].map(([key, n]) => ({ key, n }));
}

/**
 * Figures JSON v1 for a range (docs/figures-json.md); `t` and `parts` when the caller has them
 * already (the dashboard reads the range's day parts once for everything).
 */
export function computeFigures(
  db: Database,
  range: UtcRange,
  targetMinutes: number,
  t?: Turnaround,
  parts: RangeParts = rangeParts(db, range),
): FiguresV1 {
  t ??= turnaround(db, range, targetMinutes, parts);
  const c = counts(db, range);
  const lengthOfStayHours: FiguresV1['lengthOfStayHours'] = {};
  for (const [kind, stays] of parts.stays) {
    const { median, p90 } = percentiles(stays.slice(), 3_600_000);
    lengthOfStayHours[kind] = { count: stays.length, median: round2(median), p90: round2(p90) };
  }
  return {
    version: 1,
    range: { from: range.from, to: range.to, timeZone: range.timeZone },
    encounters: c.encounters,
    policeDropOffs: c.police,
    declinedPoliceDropOffs: c.declined,
    declineReasons: orderedCounts(keyCounts(db, range, 'decline_reason'), DECLINE_REASONS),
    turnaroundMinutes: {
      count: t.all.count,
      median: t.all.median,
      p90: t.all.p90,
      withinTargetPct: t.all.withinTargetPct,
      targetMinutes,
    },
    lengthOfStayHours,
    chairStaysOver23h59: c.chair_over,
    dispositions: orderedCounts(keyCounts(db, range, 'disposition'), DISPOSITIONS),
    jailDiversion: { probableCause: c.pc, diverted: c.diverted },
    repeatVisitors: countRepeatVisitors(db, range),
    followUp: followUpFigures(db, range, parts),
  };
}

/**
 * People with a repeat pattern in range (FIGURE_DEFINITIONS.repeatVisitors): some visit in range
 * whose visit two before is also in range and at most 30 days earlier (repeat_visits holds every
 * visit of the whole history with its visit two before within 30 days).
 */
export function countRepeatVisitors(db: Database, range: UtcRange): number {
  return db
    .prepare(
      `SELECT count(DISTINCT person_key) FROM repeat_visits
        WHERE ${IN_RANGE} AND first_at >= @start`,
    )
    .pluck()
    .get(params(range)) as number;
}

export type RepeatVisitorRow = RepeatVisitorView;

/**
 * The case-management list: each repeat visitor with their visits in range, most visits first.
 * Unlike the figure (which is pinned to name + date of birth), the list follows the managers'
 * "same person" decisions: `aliases` maps a person key to the key it was merged into.
 */
export function listRepeatVisitors(
  db: Database,
  range: UtcRange,
  aliases: Record<string, string> = {},
  limit = 500,
): RepeatVisitorRow[] {
  // Only people who can be on the list are read: those with a repeat pattern in range by exact
  // key (repeat_visits, the figure's definition) and every key of a "same person" decision (a
  // merged person may have the pattern only together). Their visits in range come from the
  // person index; then, as before, each person's visits are numbered, a person is flagged when
  // some visit is within the window of the visit two before it, and visits are aggregated.
  const rows = db
    .prepare(
      `WITH candidates(pk) AS (
         SELECT person_key FROM repeat_visits
          WHERE arrived_at >= @start AND arrived_at < @end AND first_at >= @start
         UNION SELECT key FROM json_each(@aliases)
         UNION SELECT value FROM json_each(@aliases)),
       visits AS (
         SELECT coalesce(j.value, e.person_key) AS pk, e.arrived_at, e.reference,
                e.first_name, e.last_name, e.date_of_birth,
                e.arrived_at - lag(e.arrived_at, ${REPEAT_VISIT_COUNT - 1}) OVER (
                  PARTITION BY coalesce(j.value, e.person_key) ORDER BY e.arrived_at, e.id) AS span
           FROM candidates c
           JOIN encounters e INDEXED BY encounters_person
             ON e.person_key = c.pk AND e.arrived_at >= @start AND e.arrived_at < @end
           LEFT JOIN json_each(@aliases) j ON j.key = e.person_key)
       SELECT pk AS personKey, max(first_name) AS firstName, max(last_name) AS lastName,
              max(date_of_birth) AS dateOfBirth, count(*) AS visits,
              min(arrived_at) AS firstArrivedAt, max(arrived_at) AS lastArrivedAt,
              group_concat(reference, ' ') AS refs
         FROM visits
        GROUP BY pk
       HAVING min(span) <= ${REPEAT_WINDOW_MS}
        ORDER BY visits DESC, lastArrivedAt DESC, personKey
        LIMIT @limit`,
    )
    .all({ ...params(range), aliases: JSON.stringify(aliases), limit }) as (Omit<
    RepeatVisitorRow,
    'references'
  > & { refs: string })[];
  return rows.map(({ refs, ...r }) => ({ ...r, references: refs.split(' ') }));
}

// ---------------------------------------------------------------------------------------------
// Dashboard breakdowns (not part of Figures JSON v1)

/**
 * Both volume views, from arrivals counted per local hour: the rollup buckets (each lies in one
 * local hour when the zone's offsets and changes fall on quarter hours, as every real zone's do),
 * else the encounters.
 */
export function volume(db: Database, range: UtcRange): Volume {
  const perHour = new Map<number, { n: number; police: number }>();
  const add = (rows: { local_hour: number; n: number; police: number }[]) => {
    for (const r of rows) {
      const h = perHour.get(r.local_hour);
      if (h) {
        h.n += r.n;
        h.police += r.police;
      } else perHour.set(r.local_hour, { n: r.n, police: r.police });
    }
  };
  const direct = `SELECT ${localTimeSql(range)} / 3600000 AS local_hour, count(*) AS n,
                         sum(${POLICE}) AS police
                    FROM encounters WHERE ${IN_RANGE} GROUP BY 1`;
  const aligned = offsetSegments(range.timeZone, range.startMs, range.endMs).every(
    (s) =>
      (s.offsetMin * 60_000) % B === 0 &&
      (s.untilMs === Number.MAX_SAFE_INTEGER || s.untilMs % B === 0),
  );
  if (aligned) {
    const { bStart, bEnd, edges } = split(range);
    add(
      db
        .prepare(
          `SELECT ${localTimeSql(range, `(bucket * ${B})`)} / 3600000 AS local_hour,
                  sum(encounters) AS n, sum(police) AS police
             FROM encounter_rollup WHERE bucket >= ? AND bucket < ? GROUP BY 1`,
        )
        .all(bStart, bEnd) as { local_hour: number; n: number; police: number }[],
    );
    for (const e of edges) add(db.prepare(direct).all(e) as never);
  } else add(db.prepare(direct).all(params(range)) as never);

  return volumeFromLocalHours(
    [...perHour].sort((a, b) => a[0] - b[0]).map(([localHour, r]) => ({ localHour, ...r })),
  );
}

/**
 * % of time accepting police while not full, from the capacity history (migration 0040: one
 * row per change; each state holds until the next).
 */
export function acceptingWhileNotFull(
  db: Database,
  range: UtcRange,
): { pct: number | null; reason: string | null } {
  const r = db
    .prepare(
      `WITH spans AS (
         SELECT max(at, @start) AS s,
                min(coalesce(lead(at) OVER (ORDER BY at, id), @end), @end) AS e,
                status, accepting_law_enforcement AS acc
           FROM capacity_history
          WHERE at < @end)
       SELECT coalesce(sum(CASE WHEN status <> 'full' AND e > s THEN e - s END), 0) AS not_full,
              coalesce(sum(CASE WHEN status <> 'full' AND acc = 1 AND e > s THEN e - s END), 0) AS accepting
         FROM spans`,
    )
    .get({ start: range.startMs, end: range.endMs }) as { not_full: number; accepting: number };
  if (r.not_full === 0)
    return { pct: null, reason: 'No data: no capacity history while not full in this range.' };
  return { pct: percent(r.accepting, r.not_full), reason: null };
}

/**
 * Occupancy by unit: now (from the beds), and the average and peak over the range from the bed
 * history (every status change is kept there): each change into or out of "occupied" moves the
 * unit's level by one; levels are weighted by how long they held within the range.
 */
export function occupancyByUnit(db: Database, range: UtcRange): UnitOccupancyView[] {
  const rows = db
    .prepare(
      `WITH ev AS (
         SELECT b.unit_id, h.at, h.id,
                CASE WHEN h.to_status = 'occupied' AND coalesce(h.from_status, '') <> 'occupied' THEN 1
                     WHEN h.from_status = 'occupied' AND h.to_status <> 'occupied' THEN -1 END AS d
           FROM bed_history h JOIN beds b ON b.id = h.bed_id
          WHERE h.at < @end),
       levels AS (
         SELECT unit_id, at,
                sum(d) OVER (PARTITION BY unit_id ORDER BY at, id) AS level,
                lead(at) OVER (PARTITION BY unit_id ORDER BY at, id) AS next_at
           FROM ev WHERE d IS NOT NULL),
       spans AS (
         SELECT unit_id, level, max(at, @start) AS s, min(coalesce(next_at, @end), @end) AS e
           FROM levels)
       SELECT u.name AS unit, u.kind AS kind,
              (SELECT count(*) FROM beds b WHERE b.unit_id = u.id AND b.retired_at IS NULL) AS total,
              (SELECT count(*) FROM beds b WHERE b.unit_id = u.id AND b.retired_at IS NULL
                                             AND b.status = 'occupied') AS occupied,
              (SELECT sum(level * (e - s)) FROM spans WHERE spans.unit_id = u.id AND e > s) AS weighted,
              (SELECT max(level) FROM spans WHERE spans.unit_id = u.id AND e > s) AS peak,
              (SELECT count(*) FROM levels WHERE levels.unit_id = u.id) AS changes
         FROM units u
        WHERE u.retired_at IS NULL
        ORDER BY u.sort_order, u.name`,
    )
    .all({ start: range.startMs, end: range.endMs }) as {
    unit: string;
    kind: string;
    total: number;
    occupied: number;
    weighted: number | null;
    peak: number | null;
    changes: number;
  }[];
  const length = range.endMs - range.startMs;
  return rows.map((r) => ({
    unit: r.unit,
    kind: r.kind,
    total: r.total,
    occupied: r.occupied,
    // No change before the end of the range: no history to speak of (not "zero occupied").
    average: r.changes === 0 ? null : round2((r.weighted ?? 0) / length),
    peak: r.changes === 0 ? null : (r.peak ?? 0),
  }));
}
