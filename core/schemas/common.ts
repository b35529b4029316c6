import { z } from 'zod';
import { m, type FieldLabel } from '../messages';

/** Trimmed, non-empty, bounded text: what every name-like field accepts. */
export const text = (label: FieldLabel, max = 200) =>
  z
    .string({ error: m('required', { label }) })
    .trim()
    .min(1, m('required', { label }))
    .max(max, m('maxChars', { label, max }));

export const optionalText = (label: FieldLabel, max = 500) =>
  z
    .string()
    .trim()
    .max(max, m('maxChars', { label, max }))
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v));

export const id = z
  .number({ error: m('idRequired') })
  .int()
  .positive();

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

/** Epoch milliseconds (UTC), the only way times cross the boundary. */
export const epochMs = z.number().int().min(0).max(8_640_000_000_000);
