import type { Database } from 'better-sqlite3';
import { personKey } from '../../core/csv/encounter-csv';
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
  IntakeNoteView,
  PersonView,
} from '../../core/follow-up/types';
import { REPEAT_VISIT_COUNT, REPEAT_WINDOW_MS } from '../../core/reports/figures';
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
  listAttemptsOf,
  listContactsOf,
  plansOf,
  updateContactIfVersion,
  updatePlanDisposition,
  type AttemptRow,
  type ListedContactRow,
} from '../../db/follow-ups';
import { currentNotesFor, noteVersions, type IntakeNoteRow } from '../../db/intake-notes';
import { personAliases } from '../../db/person-matches';
import { canonicalPersonKey } from '../../db/retention';
import { encountersOfPeople } from '../../db/person-view';
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

const noteView = (n: IntakeNoteRow, versions: IntakeNoteView['versions']): IntakeNoteView => ({
  id: n.id,
  personKey: n.person_key,
  version: n.version,
  text: n.text,
  author: n.author,
  updatedAt: n.updated_at,
  versions,
});

export function notesView(db: Database, keys: readonly string[]): IntakeNoteView[] {
  const notes = currentNotesFor(db, keys);
  const versions = noteVersions(
    db,
    notes.map((n) => n.id),
  );
  return notes.map((n) =>
    noteView(
      n,
      versions
        .filter((v) => v.note_id === n.id)
        .map((v) => ({ version: v.version, text: v.text, at: v.at, userName: v.user_name })),
    ),
  );
}

/** Every key standing for the same person as `key` ("same person" decisions, both ways). */
export function keysOfPerson(db: Database, key: string): string[] {
  const aliases = personAliases(db);
  const root = aliases[key] ?? key;
  return [root, ...Object.keys(aliases).filter((k) => aliases[k] === root)].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
}

export function notesForIntake(
  db: Database,
  first: string | null | undefined,
  last: string | null | undefined,
  dob: string | null | undefined,
): IntakeNoteView[] {
  // After retention a person's key may be the hashed one (their old visits and notes use it).
  const key = canonicalPersonKey(db, personKey(first, last, dob));
  if (!key) return [];
  return notesView(db, keysOfPerson(db, key));
}

const DAY = 86_400_000;

/** Rows by a key, in their order (Map.groupBy arrives with Node 21). */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}

export function personView(db: Database, key: string, now: number): PersonView {
  const keys = keysOfPerson(db, key);
  const rows = encountersOfPeople(db, keys);
  const ids = rows.map((r) => r.id);
  const plans = new Map(plansOf(db, ids).map((p) => [p.encounter_id, p]));
  // Grouped once: a frequent visitor has hundreds of stays, each looked up below.
  const attempts = groupBy(listAttemptsOf(db, ids), (a) => a.encounter_id);
  const contacts = groupBy(listContactsOf(db, ids), (c) => c.encounter_id);
  const arrivals = rows
    .map((r) => r.arrived_at)
    .filter((a): a is number => a !== null)
    .sort((a, b) => a - b);
  let repeatPattern = false;
  for (let i = REPEAT_VISIT_COUNT - 1; i < arrivals.length; i++)
    if (arrivals[i]! - arrivals[i - REPEAT_VISIT_COUNT + 1]! <= REPEAT_WINDOW_MS)
      repeatPattern = true;
  const named = rows.find((r) => r.person_key === keys[0]) ?? rows[0];
  return {
    personKey: keys[0]!,
    keys,
    firstName: named?.first_name ?? null,
    lastName: named?.last_name ?? null,
    dateOfBirth: named?.date_of_birth ?? null,
    encounters: rows.map((r) => {
      const p = plans.get(r.id);
      return {
        id: r.id,
        reference: r.reference,
        status: r.status,
        referralSource: r.referral_source,
        agency: r.agency,
        arrivedAt: r.arrived_at,
        dischargedAt: r.discharged_at,
        disposition: r.disposition,
        consent: p?.consent ?? null,
        appointmentAt: p?.appointment_at ?? null,
        appointmentKind: p?.appointment_kind ?? null,
        appointmentProvider: p?.appointment_provider ?? null,
        contacts: p
          ? (contacts.get(r.id) ?? []).map((c) => ({
              ordinal: c.ordinal,
              status: c.status,
              lastOutcome: c.last_outcome,
            }))
          : [],
        attempts: (attempts.get(r.id) ?? []).map(attemptView),
      };
    }),
    repeat: {
      visits: arrivals.length,
      visitsLast30Days: arrivals.filter((a) => a > now - 30 * DAY).length,
      visitsLast90Days: arrivals.filter((a) => a > now - 90 * DAY).length,
      repeatPattern,
      firstArrivedAt: arrivals[0] ?? null,
      lastArrivedAt: arrivals[arrivals.length - 1] ?? null,
    },
    notes: notesView(db, keys),
    now,
  };
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
