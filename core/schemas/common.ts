import { z } from 'zod';
import { m, type FieldLabel } from '../messages';

/** Trimmed, non-empty, bounded text: what every name-like field accepts. */
export const text = (label: FieldLabel, max = 200) =>
  z
    .string({ error: m('required', { label }) })
    .trim()
    .min(1, m('required', { label }))
    .max(max, m('maxChars', { label, max }));

/** Optional bounded text: empty, blank or null → null (forms send '', scripts send null). */
export const optionalText = (label: FieldLabel, max = 500) =>
  z
    .string()
    .trim()
    .max(max, m('maxChars', { label, max }))
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** A row id: missing says "required"; a number that is no id (1.5, 0, 1e20) says what is wrong. */
export const id = z
  .number({ error: m('idRequired') })
  .int(m('idInvalid'))
  .positive(m('idInvalid'));

/**
 * A form's number box: empty ('' or NaN) means "no value" (null); a string must be a plain
 * decimal number, so " ", "0x10" or "1e3" are refused by the number schema, not read as numbers.
 */
export const blankToNull = (v: unknown) =>
  v === '' || v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))
    ? null
    : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)
      ? Number(v)
      : v;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string({ error: m('timeZoneRequired') })
  .trim()
  .refine(isTimeZone, m('timeZoneUnknown'));

/**
 * The times Handoff takes (README "Times"): from 2000-01-01 to the end of 2099, UTC. Earlier
 * is before any center could have used it (0 would be 1970); later is a typing or clock mistake.
 */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);
export const LATEST_TIME_MS = Date.UTC(2100, 0, 1) - 1;

export function isInTimeWindow(ms: number): boolean {
  return ms >= EARLIEST_TIME_MS && ms <= LATEST_TIME_MS;
}

/** Epoch milliseconds (UTC), the only way times cross the boundary. */
export const epochMs = z
  .number()
  .int(m('timeOutOfWindow'))
  .min(EARLIEST_TIME_MS, m('timeOutOfWindow'))
  .max(LATEST_TIME_MS, m('timeOutOfWindow'));
