import type { Database } from 'better-sqlite3';
import type { UtcRange } from '../core/reports/range';
import { UNIT_KINDS } from '../core/vocab';
import { MEASURED } from './report-sql';
import { inTransaction } from './tx';

/*
 * The values behind the figures that need every row of a range (turnaround and stay
 * percentiles, the follow-up block), kept per UTC day of arrival for as long as the day does not
 * change. Another connection's commit empties this connection's page cache (SQLite resets a WAL
 * reader's cache when the file changed), and encrypted pages are decrypted and checked again
 * on every read; a 90-day dashboard at 1M read ~1,700 such pages after any handoff, though a
 * handoff changes one day. Migration 0210 gives a day a new random version on every change of a
 * column read here, and a restored backup a new epoch: a day is read again exactly when its
 * version is not the one it was read at. Nothing here is ever stale for longer than the call
 * that read it.
 */

const DAY = 86_400_000;
/**
 * Days kept between calls (about three years). The days a call uses are never evicted by it, so a
 * longer range (at most five years) holds all its days until later calls push the oldest out.
 */
const MAX_DAYS = 1_200;

/** Each follow-up plan's part of the figures, as bits. */
export const PLAN_FLAGS = { eligible: 1, r24: 2, r72: 4, scheduled: 8, kept: 16 } as const;

interface DayPart {
  v: number;
  used: number;
  /** Turnaround population: arrival, duration (ms), agency (position in Cache.names). */
  t: { at: Float64Array; d: Float64Array; agency: Int32Array };
  /** Discharged stays per unit kind: arrival, length (ms). */
  stays: Map<string, { at: Float64Array; d: Float64Array }>;
  /** Follow-up plans: arrival, PLAN_FLAGS. */
  plans: { at: Float64Array; flags: Uint8Array };
}

interface Cache {
  epoch: number | undefined;
  days: Map<number, DayPart>;
  names: string[];
  ids: Map<string, number>;
  tick: number;
  /** Days read from the indexes so far (the bench and the tests see what a call read). */
  daysRead: number;
}

/** A range's values, every array in arrival order. */
export interface RangeParts {
  turnaround: { at: Float64Array; d: Float64Array; agency: Int32Array };
  /** Agency names by position (may hold names with no drop-off in range). */
  agencies: readonly string[];
  stays: Map<string, Float64Array>;
  planFlags: Uint8Array;
}

const caches = new WeakMap<Database, Cache>();

const dayOf = (ms: number) => Math.floor(ms / DAY);

/** First index in `at` (ascending) with a value ≥ `ms`. */
function lowerBound(at: Float64Array, ms: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Row positions in arrival order (the index scans give that order; this never trusts it). */
function arrivalOrder(at: number[]): number[] | null {
  for (let i = 1; i < at.length; i++)
    if (at[i]! < at[i - 1]!) return at.map((_, j) => j).sort((a, b) => at[a]! - at[b]! || a - b);
  return null;
}

/** Splits parallel columns (arrival first) read over whole days into one slice per day. */
function perDay<T>(
  at: number[],
  columns: number[][],
  firstDay: number,
  endDay: number,
  make: (at: Float64Array, cols: number[][]) => T,
): T[] {
  const order = arrivalOrder(at);
  const pick = (c: number[]) => (order ? order.map((i) => c[i]!) : c);
  const sortedAt = pick(at);
  const sortedCols = columns.map(pick);
  const out: T[] = [];
  let from = 0;
  for (let day = firstDay; day < endDay; day++) {
    let to = from;
    const end = (day + 1) * DAY;
    while (to < sortedAt.length && sortedAt[to]! < end) to++;
    out.push(
      make(
        Float64Array.from(sortedAt.slice(from, to)),
        sortedCols.map((c) => c.slice(from, to)),
      ),
    );
    from = to;
  }
  return out;
}

const json = (s: string) => JSON.parse(s) as number[];

/** Reads the days [firstDay, endDay) from the three partial indexes. */
function readDays(db: Database, cache: Cache, firstDay: number, endDay: number): DayPart[] {
  const span = { start: firstDay * DAY, end: endDay * DAY };
  const t = db
    .prepare(
      `SELECT json_group_array(arrived_at) AS at,
              json_group_array(officer_released_at - arrived_at) AS d,
              json_group_array(coalesce(agency, '')) AS g
         FROM encounters INDEXED BY encounters_turnaround
        WHERE ${MEASURED} AND arrived_at >= @start AND arrived_at < @end`,
    )
    .get(span) as { at: string; d: string; g: string };
  const agencyIds = (JSON.parse(t.g) as string[]).map((name) => {
    let id = cache.ids.get(name);
    if (id === undefined) {
      id = cache.names.length;
      cache.names.push(name);
      cache.ids.set(name, id);
    }
    return id;
  });
  const turnaround = perDay(json(t.at), [json(t.d), agencyIds], firstDay, endDay, (at, c) => ({
    at,
    d: Float64Array.from(c[0]!),
    agency: Int32Array.from(c[1]!),
  }));

  const stays = db
    .prepare(
      `SELECT unit_kind AS kind, json_group_array(arrived_at) AS at,
              json_group_array(discharged_at - arrived_at) AS d
         FROM encounters INDEXED BY encounters_stay
        WHERE unit_kind IN (${UNIT_KINDS.map((k) => `'${k}'`).join(', ')})
          AND unit_kind IS NOT NULL AND discharged_at IS NOT NULL
          AND arrived_at >= @start AND arrived_at < @end
        GROUP BY unit_kind`,
    )
    .all(span) as { kind: string; at: string; d: string }[];
  const staysByKind = stays.map((s) => ({
    kind: s.kind,
    days: perDay(json(s.at), [json(s.d)], firstDay, endDay, (at, c) => ({
      at,
      d: Float64Array.from(c[0]!),
    })),
  }));

  const reached = (hours: number) =>
    `(eligible AND coalesce(first_reached_at <= discharged_at + ${hours * 3_600_000}, 0))`;
  const p = db
    .prepare(
      `SELECT json_group_array(arrived_at) AS at,
              json_group_array(eligible * ${PLAN_FLAGS.eligible}
                + ${reached(24)} * ${PLAN_FLAGS.r24} + ${reached(72)} * ${PLAN_FLAGS.r72}
                + (appointment_at IS NOT NULL) * ${PLAN_FLAGS.scheduled}
                + (appointment_at IS NOT NULL AND appointment_kept) * ${PLAN_FLAGS.kept}) AS f
         FROM follow_up_plans INDEXED BY follow_up_plans_figures
        WHERE arrived_at >= @start AND arrived_at < @end`,
    )
    .get(span) as { at: string; f: string };
  const plans = perDay(json(p.at), [json(p.f)], firstDay, endDay, (at, c) => ({
    at,
    flags: Uint8Array.from(c[0]!),
  }));

  return turnaround.map((tp, i) => ({
    v: 0,
    used: 0,
    t: tp,
    stays: new Map(staysByKind.map((s) => [s.kind, s.days[i]!])),
    plans: plans[i]!,
  }));
}

function cacheOf(db: Database): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { epoch: undefined, days: new Map(), names: [], ids: new Map(), tick: 0, daysRead: 0 };
    caches.set(db, cache);
  }
  return cache;
}

