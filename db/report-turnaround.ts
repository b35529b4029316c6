import type { Database } from 'better-sqlite3';
import { percent, round2 } from '../core/reports/figures';
import type { UtcRange } from '../core/reports/range';
import { percentiles } from './report-percentiles';
import { IN_RANGE, POLICE, params } from './report-sql';
import { localTimeSql } from './reports-direct';

/** Police drop-offs with a release time that were not declined: the turnaround population. */
const MEASURED = `${POLICE} AND officer_released_at IS NOT NULL AND declined_at IS NULL`;

export interface TurnaroundGroup {
  key: string;
  count: number;
  median: number | null;
  p90: number | null;
  withinTargetPct: number | null;
}

export interface Turnaround {
  all: TurnaroundGroup;
  byAgency: TurnaroundGroup[];
  byHour: TurnaroundGroup[];
}

/** UTF-8 byte order (SQLite's BINARY collation), so groups come out as `ORDER BY` had them. */
const binaryOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** How many agency names the turnaround read turns into numbers in SQL (most frequent first). */
const AGENCY_SLOTS = 32;
/** Per connection: the agency names of the last turnaround read, most drop-offs first. */
const knownAgencies = new WeakMap<Database, string[]>();

/**
 * Officer turnaround over police drop-offs in range that have a release time and were not
 * declined: overall, per agency ("" when none was recorded) and per local hour of arrival
 * (0–23), from one read of the partial index encounters_turnaround.
 *
 * Agencies come as numbers where they can: the names of the previous read (per connection) are
 * bound as parameters and a known name is read as its position, any other name as itself, so the
 * result never depends on that memory; a JSON array of small numbers is built, parsed and grouped
 * in about a third of the time of one of strings (at 1M: 41k drop-offs in 90 days).
 */
export function turnaround(db: Database, range: UtcRange, targetMinutes: number): Turnaround {
  const known = knownAgencies.get(db) ?? [];
  const slots: Record<string, string | null> = {};
  for (let i = 0; i < AGENCY_SLOTS; i++) slots[`a${i}`] = known[i] ?? null;
  const r = db
    .prepare(
      `SELECT json_group_array((officer_released_at - arrived_at) * 64
                                + (${localTimeSql(range)} / 3600000) % 24 + 24) AS dh,
              json_group_array(CASE coalesce(agency, '')
                ${Array.from({ length: AGENCY_SLOTS }, (_, i) => `WHEN @a${i} THEN ${i}`).join(' ')}
                ELSE coalesce(agency, '') END) AS g
         FROM encounters INDEXED BY encounters_turnaround WHERE ${MEASURED} AND ${IN_RANGE}`,
    )
    .get({ ...params(range), ...slots }) as { dh: string; g: string };
  // Each value is duration × 64 + local hour + 24 (one array parses in a third of the time of
  // two): durations are whole ms, and hours (−23 … 23 before and after 1970) + 24 fit in 0 … 63.
  const dh = JSON.parse(r.dh) as number[];
  const g = JSON.parse(r.g) as (number | string)[];
  const n = dh.length;
  const d = new Float64Array(n);
  const h = new Int32Array(n); // local hour + 24: 1 … 47
  const a = new Int32Array(n); // position in `names`
  const names = known.slice(0, AGENCY_SLOTS);
  const position = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = dh[i]!;
    const rem = x % 64;
    d[i] = (x - rem) / 64;
    h[i] = rem;
    const v = g[i]!;
    if (typeof v === 'number') a[i] = v;
    else {
      let p = position.get(v);
      if (p === undefined) {
        p = names.length;
        names.push(v);
        position.set(v, p);
      }
      a[i] = p;
    }
  }
  const target = targetMinutes * 60_000;
  const group = (key: string, values: Float64Array): TurnaroundGroup => {
    let within = 0;
    for (const v of values) if (v <= target) within++;
    const { median, p90 } = percentiles(values, 60_000);
    return {
      key,
      count: values.length,
      median: round2(median),
      p90: round2(p90),
      withinTargetPct: percent(within, values.length),
    };
  };
  /** The durations of each key (0 … keys − 1), in row order. */
  const byKey = (key: Int32Array, keys: number): Float64Array[] => {
    const count = new Int32Array(keys);
    for (let i = 0; i < n; i++) count[key[i]!]!++;
    const out = Array.from(count, (c) => new Float64Array(c));
    const fill = new Int32Array(keys);
    for (let i = 0; i < n; i++) {
      const k = key[i]!;
      out[k]![fill[k]!++] = d[i]!;
    }
    return out;
  };
  const perAgency = byKey(a, names.length);
  const perHour = byKey(h, 64);
  const present = names.map((_, i) => i).filter((i) => perAgency[i]!.length > 0);
  knownAgencies.set(
    db,
    present
      .slice()
      .sort((x, y) => perAgency[y]!.length - perAgency[x]!.length)
      .map((i) => names[i]!),
  );
  return {
    all: group('', d.slice()),
    byAgency: present
      .sort((x, y) => binaryOrder(names[x]!, names[y]!))
      .map((i) => group(names[i]!, perAgency[i]!)),
    byHour: perHour.flatMap((values, k) =>
      values.length > 0 ? [group(String(k - 24), values)] : [],
    ),
  };
}
