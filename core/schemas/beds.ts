import { z } from 'zod';
import { BED_STATUSES, UNIT_KINDS } from '../vocab';
import { id, optionalText, text } from './common';

/** A form's empty number box arrives as '' or NaN: both mean "no value". */
const blankToNull = (v: unknown) =>
  v === '' || v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))
    ? null
    : typeof v === 'string'
      ? Number(v)
      : v;

export const staffedLimit = z.preprocess(
  blankToNull,
  z
    .number({ error: 'Staffed limit must be a whole number' })
    .int('Staffed limit must be a whole number')
    .min(0, 'Staffed limit cannot be below zero')
    .max(1000, 'Staffed limit must be at most 1000')
    .nullable(),
);

const unitKind = z.enum(UNIT_KINDS, { error: 'Choose a kind of unit' });

export const createUnitSchema = z.object({
  name: text('Unit name', 60),
  kind: unitKind,
  staffedLimit: staffedLimit.optional().transform((v) => v ?? null),
});
export const updateUnitSchema = z.object({
  id,
  name: text('Unit name', 60),
  staffedLimit: staffedLimit.optional().transform((v) => v ?? null),
});
export const idInput = z.object({ id });

const bedNumber = (label: string) =>
  z.preprocess(
    blankToNull,
    z
      .number({ error: `${label} is required` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} must be 0 or more`)
      .max(9999, `${label} must be at most 9999`),
  );

export const MAX_BEDS_AT_ONCE = 200;

/** "Add 16 recliners C1–C16": a prefix and a number range. */
export const bulkCreateBedsSchema = z
  .object({
    unitId: id,
    prefix: z
      .string()
      .trim()
      .max(10, 'Prefix must be at most 10 characters')
      .regex(/^[A-Za-z0-9 -]*$/, 'Use letters, digits, space or dash in the prefix'),
    from: bedNumber('First number'),
    to: bedNumber('Last number'),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'Last number must not be below the first',
      });
    else if (v.to - v.from + 1 > MAX_BEDS_AT_ONCE)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `At most ${MAX_BEDS_AT_ONCE} beds at once`,
      });
  });

export const renameBedSchema = z.object({ id, label: text('Bed label', 20) });

/** Statuses staff may pick on the board; occupied comes only from assigning a person. */
export const SETTABLE_BED_STATUSES = BED_STATUSES.filter((s) => s !== 'occupied');

export const setBedStatusSchema = z.object({
  bedId: id,
  status: z.enum(BED_STATUSES, { error: 'Choose a bed status' }),
  reason: optionalText('Reason', 200),
});

export const assignBedSchema = z.object({ bedId: id, encounterId: id });
export const bedIdInput = z.object({ bedId: id });

export const setManualStatusSchema = z
  .object({
    /** null = automatic (open / limited / full from the figures). */
    status: z.enum(['diverting', 'closed'], { error: 'Choose diverting or closed' }).nullable(),
    reason: optionalText('Reason', 200),
    /** Reverts by itself after this many minutes; empty = until changed by hand. */
    durationMinutes: z.preprocess(
      blankToNull,
      z
        .number({ error: 'Duration must be a number of minutes' })
        .int('Duration must be whole minutes')
        .min(1, 'Duration must be at least 1 minute')
        .max(7 * 24 * 60, 'Duration must be at most 7 days')
        .nullable()
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.status && !v.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `Say why the center is ${v.status} (dispatch sees it)`,
      });
  });

const minutes = z.preprocess(
  blankToNull,
  z
    .number({ error: 'Minutes must be a number' })
    .int('Minutes must be whole')
    .min(1, 'Minutes must be at least 1')
    .max(60 * 24 * 30, 'Minutes must be at most 30 days')
    .nullable(),
);

const stayThreshold = z
  .object({ warnMinutes: minutes, alertMinutes: minutes })
  .superRefine((v, ctx) => {
    if ((v.warnMinutes === null) !== (v.alertMinutes === null))
      ctx.addIssue({
        code: 'custom',
        path: ['alertMinutes'],
        message: 'Give both times or neither',
      });
    else if (v.warnMinutes !== null && v.alertMinutes !== null && v.alertMinutes < v.warnMinutes)
      ctx.addIssue({
        code: 'custom',
        path: ['alertMinutes'],
        message: 'The alert must not come before the warning',
      });
  });

export const capacitySettingsSchema = z.object({
  limitedThreshold: z.preprocess(
    blankToNull,
    z
      .number({ error: 'Threshold must be a whole number' })
      .int('Threshold must be a whole number')
      .min(0, 'Threshold cannot be below zero')
      .max(1000, 'Threshold must be at most 1000'),
  ),
  acceptWhenFull: z.boolean(),
  stayThresholds: z.object(
    Object.fromEntries(UNIT_KINDS.map((k) => [k, stayThreshold])) as Record<
      (typeof UNIT_KINDS)[number],
      typeof stayThreshold
    >,
  ),
  accepts: z.object({
    adults: z.boolean(),
    youth: z.boolean(),
    involuntaryHolds: z.boolean(),
    intoxicated: z.boolean(),
    medicalClearanceRequired: z.boolean(),
  }),
});

/** Sharing with dispatch (issue 5): the listener's interface and port, and the public note. */
export const dispatchSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z
    .string({ error: 'Choose an interface' })
    .trim()
    .min(1, 'Choose an interface')
    .max(64, 'Interface must be at most 64 characters')
    .regex(/^(localhost|[0-9.]+|[0-9a-fA-F:]+)$/, 'Use an IP address such as 127.0.0.1 or 0.0.0.0'),
  port: z.preprocess(
    blankToNull,
    z
      .number({ error: 'Port must be a number from 1024 to 65535' })
      .int('Port must be a whole number')
      .min(1024, 'Port must be from 1024 to 65535')
      .max(65535, 'Port must be from 1024 to 65535'),
  ),
  rateLimit: z.preprocess(
    blankToNull,
    z
      .number({ error: 'Rate limit must be a number' })
      .min(0, 'Rate limit cannot be below zero (0 = off)')
      .max(10_000, 'Rate limit must be at most 10000 per second'),
  ),
  note: optionalText('Public note', 280),
});
