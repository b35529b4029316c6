import { z } from 'zod';
import { m, type FieldLabel } from '../messages';
import {
  DECLINE_REASONS,
  DISPOSITIONS,
  ENCOUNTER_STATUSES,
  LEGAL_STATUSES,
  MEDICAL_RED_FLAGS,
  PRESENTING_CONCERNS,
  REFERRAL_SOURCES,
  UNIT_KINDS,
  isPoliceSource,
} from '../vocab';
import { MAX_FUTURE_SKEW_MS } from '../encounters/lifecycle';
import { epochMs, id, optionalText, text } from './common';
import { dischargeFollowUpSchema, phoneSchema } from '../follow-up/schemas';

/**
 * One schema per encounter input, shared by the warm-handoff form (react-hook-form resolver),
 * the API boundary (dispatcher) and the db layer (which receives the parsed output).
 * Rules that need "now" (arrival in the future, DOB in the future) live in `timeRuleErrors`,
 * because a schema must not read a clock: the server passes its injected one.
 */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export function isIsoDate(v: string): boolean {
  if (!DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** `YYYY-MM-DD` or empty (→ null). */
export const optionalDate = (label: FieldLabel) =>
  z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), m('mustBeDate', { label }));

const flag = z.boolean().nullable().optional();

/** Lists of vocabulary values: duplicates are dropped, order kept (toggle buttons). */
const vocabList = <T extends readonly [string, ...string[]]>(values: T, unknown: string) =>
  z
    .array(z.enum(values, { error: unknown }))
    .max(values.length)
    .optional()
    .transform((v) => [...new Set(v ?? [])]);

const estimatedAge = z
  .number({ error: m('ageNumber') })
  .int(m('wholeNumber', { label: 'estimatedAge' }))
  .min(0, m('ageRange'))
  .max(120, m('ageRange'))
  .nullable()
  .optional();

const legalStatus = z
  .enum(LEGAL_STATUSES, { error: m('chooseLegalStatus') })
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

/**
 * Longest text of each free-text field, in characters: the form, the API boundary, the kiosk
 * and the CSV import (core/csv/encounter-csv.ts) all hold a value to these.
 */
export const ENCOUNTER_TEXT_MAX = {
  agency: 120,
  officerName: 120,
  badgeNumber: 40,
  firstName: 100,
  lastName: 100,
  gender: 60,
  preferredLanguage: 60,
  belongings: 1000,
  notes: 4000,
} as const;
type LimitedField = keyof typeof ENCOUNTER_TEXT_MAX;
const limited = (field: LimitedField) => optionalText(field, ENCOUNTER_TEXT_MAX[field]);
const required = (field: LimitedField) => text(field, ENCOUNTER_TEXT_MAX[field]);

/** Fields describing the officer, the person and triage: create, update and import share them. */
export const encounterFieldsShape = {
  referralSource: z.enum(REFERRAL_SOURCES, { error: m('chooseReferralSource') }),
  agency: limited('agency'),
  officerName: limited('officerName'),
  badgeNumber: limited('badgeNumber'),
  citTrained: flag,
  coResponder: flag,
  probableCause: flag,
  divertedFromArrest: flag,
  firstName: limited('firstName'),
  lastName: limited('lastName'),
  dateOfBirth: optionalDate('dateOfBirth'),
  estimatedAge,
  gender: limited('gender'),
  preferredLanguage: limited('preferredLanguage'),
  legalStatus,
  presentingConcerns: vocabList(PRESENTING_CONCERNS, m('unknownConcern')),
  medicalRedFlags: vocabList(MEDICAL_RED_FLAGS, m('unknownRedFlag')),
  referToEd: flag,
  weaponsSearchDone: flag,
  belongings: limited('belongings'),
  notes: limited('notes'),
};

type FieldRuleInput = {
  referralSource: string;
  agency?: string | null;
  probableCause?: boolean | null;
  divertedFromArrest?: boolean | null;
};

/** Cross-field rules that need no clock; added to every schema carrying the fields. */
export function fieldRuleErrors(v: FieldRuleInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (isPoliceSource(v.referralSource) && !v.agency) errors.agency = m('agencyForPolice');
  if (v.divertedFromArrest && !v.probableCause)
    errors.divertedFromArrest = m('divertedNeedsProbableCause');
  return errors;
}

