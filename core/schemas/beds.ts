import { z } from 'zod';
import { m, type FieldLabel } from '../messages';
import { BED_STATUSES, UNIT_KINDS } from '../vocab';
import { blankToNull, id, optionalText, text } from './common';
import { MAX_CONFIRM_WINDOW_HOURS } from '../capacity/census';
import type { Accepts } from '../capacity/settings';

export const staffedLimit = z.preprocess(
  blankToNull,
  z
    .number({ error: m('wholeNumber', { label: 'staffedLimit' }) })
    .int(m('wholeNumber', { label: 'staffedLimit' }))
    .min(0, m('notBelowZero', { label: 'staffedLimit' }))
    .max(1000, m('atMost', { label: 'staffedLimit', max: 1000 }))
    .nullable(),
);

/** Who dispatch may bring: the capacity settings' form and a peer's published document alike. */
export const acceptsSchema = z.object({
  adults: z.boolean(),
  youth: z.boolean(),
  involuntaryHolds: z.boolean(),
  intoxicated: z.boolean(),
  medicalClearanceRequired: z.boolean(),
}) satisfies z.ZodType<Accepts>;

const unitKind = z.enum(UNIT_KINDS, { error: m('chooseUnitKind') });

export const createUnitSchema = z.object({
  name: text('unitName', 60),
  kind: unitKind,
  staffedLimit: staffedLimit.optional().transform((v) => v ?? null),
});
export const updateUnitSchema = z.object({
  id,
  name: text('unitName', 60),
  staffedLimit: staffedLimit.optional().transform((v) => v ?? null),
});
export const idInput = z.object({ id });

const bedNumber = (label: FieldLabel) =>
  z.preprocess(
    blankToNull,
    z
      .number({ error: m('required', { label }) })
      .int(m('wholeNumber', { label }))
      .min(0, m('zeroOrMore', { label }))
      .max(9999, m('atMost', { label, max: 9999 })),
  );

export const MAX_BEDS_AT_ONCE = 200;

/** "Add 16 recliners C1–C16": a prefix and a number range. */
export const bulkCreateBedsSchema = z
  .object({
    unitId: id,
    prefix: z
      .string()
      .trim()
      .max(10, m('maxChars', { label: 'prefix', max: 10 }))
      .regex(/^[A-Za-z0-9 -]*$/, m('prefixChars')),
    from: bedNumber('firstNumber'),
    to: bedNumber('lastNumber'),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: m('lastBelowFirst'),
      });
    else if (v.to - v.from + 1 > MAX_BEDS_AT_ONCE)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: m('tooManyBeds', { max: MAX_BEDS_AT_ONCE }),
      });
  });

export const renameBedSchema = z.object({ id, label: text('bedLabel', 20) });

export const setBedStatusSchema = z.object({
  bedId: id,
  status: z.enum(BED_STATUSES, { error: m('chooseBedStatus') }),
  reason: optionalText('reason', 200),
});

export const assignBedSchema = z.object({ bedId: id, encounterId: id });
export const bedIdInput = z.object({ bedId: id });

export const setManualStatusSchema = z
  .object({
    /** null = automatic (open / limited / full from the figures). */
    status: z.enum(['diverting', 'closed'], { error: m('chooseDivertingOrClosed') }).nullable(),
    reason: optionalText('reason', 200),
    /** Reverts by itself after this many minutes; empty = until changed by hand. */
    durationMinutes: z.preprocess(
      blankToNull,
      z
        .number({ error: m('durationNumber') })
        .int(m('durationWhole'))
        .min(1, m('durationMin'))
        .max(7 * 24 * 60, m('durationMax'))
        .nullable()
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.status && !v.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: m('sayWhyStatus', { capacityStatus: v.status }),
      });
  });

const minutes = z.preprocess(
  blankToNull,
  z
    .number({ error: m('minutesNumber') })
    .int(m('minutesWhole'))
    .min(1, m('minutesMin'))
    .max(60 * 24 * 30, m('minutesMax'))
    .nullable(),
);

const stayThreshold = z
  .object({ warnMinutes: minutes, alertMinutes: minutes })
  .superRefine((v, ctx) => {
    if ((v.warnMinutes === null) !== (v.alertMinutes === null))
      ctx.addIssue({
        code: 'custom',
        path: ['alertMinutes'],
        message: m('bothOrNeither'),
      });
    else if (v.warnMinutes !== null && v.alertMinutes !== null && v.alertMinutes < v.warnMinutes)
      ctx.addIssue({
        code: 'custom',
        path: ['alertMinutes'],
        message: m('alertBeforeWarning'),
      });
  });

export const capacitySettingsSchema = z.object({
  limitedThreshold: z.preprocess(
    blankToNull,
    z
      .number({ error: m('wholeNumber', { label: 'threshold' }) })
      .int(m('wholeNumber', { label: 'threshold' }))
      .min(0, m('notBelowZero', { label: 'threshold' }))
      .max(1000, m('atMost', { label: 'threshold', max: 1000 })),
  ),
  acceptWhenFull: z.boolean(),
  stayThresholds: z.object(
    Object.fromEntries(UNIT_KINDS.map((k) => [k, stayThreshold])) as Record<
      (typeof UNIT_KINDS)[number],
      typeof stayThreshold
    >,
  ),
  accepts: acceptsSchema,
  // Issue #18: optional so older callers keep the stored window.
  confirmWindowHours: z
    .preprocess(
      blankToNull,
      z
        .number({ error: m('wholeNumber', { label: 'confirmWindow' }) })
        .int(m('wholeNumber', { label: 'confirmWindow' }))
        .min(0, m('notBelowZero', { label: 'confirmWindow' }))
        .max(
          MAX_CONFIRM_WINDOW_HOURS,
          m('atMost', { label: 'confirmWindow', max: MAX_CONFIRM_WINDOW_HOURS }),
        ),
    )
    .optional(),
});

/** Sharing with dispatch (issue 5): the listener's interface and port, and the public note. */
export const dispatchSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z
    .string({ error: m('chooseInterface') })
    .trim()
    .min(1, m('chooseInterface'))
    .max(64, m('maxChars', { label: 'interface', max: 64 }))
    .regex(/^(localhost|[0-9.]+|[0-9a-fA-F:]+)$/, m('interfaceIp')),
  port: z.preprocess(
    blankToNull,
    z
      .number({ error: m('portRange') })
      .int(m('wholeNumber', { label: 'port' }))
      .min(1024, m('portFrom'))
      .max(65535, m('portFrom')),
  ),
  rateLimit: z.preprocess(
    blankToNull,
    z
      .number({ error: m('rateLimitNumber') })
      .min(0, m('rateLimitMin'))
      .max(10_000, m('rateLimitMax')),
  ),
  note: optionalText('publicNote', 280),
});
