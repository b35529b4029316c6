import type { Database } from 'better-sqlite3';
import type { DischargeFollowUp } from '../core/follow-up/schemas';
import type { PlannedContact } from '../core/follow-up/policy';
import type { ContactStatus, Outcome } from '../core/follow-up/vocab';
import type { UtcRange } from '../core/reports/range';

export { figuresOf, followUpFigures, followUpFiguresDirect } from './follow-up-figures';

/*
 * Follow-up after discharge (migration 0150): one plan per discharged encounter, the contacts
 * the policy scheduled, and every attempt. All SQL of the capability lives here.
 */

export interface PlanRow {
  encounter_id: number;
  arrived_at: number;
  discharged_at: number;
  disposition: string;
  consent: string | null;
  eligible: 0 | 1;
  phone: string | null;
  best_time: string | null;
  appointment_at: number | null;
  appointment_provider: string | null;
  appointment_kind: string | null;
}

export interface ContactRow {
  id: number;
  encounter_id: number;
  ordinal: number;
  offset_hours: number;
  due_at: number;
  status: ContactStatus;
  attempts: number;
  max_attempts: number;
  retry_hours: number;
  last_outcome: Outcome | null;
  last_attempt_at: number | null;
  version: number;
}

export function insertPlan(
  db: Database,
  p: {
    encounterId: number;
    arrivedAt: number;
    dischargedAt: number;
    disposition: string;
    eligible: boolean;
    followUp: DischargeFollowUp;
    contacts: readonly PlannedContact[];
    maxAttempts: number;
    retryHours: number;
    userId: number;
    now: number;
  },
): void {
  const f = p.followUp;
  db.prepare(
    `INSERT INTO follow_up_plans (encounter_id, arrived_at, discharged_at, disposition, consent,
       eligible, phone, best_time, appointment_at, appointment_provider, appointment_kind,
       created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.encounterId,
    p.arrivedAt,
    p.dischargedAt,
    p.disposition,
    f.consent,
    p.eligible ? 1 : 0,
    f.phone,
    f.bestTime,
    f.appointmentAt,
    f.appointmentProvider,
    f.appointmentKind,
    p.userId,
    p.now,
  );
  insertContacts(db, p.encounterId, p.contacts, p.maxAttempts, p.retryHours);
}

/** Schedules contacts of a plan (at discharge, or when a corrected disposition asks for them). */
export function insertContacts(
  db: Database,
  encounterId: number,
  contacts: readonly PlannedContact[],
  maxAttempts: number,
  retryHours: number,
): void {
  const insert = db.prepare(
    `INSERT INTO follow_up_contacts (encounter_id, ordinal, offset_hours, due_at, status,
       max_attempts, retry_hours) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
  );
  for (const c of contacts)
    insert.run(encounterId, c.ordinal, c.offsetHours, c.dueAt, maxAttempts, retryHours);
}

/** How many contacts a plan has (any status) and how many are still open. */
export function contactCounts(db: Database, encounterId: number): { all: number; open: number } {
  return db
    .prepare(
      `SELECT count(*) AS "all", coalesce(sum(status = 'open'), 0) AS open
         FROM follow_up_contacts WHERE encounter_id = ?`,
    )
    .get(encounterId) as { all: number; open: number };
}

/** Closes every open contact of a stay (its corrected disposition asks for none). */
export function closeOpenContacts(db: Database, encounterId: number): number[] {
  const ids = db
    .prepare(`SELECT id FROM follow_up_contacts WHERE encounter_id = ? AND status = 'open'`)
    .pluck()
    .all(encounterId) as number[];
  db.prepare(
    `UPDATE follow_up_contacts SET status = 'closed', version = version + 1
      WHERE encounter_id = ? AND status = 'open'`,
  ).run(encounterId);
  return ids;
}

/** A corrected disposition: the plan's copy and whether the stay counts as eligible. */
export function updatePlanDisposition(
  db: Database,
  encounterId: number,
  disposition: string,
  eligible: boolean,
): void {
  db.prepare('UPDATE follow_up_plans SET disposition = ?, eligible = ? WHERE encounter_id = ?').run(
    disposition,
    eligible ? 1 : 0,
    encounterId,
  );
}