const addFieldRules = (v: FieldRuleInput, ctx: z.RefinementCtx) => {
  for (const [path, message] of Object.entries(fieldRuleErrors(v)))
    ctx.addIssue({ code: 'custom', path: [path], message });
};

/** Record an arrival (warm handoff screen). `accept` records and accepts in one step. */
export const encounterCreateSchema = z
  .object({
    ...encounterFieldsShape,
    /** Default: now (server clock). */
    arrivedAt: epochMs.optional(),
    accept: z.boolean().optional(),
    /** Required while the center is diverting or closed: why this arrival is taken in. */
    capacityReason: optionalText('capacityReason', 500),
  })
  .superRefine(addFieldRules);
export type EncounterCreateInput = z.input<typeof encounterCreateSchema>;
export type EncounterCreate = z.output<typeof encounterCreateSchema>;

/** Pre-arrival call: an officer phones ahead; optionally hold a bed of a kind. */
export const encounterExpectSchema = z
  .object({
    referralSource: encounterFieldsShape.referralSource,
    agency: encounterFieldsShape.agency,
    officerName: encounterFieldsShape.officerName,
    badgeNumber: encounterFieldsShape.badgeNumber,
    /** The person, if the caller knows who they are bringing. */
    firstName: encounterFieldsShape.firstName,
    lastName: encounterFieldsShape.lastName,
    presentingConcerns: encounterFieldsShape.presentingConcerns,
    /** The number to call the officer back on (validated like every phone field). */
    callbackPhone: phoneSchema,
    eta: epochMs,
    unitKind: z
      .enum(UNIT_KINDS, { error: m('unknownUnitKind') })
      .nullable()
      .optional(),
    notes: encounterFieldsShape.notes,
  })
  .superRefine(addFieldRules);

export const encounterIdSchema = z.object({ id });

export const encounterArriveSchema = z.object({ id, arrivedAt: epochMs.optional() });

export const encounterAcceptSchema = z.object({ id, releasedAt: epochMs.optional() });

export const encounterDeclineSchema = z
  .object({
    id,
    reason: z.enum(DECLINE_REASONS, { error: m('declineReasonRequired') }),
    note: optionalText('note', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: m('sayWhyOther') });
  });

export const encounterDischargeSchema = z.object({
  id,
  disposition: z.enum(DISPOSITIONS, { error: m('chooseDisposition') }),
  dischargedAt: epochMs.optional(),
  /** Consent, phone and aftercare for the follow-up (core/follow-up). */
  followUp: dischargeFollowUpSchema.optional(),
});

export const encounterAssignBedSchema = z.object({ id, bedId: id });

/**
 * A change to a recorded encounter. Every change is kept as history (old → new, who, when);
 * a reason is required for times and for closed encounters (after the fact).
 */
export const encounterUpdateSchema = z.object({
  id,
  changes: z
    .object({
      referralSource: encounterFieldsShape.referralSource.optional(),
      agency: encounterFieldsShape.agency,
      officerName: encounterFieldsShape.officerName,
      badgeNumber: encounterFieldsShape.badgeNumber,
      citTrained: flag,
      coResponder: flag,
      probableCause: flag,
      divertedFromArrest: flag,
      firstName: encounterFieldsShape.firstName,
      lastName: encounterFieldsShape.lastName,
      dateOfBirth: encounterFieldsShape.dateOfBirth,
      estimatedAge,
      gender: encounterFieldsShape.gender,
      preferredLanguage: encounterFieldsShape.preferredLanguage,
      legalStatus,
      presentingConcerns: z.array(z.enum(PRESENTING_CONCERNS)).optional(),
      medicalRedFlags: z.array(z.enum(MEDICAL_RED_FLAGS)).optional(),
      referToEd: flag,
      weaponsSearchDone: flag,
      belongings: encounterFieldsShape.belongings,
      notes: encounterFieldsShape.notes,
      arrivedAt: epochMs.optional(),
      officerReleasedAt: epochMs.optional(),
      dischargedAt: epochMs.optional(),
      disposition: z.enum(DISPOSITIONS, { error: m('chooseDisposition') }).optional(),
      declineReason: z.enum(DECLINE_REASONS, { error: m('chooseReason') }).optional(),
    })
    .partial(),
  reason: optionalText('changeReason', 500),
});
export type EncounterUpdate = z.output<typeof encounterUpdateSchema>;

