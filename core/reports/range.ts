import { TZDate, tzOffset } from '@date-fns/tz';
import { ApiError } from '../result';
import { msg, type Message } from '../messages';

/** A report range: whole days in the facility's time zone, `to` inclusive. */
export interface DayRange {
  from: string;
  to: string;
  timeZone: string;
}

/** The same range as UTC instants: `startMs` inclusive, `endMs` exclusive. */
export interface UtcRange extends DayRange {
  startMs: number;
  endMs: number;
}

/** The longest range a report accepts (counties ask for a year; five covers any comparison). */
export const MAX_RANGE_YEARS = 5;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → [y, m, d], or null when it is not a real calendar day. */
export function parseDay(s: string): [number, number, number] | null {
  const m = DAY_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return [y, mo, d];
}

/** Midnight at the start of a calendar day in `timeZone`, as epoch ms. */
export function startOfLocalDay(y: number, m: number, d: number, timeZone: string): number {
  // TZDate resolves a wall-clock time in the zone (a midnight skipped by DST moves forward).
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime();
}

/** The calendar day `days` after y-m-d (UTC arithmetic on dates only: no zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parseDay(day)!;
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The facility-local calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number, timeZone: string): string {
  return new Date(ms + tzOffset(timeZone, new Date(ms)) * 60_000).toISOString().slice(0, 10);
}

/**
 * Validates a report range and turns it into UTC instants: "in range" means arrived on or after
 * `from` 00:00 and before the day after `to` 00:00, both in the facility's time zone.
 */
export function resolveRange(from: string, to: string, timeZone: string): UtcRange {
  const f = parseDay(from);
  const t = parseDay(to);
  const fields: Record<string, Message> = {};
  if (!f) fields.from = msg('notADay', { value: from });
  if (!t) fields.to = msg('notADay', { value: to });
  if (!f || !t) {
    const all = Object.values(fields);
    throw new ApiError(
      'invalid_input',
      all[0]!.withText(all.map((x) => x.text).join('; ')),
      fields,
    );
  }
  if (to < from) {
    throw new ApiError('invalid_input', msg('endBeforeStart', { to, from }), {
      to: msg('endBeforeStartField'),
    });
  }
  const limit = `${String(f[0] + MAX_RANGE_YEARS).padStart(4, '0')}${from.slice(4)}`;
  if (to >= limit) {
    throw new ApiError('invalid_input', msg('rangeTooLong', { years: MAX_RANGE_YEARS, limit }), {
      to: msg('rangeTooLongField', { years: MAX_RANGE_YEARS }),
    });
  }
  const next = parseDay(addDays(to, 1))!;
  return {
    from,
    to,
    timeZone,
    startMs: startOfLocalDay(f[0], f[1], f[2], timeZone),
    endMs: startOfLocalDay(next[0], next[1], next[2], timeZone),
  };
}

/** A stretch of time with one UTC offset (minutes) in the facility's zone. */
export interface OffsetSegment {
  untilMs: number;
  offsetMin: number;
}

const offsetAt = (timeZone: string, ms: number) => tzOffset(timeZone, new Date(ms));

/**
 * The zone's UTC offsets over [startMs, endMs) as segments, so SQL can turn UTC instants into
 * local wall-clock time with a CASE expression (SQLite knows no time zones). DST transitions are
 * found day by day, then narrowed to the minute.
 */
export function offsetSegments(timeZone: string, startMs: number, endMs: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  const DAY = 86_400_000;
  let current = offsetAt(timeZone, startMs);
  let probe = startMs;
  while (probe < endMs) {
    const next = Math.min(probe + DAY, endMs);
    const off = offsetAt(timeZone, next);
    if (off !== current && next <= endMs) {
      let lo = probe;
      let hi = next; // offset(lo) = current, offset(hi) ≠ current
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (mid <= lo) break;
        if (offsetAt(timeZone, mid) === current) lo = mid;
        else hi = mid;
      }
      segments.push({ untilMs: hi, offsetMin: current });
      current = offsetAt(timeZone, hi);
    }
    probe = next;
  }
  segments.push({ untilMs: Number.MAX_SAFE_INTEGER, offsetMin: current });
  return segments;
}