export function getPlan(db: Database, encounterId: number): PlanRow | undefined {
  return db.prepare('SELECT * FROM follow_up_plans WHERE encounter_id = ?').get(encounterId) as
    PlanRow | undefined;
}

export function getContact(db: Database, id: number): ContactRow | undefined {
  return db.prepare('SELECT * FROM follow_up_contacts WHERE id = ?').get(id) as
    ContactRow | undefined;
}

/** The contacts of some encounters (the person view reads all of a person's at once). */
export function listContactsOf(db: Database, encounterIds: readonly number[]): ContactRow[] {
  if (encounterIds.length === 0) return [];
  return db
    .prepare(
      `SELECT * FROM follow_up_contacts
        WHERE encounter_id IN (SELECT value FROM json_each(?)) ORDER BY encounter_id, ordinal`,
    )
    .all(JSON.stringify(encounterIds)) as ContactRow[];
}

/**
 * Writes an attempt's effect on its contact if nobody else did first: the row changes only when
 * its version is still the one the desk saw. False: another desk won.
 */
export function updateContactIfVersion(
  db: Database,
  c: Pick<ContactRow, 'id' | 'version' | 'status' | 'attempts' | 'due_at'> & {
    outcome: Outcome;
    at: number;
  },
): boolean {
  return (
    db
      .prepare(
        `UPDATE follow_up_contacts SET status = @status, attempts = @attempts, due_at = @due_at,
           last_outcome = @outcome, last_attempt_at = @at, version = version + 1
         WHERE id = @id AND version = @version`,
      )
      .run(c).changes === 1
  );
}

/** Closes every other open contact of the stay (wrong number, declined further contact). */
export function closeOtherContacts(db: Database, encounterId: number, exceptId: number): number[] {
  const ids = db
    .prepare(
      `SELECT id FROM follow_up_contacts WHERE encounter_id = ? AND id <> ? AND status = 'open'`,
    )
    .pluck()
    .all(encounterId, exceptId) as number[];
  db.prepare(
    `UPDATE follow_up_contacts SET status = 'closed', version = version + 1
      WHERE encounter_id = ? AND id <> ? AND status = 'open'`,
  ).run(encounterId, exceptId);
  return ids;
}

