import type { Database } from 'better-sqlite3';
import { csvLine, isoTimeFormatter } from '../../core/csv/encounter-csv';
import {
  applyAttempt,
  asksForFollowUp,
  completePolicy,
  dueState,
  OVERDUE_AFTER_MS,
  plannedContacts,
  type FollowUpPolicy,
} from '../../core/follow-up/policy';
import {
  asFollowUpFields,
  dischargeFollowUpErrors,
  EMPTY_FOLLOW_UP,
  type DischargeFollowUp,
} from '../../core/follow-up/schemas';
import type {
  AttemptView,
  FollowUpContactView,
  FollowUpPolicyView,
} from '../../core/follow-up/types';
import type { UtcRange } from '../../core/reports/range';
import type { Disposition } from '../../core/vocab';
import { msg } from '../../core/messages';
import { ApiError } from '../../core/result';
import {
  attemptsInRange,
  closeOpenContacts,
  closeOtherContacts,
  contactCounts,
  getContact,
  getPlan,
  insertContacts,
  insertAttempt,
  insertPlan,
  updateContactIfVersion,
  updatePlanDisposition,
  type AttemptRow,
  type ListedContactRow,
} from '../../db/follow-ups';
import { getSetting, setSetting } from '../../db/settings';
import type { EncounterRow } from '../../db/encounters';
import { insertEncounterEvent } from '../../db/encounters';

const POLICY_KEY = 'followUp.policy';

export function getPolicy(db: Database): FollowUpPolicy {
  return completePolicy(getSetting<Partial<FollowUpPolicy> | null>(db, POLICY_KEY, null));
}

export function setPolicy(db: Database, p: FollowUpPolicy, now: number): void {
  setSetting(db, POLICY_KEY, p, now);
}

export const policyView = (p: FollowUpPolicy): FollowUpPolicyView => ({
  ...p,
  overdueAfterHours: OVERDUE_AFTER_MS / 3_600_000,
});

function invalid(fields: Record<string, string>): never {
  throw new ApiError('invalid_input', Object.values(fields)[0]!, fields);
}

/**
 * The discharge's follow-up part, inside the discharge's transaction: checks the rules that need
 * the policy and the discharge time (an error rolls the whole discharge back), then stores the
 * plan and schedules the contacts the policy asks for when the person agreed.
 */
export function recordDischargeFollowUp(
  db: Database,
  row: EncounterRow,
  input: DischargeFollowUp | undefined,
  userId: number,
  now: number,
): void {
  const f = input ?? EMPTY_FOLLOW_UP;
  const disposition = row.disposition as Disposition;
  const policy = getPolicy(db);
  const asks = asksForFollowUp(policy, disposition);
  const errors = dischargeFollowUpErrors(f, asks, row.discharged_at!);
  if (Object.keys(errors).length > 0) invalid(asFollowUpFields(errors));
  const contacts = plannedContacts(policy, disposition, f.consent ?? '', row.discharged_at!);
  const nothing = Object.values(f).every((v) => v === null);
  if (nothing && !asks) return;
  insertPlan(db, {
    encounterId: row.id,
    arrivedAt: row.arrived_at!,
    dischargedAt: row.discharged_at!,
    disposition,
    eligible: asks && f.consent === 'yes',
    followUp: f,
    contacts,
    maxAttempts: policy.maxAttempts,
    retryHours: policy.retryHours,
    userId,
    now,
  });
}

export interface DispositionCorrection {
  /** Open contacts closed because the corrected disposition's policy asks for none. */
  closedContactIds: number[];
  /** Contacts scheduled because it asks for some and the person agreed at discharge. */
  scheduledContacts: number;
  reason: 'disposition_corrected';
}

/**
 * A discharged stay's disposition was corrected (encounters.update), inside that write. What a
 * center expects: a disposition whose policy asks for no contact closes the open ones (the
 * reason goes on the correction's timeline entry); one that asks for contacts schedules them,
 * from the discharge time, when consent was recorded yes and the stay never had any (attempts
 * and closures already made stand). The plan's disposition and eligibility follow the
 * correction, so the figures count the stay as it really ended. Null: nothing to change.
 */
export function correctFollowUpDisposition(
  db: Database,
  row: EncounterRow,
): DispositionCorrection | null {
  const plan = getPlan(db, row.id);
  if (!plan) return null; // no follow-up was recorded: there is no consent to act on
  const policy = getPolicy(db);
  const disposition = row.disposition as Disposition;
  const asks = asksForFollowUp(policy, disposition);
  let closedContactIds: number[] = [];
  let scheduledContacts = 0;
  if (!asks) closedContactIds = closeOpenContacts(db, row.id);
  else if (contactCounts(db, row.id).all === 0) {
    const contacts = plannedContacts(policy, disposition, plan.consent ?? '', plan.discharged_at);
    insertContacts(db, row.id, contacts, policy.maxAttempts, policy.retryHours);
    scheduledContacts = contacts.length;
  }
  updatePlanDisposition(db, row.id, disposition, asks && plan.consent === 'yes');
  return { closedContactIds, scheduledContacts, reason: 'disposition_corrected' };
}

