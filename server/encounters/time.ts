import { TZDate } from '@date-fns/tz';
import { getFacility } from '../../db/facility';
import type { Database } from 'better-sqlite3';

/** The facility's zone: references and date ranges follow the center's calendar, not UTC. */
export function facilityTimeZone(db: Database): string {
  return getFacility(db)?.timeZone ?? 'UTC';
}

export const yearIn = (ms: number, timeZone: string): number =>
  new TZDate(ms, timeZone).getFullYear();

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