export const encounterSearchSchema = z
  .object({
    /** Name (first, last or both) or reference number. */
    text: z.string().trim().max(120).optional(),
    agency: z.string().trim().max(120).optional(),
    from: optionalDate('from'),
    to: optionalDate('to'),
    status: z
      .enum(ENCOUNTER_STATUSES)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (
      v.text &&
      !/^H-\d{4}-\d+$/i.test(v.text) &&
      !v.text.split(/[\s,]+/).some((w) => w.length >= 2)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: m('searchTooShort'),
      });
    if (v.from && v.to && v.to < v.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: m('toBeforeFrom') });
  });

export const turnaroundSettingsSchema = z.object({
  targetMinutes: z
    .number({ error: m('targetNumber') })
    .int(m('targetWhole'))
    .min(1, m('targetRange'))
    .max(240, m('targetRange')),
});

/** What an officer types at the self-check-in kiosk: nothing clinical. */
export const kioskCheckInSchema = z.object({
  agency: required('agency'),
  officerName: required('officerName'),
  badgeNumber: required('badgeNumber'),
  firstName: limited('firstName'),
  lastName: limited('lastName'),
  legalStatus: z.enum(LEGAL_STATUSES, { error: m('chooseLegalStatus') }),
});

export const kioskIssueSchema = z.object({ name: text('kioskName', 80) });
export const kioskPairSchema = z.object({ code: text('kioskCode', 64) });

export interface TimeFields {
  arrivedAt?: number | null;
  officerReleasedAt?: number | null;
  dischargedAt?: number | null;
  declinedAt?: number | null;
  dateOfBirth?: string | null;
}

/** A new arrival is entered while the officer is at the desk: older ones are corrections. */
export const MAX_NEW_ARRIVAL_AGE_MS = 24 * 60 * 60 * 1000;

/** The bounds of the arrival time sent with a new arrival (typed, or the form's running clock). */
export function newArrivalErrors(arrivedAt: number, now: number): Record<string, string> {
  return arrivedAt < now - MAX_NEW_ARRIVAL_AGE_MS ? { arrivedAt: m('arrivalTooOld') } : {};
}

/** Rules that need "now": the server passes its injected clock, the form the server's offset. */
export function timeRuleErrors(t: TimeFields, now: number): Record<string, string> {
  const errors: Record<string, string> = {};
  const future = now + MAX_FUTURE_SKEW_MS;
  if (t.arrivedAt != null && t.arrivedAt > future) errors.arrivedAt = m('arrivalFuture');
  if (t.officerReleasedAt != null) {
    if (t.arrivedAt != null && t.officerReleasedAt < t.arrivedAt)
      errors.officerReleasedAt = m('releaseBeforeArrival');
    else if (t.officerReleasedAt > future) errors.officerReleasedAt = m('releaseFuture');
  }
  if (t.dischargedAt != null) {
    if (t.arrivedAt != null && t.dischargedAt < t.arrivedAt)
      errors.dischargedAt = m('dischargeBeforeArrival');
    else if (t.dischargedAt > future) errors.dischargedAt = m('dischargeFuture');
  }
  if (t.declinedAt != null && t.arrivedAt != null && t.declinedAt < t.arrivedAt)
    errors.declinedAt = m('declineBeforeArrival');
  if (t.dateOfBirth && Date.parse(`${t.dateOfBirth}T00:00:00Z`) > now)
    errors.dateOfBirth = m('dobFuture');
  // The same bound as an estimated age (0–120): a birth more than 120 years ago is a typo.
  const oldest = new Date(now);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - 120);
  if (t.dateOfBirth && Date.parse(`${t.dateOfBirth}T00:00:00Z`) < oldest.getTime())
    errors.dateOfBirth = m('dobTooOld');
  return errors;
}