export function contactView(r: ListedContactRow, now: number): FollowUpContactView {
  return {
    id: r.id,
    encounterId: r.encounter_id,
    reference: r.reference,
    firstName: r.first_name,
    lastName: r.last_name,
    personKey: r.person_key,
    ordinal: r.ordinal,
    offsetHours: r.offset_hours,
    dueAt: r.due_at,
    status: r.status,
    state: dueState(r.status, r.due_at, now),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastOutcome: r.last_outcome,
    lastAttemptAt: r.last_attempt_at,
    version: r.version,
    disposition: r.disposition,
    dischargedAt: r.discharged_at,
    phone: r.phone,
    bestTime: r.best_time,
    appointmentAt: r.appointment_at,
    appointmentProvider: r.appointment_provider,
    appointmentKind: r.appointment_kind,
  };
}

export const attemptView = (a: AttemptRow): AttemptView => ({
  id: a.id,
  contactId: a.contact_id,
  ordinal: a.ordinal,
  at: a.at,
  outcome: a.outcome,
  note: a.note,
  userName: a.user_name,
});

/**
 * One attempt: refused when the contact is closed or another desk's attempt came first (the
 * version the desk saw is no longer the contact's); else the contact moves on (policy rules) and
 * the attempt is on the encounter's timeline.
 */
export function recordAttempt(
  db: Database,
  input: {
    contactId: number;
    version: number;
    outcome: AttemptView['outcome'];
    note: string | null;
  },
  userId: number,
  now: number,
): { attemptId: number; encounterId: number; closed: number[] } {
  const c = getContact(db, input.contactId);
  if (!c)
    throw new ApiError('not_found', msg('contactNotFound', { id: input.contactId }), {
      contactId: msg('unknownContact'),
    });
  if (c.status !== 'open')
    throw new ApiError('conflict', msg('contactClosed'), { outcome: msg('contactClosedField') });
  if (c.version !== input.version)
    throw new ApiError('conflict', msg('contactChanged'), { outcome: msg('contactChangedField') });
  const effect = applyAttempt(
    {
      status: c.status,
      attempts: c.attempts,
      dueAt: c.due_at,
      maxAttempts: c.max_attempts,
      retryHours: c.retry_hours,
    },
    input.outcome,
    now,
  );
  const won = updateContactIfVersion(db, {
    id: c.id,
    version: input.version,
    status: effect.contact.status,
    attempts: effect.contact.attempts,
    due_at: effect.contact.dueAt,
    outcome: input.outcome,
    at: now,
  });
  if (!won)
    throw new ApiError('conflict', msg('contactChanged'), { outcome: msg('contactChangedField') });
  const closed = effect.closeRemaining ? closeOtherContacts(db, c.encounter_id, c.id) : [];
  const attemptId = insertAttempt(db, {
    contactId: c.id,
    encounterId: c.encounter_id,
    at: now,
    outcome: input.outcome,
    note: input.note,
    userId,
  });
  insertEncounterEvent(db, {
    encounterId: c.encounter_id,
    at: now,
    userId,
    kind: 'follow_up_attempt',
    detail: {
      outcome: input.outcome,
      contact: c.ordinal,
      ...(input.note ? { note: input.note } : {}),
      ...(closed.length > 0 ? { closedContacts: closed.length } : {}),
    },
  });
  return { attemptId, encounterId: c.encounter_id, closed };
}

export const FOLLOW_UP_CSV_COLUMNS = [
  'reference',
  'disposition',
  'discharged_at',
  'consent',
  'contact',
  'contact_due_hours',
  'attempt_at',
  'outcome',
  'note',
  'appointment_at',
  'appointment_kind',
  'appointment_provider',
  'recorded_by',
] as const;

/** Follow-up CSV: one row per attempt made in the range, times with the facility's offset. */
export function followUpCsv(db: Database, range: UtcRange): { csv: string; rows: number } {
  const iso = isoTimeFormatter(range.timeZone);
  const rows = attemptsInRange(db, range);
  let csv = csvLine(FOLLOW_UP_CSV_COLUMNS);
  for (const r of rows)
    csv += csvLine([
      r.reference,
      r.disposition,
      iso(r.discharged_at),
      r.consent ?? '',
      String(r.ordinal),
      String(r.offset_hours),
      iso(r.at),
      r.outcome,
      r.note ?? '',
      r.appointment_at === null ? '' : iso(r.appointment_at),
      r.appointment_kind ?? '',
      r.appointment_provider ?? '',
      r.user_name ?? '',
    ]);
  return { csv, rows: rows.length };
}
