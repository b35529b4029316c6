import type { Database } from 'better-sqlite3';
import { percent, round2 } from '../core/reports/figures';
import { offsetSegments, type UtcRange } from '../core/reports/range';
import { percentiles } from './report-percentiles';
import { rangeParts, type RangeParts } from './report-days';

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

/**
 * Each arrival's local hour + 24 (1 … 47), as `(localTimeSql / 3600000) % 24` gives it in SQL
 * (integer division and remainder truncate toward zero: −23 … 23 before and after 1970).
 */
function localHours(at: Float64Array, range: UtcRange): Int32Array {
  const segments = offsetSegments(range.timeZone, range.startMs, range.endMs);
  const hours = new Int32Array(at.length);
  let s = 0; // arrivals ascend, so the segment only moves forward
  for (let i = 0; i < at.length; i++) {
    while (at[i]! >= segments[s]!.untilMs) s++;
    hours[i] = (Math.trunc((at[i]! + segments[s]!.offsetMin * 60_000) / 3_600_000) % 24) + 24;
  }
  return hours;
}

/**
 * Officer turnaround over police drop-offs in range that have a release time and were not
 * declined: overall, per agency ("" when none was recorded) and per local hour of arrival
 * (0–23), from the range's day parts (db/report-days.ts: read from the partial index
 * encounters_turnaround where a day changed, else kept).
 */
export function turnaround(
  db: Database,
  range: UtcRange,
  targetMinutes: number,
  parts: RangeParts = rangeParts(db, range),
): Turnaround {
  const { d, agency: a, at } = parts.turnaround;
  const names = parts.agencies;
  const n = d.length;
  const h = localHours(at, range);
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
  return {
    all: group('', d.slice()),
    byAgency: names
      .map((_, i) => i)
      .filter((i) => perAgency[i]!.length > 0)
      .sort((x, y) => binaryOrder(names[x]!, names[y]!))
      .map((i) => group(names[i]!, perAgency[i]!)),
    byHour: perHour.flatMap((values, k) =>
      values.length > 0 ? [group(String(k - 24), values)] : [],
    ),
  };
}