export function insertAttempt(
  db: Database,
  a: {
    contactId: number;
    encounterId: number;
    at: number;
    outcome: Outcome;
    note: string | null;
    userId: number;
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO follow_up_attempts (contact_id, encounter_id, at, outcome, note, user_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(a.contactId, a.encounterId, a.at, a.outcome, a.note, a.userId).lastInsertRowid,
  );
}

export interface ListedContactRow extends ContactRow {
  reference: string;
  first_name: string | null;
  last_name: string | null;
  person_key: string | null;
  disposition: string;
  discharged_at: number;
  phone: string | null;
  best_time: string | null;
  appointment_at: number | null;
  appointment_provider: string | null;
  appointment_kind: string | null;
}

const listed = (index: string) => `SELECT c.*, e.reference, e.first_name, e.last_name,
       e.person_key, p.disposition, p.discharged_at, p.phone, p.best_time, p.appointment_at,
       p.appointment_provider, p.appointment_kind
  FROM follow_up_contacts c INDEXED BY ${index}
  JOIN follow_up_plans p ON p.encounter_id = c.encounter_id
  JOIN encounters e ON e.id = c.encounter_id`;

export interface ContactFilter {
  dueFromMs: number | null;
  dueToMs: number | null;
  outcome: Outcome | null;
  limit: number;
}

/** Open contacts by due time (the partial index holds only open ones: a few hundred at most). */
export function listOpenContacts(db: Database, f: ContactFilter): ListedContactRow[] {
  return db
    .prepare(
      `${listed('follow_up_contacts_open')}
        WHERE c.status = 'open' AND c.due_at >= @from AND c.due_at < @to
          AND (@outcome IS NULL OR c.last_outcome = @outcome)
        ORDER BY c.due_at, c.id LIMIT @limit`,
    )
    .all(bounds(f)) as ListedContactRow[];
}

/**
 * Finished contacts, most recent attempt first (the whole history is indexed, read a page). With
 * an outcome the read walks that outcome's part of its own index (migration 0180), in order.
 */
export function listDoneContacts(db: Database, f: ContactFilter): ListedContactRow[] {
  const where = `WHERE c.status <> 'open' AND c.last_attempt_at IS NOT NULL
          AND c.due_at >= @from AND c.due_at < @to`;
  const order = 'ORDER BY c.last_attempt_at DESC, c.id DESC LIMIT @limit';
  const sql =
    f.outcome === null
      ? `${listed('follow_up_contacts_done')} ${where} ${order}`
      : `${listed('follow_up_contacts_done_outcome')} ${where}
          AND c.last_outcome = @outcome ${order}`;
  const { outcome, ...rest } = bounds(f);
  return db.prepare(sql).all(outcome === null ? rest : { ...rest, outcome }) as ListedContactRow[];
}

const bounds = (f: ContactFilter) => ({
  from: f.dueFromMs ?? 0,
  to: f.dueToMs ?? Number.MAX_SAFE_INTEGER,
  outcome: f.outcome,
  limit: f.limit,
});

/** The navigation badge: open contacts due by now. */
export function countDueContacts(db: Database, now: number): number {
  return db
    .prepare(
      `SELECT count(*) FROM follow_up_contacts INDEXED BY follow_up_contacts_open
        WHERE status = 'open' AND due_at <= ?`,
    )
    .pluck()
    .get(now) as number;
}

export interface AttemptRow {
  id: number;
  contact_id: number;
  encounter_id: number;
  ordinal: number;
  at: number;
  outcome: Outcome;
  note: string | null;
  user_name: string | null;
}

export function listAttemptsOf(db: Database, encounterIds: readonly number[]): AttemptRow[] {
  if (encounterIds.length === 0) return [];
  return db
    .prepare(
      `SELECT a.id, a.contact_id, a.encounter_id, c.ordinal, a.at, a.outcome, a.note,
              u.display_name AS user_name
         FROM follow_up_attempts a
         JOIN follow_up_contacts c ON c.id = a.contact_id
         LEFT JOIN users u ON u.id = a.user_id
        WHERE a.encounter_id IN (SELECT value FROM json_each(?))
        ORDER BY a.at, a.id`,
    )
    .all(JSON.stringify(encounterIds)) as AttemptRow[];
}

export interface ExportAttemptRow {
  reference: string;
  disposition: string;
  discharged_at: number;
  consent: string | null;
  ordinal: number;
  offset_hours: number;
  at: number;
  outcome: string;
  note: string | null;
  appointment_at: number | null;
  appointment_kind: string | null;
  appointment_provider: string | null;
  user_name: string | null;
}

/** Attempts made in a range (by attempt time), oldest first: the follow-up CSV's rows. */
export function attemptsInRange(db: Database, range: UtcRange): ExportAttemptRow[] {
  return db
    .prepare(
      `SELECT e.reference, p.disposition, p.discharged_at, p.consent, c.ordinal, c.offset_hours,
              a.at, a.outcome, a.note, p.appointment_at, p.appointment_kind,
              p.appointment_provider, u.display_name AS user_name
         FROM follow_up_attempts a INDEXED BY follow_up_attempts_at
         JOIN follow_up_contacts c ON c.id = a.contact_id
         JOIN follow_up_plans p ON p.encounter_id = a.encounter_id
         JOIN encounters e ON e.id = a.encounter_id
         LEFT JOIN users u ON u.id = a.user_id
        WHERE a.at >= @start AND a.at < @end
        ORDER BY a.at, a.id`,
    )
    .all({ start: range.startMs, end: range.endMs }) as ExportAttemptRow[];
}

/** Plans of some encounters (the person view). */
export function plansOf(db: Database, encounterIds: readonly number[]): PlanRow[] {
  if (encounterIds.length === 0) return [];
  return db
    .prepare(`SELECT * FROM follow_up_plans WHERE encounter_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(encounterIds)) as PlanRow[];
}
