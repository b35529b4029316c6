import { z } from 'zod';

/** Trimmed, non-empty, bounded text: what every name-like field accepts. */
export const text = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const optionalText = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v));

export const id = z.number({ error: 'An id is required' }).int().positive();

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string({ error: 'Time zone is required' })
  .trim()
  .refine(isTimeZone, 'Not a known time zone (use a name like America/Phoenix)');

/** Epoch milliseconds (UTC), the only way times cross the boundary. */
export const epochMs = z.number().int().min(0).max(8_640_000_000_000);