/** The days of [startMs, endMs), read where they changed since this connection last read them. */
function currentDays(db: Database, range: UtcRange): DayPart[] {
  const cache = cacheOf(db);
  const firstDay = dayOf(range.startMs);
  const endDay = dayOf(range.endMs - 1) + 1;
  return inTransaction(db, () => {
    const epoch = db.prepare('SELECT v FROM report_epoch').pluck().get() as number;
    if (epoch !== cache.epoch) {
      cache.days.clear();
      cache.epoch = epoch;
    }
    const versions = new Map(
      db
        .prepare('SELECT day, v FROM report_day_versions WHERE day >= ? AND day < ?')
        .raw()
        .all(firstDay, endDay) as [number, number][],
    );
    const tick = ++cache.tick;
    const out: DayPart[] = [];
    for (let day = firstDay; day < endDay;) {
      const v = versions.get(day) ?? 0;
      const have = cache.days.get(day);
      if (have && have.v === v) {
        have.used = tick;
        out.push(have);
        day++;
        continue;
      }
      // A run of days to read: one scan of each index instead of one per day.
      let runEnd = day + 1;
      while (runEnd < endDay && cache.days.get(runEnd)?.v !== (versions.get(runEnd) ?? 0)) runEnd++;
      cache.daysRead += runEnd - day;
      readDays(db, cache, day, runEnd).forEach((part, i) => {
        part.v = versions.get(day + i) ?? 0;
        part.used = tick;
        cache.days.set(day + i, part);
        out.push(part);
      });
      day = runEnd;
    }
    if (cache.days.size > MAX_DAYS) {
      const old = [...cache.days]
        .filter(([, p]) => p.used !== tick)
        .sort((a, b) => a[1].used - b[1].used);
      for (const [day] of old.slice(0, cache.days.size - MAX_DAYS)) cache.days.delete(day);
    }
    return out;
  });
}

/** How many days this connection has read from the indexes (the others came from memory). */
export const daysReadBy = (db: Database): number => caches.get(db)?.daysRead ?? 0;

/** One column of each day, concatenated: the slice of arrivals in [startMs, endMs) of each. */
function gather<P extends { at: Float64Array }, K extends keyof P>(
  days: readonly P[],
  column: K,
  range: UtcRange,
  make: (n: number) => P[K] & (Float64Array | Int32Array | Uint8Array),
): P[K] {
  const bounds = days.map(
    (p) => [lowerBound(p.at, range.startMs), lowerBound(p.at, range.endMs)] as const,
  );
  const out = make(bounds.reduce((n, [lo, hi]) => n + hi - lo, 0));
  let at = 0;
  bounds.forEach(([lo, hi], i) => {
    out.set((days[i]![column] as typeof out).subarray(lo, hi), at);
    at += hi - lo;
  });
  return out;
}

/** The values of a range's figures that need every row, in arrival order. */
export function rangeParts(db: Database, range: UtcRange): RangeParts {
  if (range.endMs <= range.startMs)
    return {
      turnaround: { at: new Float64Array(0), d: new Float64Array(0), agency: new Int32Array(0) },
      agencies: [],
      stays: new Map(),
      planFlags: new Uint8Array(0),
    };
  const days = currentDays(db, range);
  const t = days.map((p) => p.t);
  const f64 = (n: number) => new Float64Array(n);
  const stays = new Map<string, Float64Array>();
  for (const kind of UNIT_KINDS) {
    const ofKind = days.map((p) => p.stays.get(kind) ?? { at: f64(0), d: f64(0) });
    const d = gather(ofKind, 'd', range, f64);
    if (d.length > 0) stays.set(kind, d);
  }
  return {
    turnaround: {
      at: gather(t, 'at', range, f64),
      d: gather(t, 'd', range, f64),
      agency: gather(t, 'agency', range, (n) => new Int32Array(n)),
    },
    agencies: cacheOf(db).names,
    stays,
    planFlags: gather(
      days.map((p) => p.plans),
      'flags',
      range,
      (n) => new Uint8Array(n),
    ),
  };
}
