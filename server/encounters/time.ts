import { TZDate } from '@date-fns/tz';
import { getFacility } from '../../db/facility';
import type { Database } from 'better-sqlite3';

/** The facility's zone: references and date ranges follow the center's calendar, not UTC. */
export function facilityTimeZone(db: Database): string {
  return getFacility(db)?.timeZone ?? 'UTC';
}

/** The last year looked up: [start, end) in its zone (time-zone math is slow; years are long). */
let lastYear: { timeZone: string; start: number; end: number; year: number } | null = null;

/** The calendar year of an instant in the zone (a reference number's year). */
export function yearIn(ms: number, timeZone: string): number {
  const c = lastYear;
  if (c && c.timeZone === timeZone && ms >= c.start && ms < c.end) return c.year;
  const year = new TZDate(ms, timeZone).getFullYear();
  lastYear = {
    timeZone,
    start: new TZDate(year, 0, 1, timeZone).getTime(),
    end: new TZDate(year + 1, 0, 1, timeZone).getTime(),
    year,
  };
  return year;
}

/** 00:00 of a `YYYY-MM-DD` day in the zone, as epoch ms. */
export function startOfDayIn(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone).getTime();
}

/** 00:00 of the day after (an inclusive "to" date becomes an exclusive bound). */
export function startOfNextDayIn(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d + 1, timeZone).getTime();
}
