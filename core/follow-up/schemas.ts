import { z } from 'zod';
import { m } from '../messages';
import { epochMs, id, optionalText } from '../schemas/common';
import { DISPOSITIONS } from '../vocab';
import { toE164 } from './phone';
import { APPOINTMENT_KINDS, CONSENTS, OUTCOMES } from './vocab';

/** A phone number (blank → none); anything libphonenumber does not accept is refused. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40, m('phoneInvalid'))
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const e164 = toE164(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: m('phoneInvalid') });
      return z.NEVER;
    }
    return e164;
  });

/**
 * What the discharge records for after the stay, one schema for the discharge form, the API and
 * the db. Rules needing the policy or the discharge time live in `dischargeFollowUpErrors`.
 */
export const dischargeFollowUpSchema = z.object({
  consent: z
    .enum(CONSENTS, { error: m('chooseConsent') })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  phone: phoneSchema,
  bestTime: optionalText('bestTime', 200),
  appointmentAt: epochMs
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  appointmentProvider: optionalText('provider', 200),
  appointmentKind: z
    .enum(APPOINTMENT_KINDS, { error: m('chooseAppointmentKind') })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type DischargeFollowUpInput = z.input<typeof dischargeFollowUpSchema>;
export type DischargeFollowUp = z.output<typeof dischargeFollowUpSchema>;

export const EMPTY_FOLLOW_UP: DischargeFollowUp = {
  consent: null,
  phone: null,
  bestTime: null,
  appointmentAt: null,
  appointmentProvider: null,
  appointmentKind: null,
};

/** Rules that need the disposition's policy and the discharge time (no clock of its own). */
export function dischargeFollowUpErrors(
  f: DischargeFollowUp,
  asksForFollowUp: boolean,
  dischargedAt: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (asksForFollowUp && f.consent === null) errors.consent = m('consentRequired');
  if (f.appointmentAt !== null && f.appointmentAt < dischargedAt)
    errors.appointmentAt = m('appointmentBeforeDischarge');
  return errors;
}

/** Errors keyed by the discharge input's own field names (`followUp.phone`). */
export const asFollowUpFields = (errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [`followUp.${k}`, v]));

/**
 * Every follow-up error of a discharge about to be sent: the schema's, then the rules needing the
 * policy and the discharge time. The form runs it before the confirmation step (with its best
 * reading of the server's clock); the server still parses and checks inside the discharge.
 */
export function dischargeFollowUpInputErrors(
  input: DischargeFollowUpInput,
  asksForFollowUp: boolean,
  dischargedAt: number,
): Record<string, string> {
  const parsed = dischargeFollowUpSchema.safeParse(input);
  if (parsed.success)
    return asFollowUpFields(dischargeFollowUpErrors(parsed.data, asksForFollowUp, dischargedAt));
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return asFollowUpFields(errors);
}

export const NOTE_MAX = 1000;

/** One attempt: `version` is the contact's version the desk saw (two desks → one wins). */
export const attemptSchema = z.object({
  contactId: id,
  version: z.number().int().min(0),
  outcome: z.enum(OUTCOMES, { error: m('chooseOutcome') }),
  note: optionalText('note', NOTE_MAX),
});
export type AttemptInput = z.input<typeof attemptSchema>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, m('mustBeDate', { label: 'from' }))
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

export const followUpListSchema = z.object({
  dueFrom: day,
  dueTo: day,
  outcome: z
    .enum(OUTCOMES, { error: m('chooseOutcome') })
    .nullable()
    .optional(),
});

const hoursList = z
  .array(
    z
      .number({ error: m('hoursRange') })
      .int(m('hoursRange'))
      .min(1, m('hoursRange'))
      .max(720, m('hoursRange')),
  )
  .max(5, m('atMostContacts'));

export const followUpPolicySchema = z.object({
  contacts: z.object(
    Object.fromEntries(DISPOSITIONS.map((d) => [d, hoursList])) as Record<
      (typeof DISPOSITIONS)[number],
      typeof hoursList
    >,
  ),
  retryHours: z
    .number({ error: m('retryRange') })
    .int(m('retryRange'))
    .min(1, m('retryRange'))
    .max(72, m('retryRange')),
  maxAttempts: z
    .number({ error: m('attemptsRange') })
    .int(m('attemptsRange'))
    .min(1, m('attemptsRange'))
    .max(10, m('attemptsRange')),
});

export const personKeySchema = z.object({ personKey: z.string().min(3).max(400) });

export const INTAKE_NOTE_MAX = 500;
const noteText = z
  .string({ error: m('required', { label: 'note' }) })
  .trim()
  .min(1, m('required', { label: 'note' }))
  .max(INTAKE_NOTE_MAX, m('maxChars', { label: 'note', max: INTAKE_NOTE_MAX }));

export const intakeNoteAddSchema = z.object({
  personKey: personKeySchema.shape.personKey,
  text: noteText,
});
export const intakeNoteEditSchema = z.object({
  noteId: id,
  version: z.number().int().min(1),
  text: noteText,
});
export const intakeNoteRemoveSchema = z.object({
  noteId: id,
  version: z.number().int().min(1),
  reason: z
    .string({ error: m('removeReasonRequired') })
    .trim()
    .min(1, m('removeReasonRequired'))
    .max(500, m('maxChars', { label: 'reason', max: 500 })),
});

/** The Handoff screen asks by what intake typed: names and date of birth. */
export const intakeNotesLookupSchema = z.object({
  firstName: z.string().max(100).nullable().optional(),
  lastName: z.string().max(100).nullable().optional(),
  dateOfBirth: z.string().max(20).nullable().optional(),
});

export const followUpExportSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, m('mustBeDate', { label: 'from' })),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, m('mustBeDate', { label: 'to' })),
});
