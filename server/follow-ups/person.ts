import type { Database } from 'better-sqlite3';
import { personKey } from '../../core/csv/encounter-csv';
import type { IntakeNoteView, PersonView } from '../../core/follow-up/types';
import { REPEAT_VISIT_COUNT, REPEAT_WINDOW_MS } from '../../core/reports/figures';
import { listAttemptsOf, listContactsOf, plansOf } from '../../db/follow-ups';
import { currentNotesFor, noteVersions, type IntakeNoteRow } from '../../db/intake-notes';
import { personAliases } from '../../db/person-matches';
import { canonicalPersonKey } from '../../db/retention';
import { encountersOfPeople } from '../../db/person-view';
import { attemptView } from './service';

/** A person across stays (the person view) and their intake notes, under every key they have. */

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
