import type { Database } from 'better-sqlite3';
import { personKey } from '../core/csv/encounter-csv';
import { canonicalPersonKey } from './retention';
import type { EncounterSummary, EncounterView } from '../core/encounters/types';
import { DEFAULT_TURNAROUND_TARGET_MINUTES } from '../core/encounters/turnaround';
import type { EncounterStatus } from '../core/vocab';
import { getSetting, setSetting } from './settings';

/** The encounters table row, as stored (0030). */
export interface EncounterRow {
  /** Retention (migration 0160): when the identifying details were removed. */
  deidentified_at?: number | null;
  /** Pre-arrival call (migration 0170): the number to call back, E.164. */
  callback_phone?: string | null;
  id: number;
  reference: string;
  status: EncounterStatus;
  referral_source: string;
  agency: string | null;
  officer_name: string | null;
  badge_number: string | null;
  cit_trained: 0 | 1 | null;
  co_responder: 0 | 1 | null;
  probable_cause: 0 | 1 | null;
  diverted_from_arrest: 0 | 1 | null;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  estimated_age: number | null;
  gender: string | null;
  preferred_language: string | null;
  legal_status: string | null;
  presenting_concerns: string | null;
  medical_red_flags: string | null;
  refer_to_ed: 0 | 1 | null;
  weapons_search_done: 0 | 1 | null;
  belongings: string | null;
  notes: string | null;
  expected_eta: number | null;
  arrived_at: number | null;
  officer_released_at: number | null;
  declined_at: number | null;
  decline_reason: string | null;
  discharged_at: number | null;
  disposition: string | null;
  bed_id: number | null;
  unit_kind: string | null;
  bed_label: string | null;
  person_key: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** API field name → column. Only these columns can be written through `updateEncounter`. */
export const FIELD_COLUMNS = {
  referralSource: 'referral_source',
  agency: 'agency',
  officerName: 'officer_name',
  badgeNumber: 'badge_number',
  citTrained: 'cit_trained',
  coResponder: 'co_responder',
  probableCause: 'probable_cause',
  divertedFromArrest: 'diverted_from_arrest',
  firstName: 'first_name',
  lastName: 'last_name',
  dateOfBirth: 'date_of_birth',
  estimatedAge: 'estimated_age',
  gender: 'gender',
  preferredLanguage: 'preferred_language',
  legalStatus: 'legal_status',
  presentingConcerns: 'presenting_concerns',
  medicalRedFlags: 'medical_red_flags',
  referToEd: 'refer_to_ed',
  weaponsSearchDone: 'weapons_search_done',
  belongings: 'belongings',
  notes: 'notes',
  expectedEta: 'expected_eta',
  arrivedAt: 'arrived_at',
  officerReleasedAt: 'officer_released_at',
  declinedAt: 'declined_at',
  declineReason: 'decline_reason',
  dischargedAt: 'discharged_at',
  disposition: 'disposition',
  bedId: 'bed_id',
  unitKind: 'unit_kind',
  bedLabel: 'bed_label',
  callbackPhone: 'callback_phone',
  status: 'status',
} as const satisfies Partial<Record<keyof EncounterView, keyof EncounterRow>>;
export type EncounterField = keyof typeof FIELD_COLUMNS;
/** Values as the API sees them (booleans, arrays); `toColumnValue` stores them. */
export type EncounterValues = Partial<Record<EncounterField, unknown>>;

const bool = (v: 0 | 1 | null): boolean | null => (v === null ? null : v === 1);
const list = <T>(v: string | null): T[] => (v ? (v.split(';') as T[]) : []);

export function toColumnValue(v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.length ? v.join(';') : null;
  return v as string | number;
}

/** The encounter and its referral: the fields that open both the full view and a summary, so
 * the two map these columns alike and keep the key order the API has always sent. */
function identityAndReferral(
  r: EncounterRow,
): Pick<
  EncounterView,
  'id' | 'reference' | 'status' | 'referralSource' | 'agency' | 'officerName'
> {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    referralSource: r.referral_source as EncounterView['referralSource'],
    agency: r.agency,
    officerName: r.officer_name,
  };
}

export function toEncounterView(r: EncounterRow): EncounterView {
  return {
    ...identityAndReferral(r),
    badgeNumber: r.badge_number,
    citTrained: bool(r.cit_trained),
    coResponder: bool(r.co_responder),
    probableCause: bool(r.probable_cause),
    divertedFromArrest: bool(r.diverted_from_arrest),
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    estimatedAge: r.estimated_age,
    gender: r.gender,
    preferredLanguage: r.preferred_language,
    legalStatus: r.legal_status as EncounterView['legalStatus'],
    presentingConcerns: list(r.presenting_concerns),
    medicalRedFlags: list(r.medical_red_flags),
    referToEd: bool(r.refer_to_ed),
    weaponsSearchDone: bool(r.weapons_search_done),
    belongings: r.belongings,
    notes: r.notes,
    expectedEta: r.expected_eta,
    arrivedAt: r.arrived_at,
    officerReleasedAt: r.officer_released_at,
    declinedAt: r.declined_at,
    declineReason: r.decline_reason as EncounterView['declineReason'],
    dischargedAt: r.discharged_at,
    disposition: r.disposition as EncounterView['disposition'],
    bedId: r.bed_id,
    unitKind: r.unit_kind as EncounterView['unitKind'],
    bedLabel: r.bed_label,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deidentifiedAt: r.deidentified_at ?? null,
    callbackPhone: r.callback_phone ?? null,
  };
}

export function personName(r: Pick<EncounterRow, 'first_name' | 'last_name'>): string {
  if (!r.first_name && !r.last_name) return 'Unknown';
  return [r.last_name ?? 'Unknown', r.first_name ?? 'Unknown'].join(', ');
}

export function toSummary(r: EncounterRow): EncounterSummary {
  return {
    ...identityAndReferral(r),
    personName: personName(r),
    firstName: r.first_name,
    lastName: r.last_name,
    expectedEta: r.expected_eta,
    arrivedAt: r.arrived_at,
    officerReleasedAt: r.officer_released_at,
    declinedAt: r.declined_at,
    dischargedAt: r.discharged_at,
    disposition: r.disposition as EncounterSummary['disposition'],
    bedId: r.bed_id,
    bedLabel: r.bed_label,
  };
}

export const formatReference = (year: number, n: number): string =>
  `H-${year}-${String(n).padStart(5, '0')}`;

/**
 * Next free reference of `year`. The counter only moves forward; a number already taken (e.g.
 * by an imported row) is skipped, so references stay unique without a retry loop in callers.
 */
export function nextReference(db: Database, year: number): string {
  const bump = db.prepare(
    `INSERT INTO reference_counters (year, last) VALUES (?, 1)
     ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  const taken = db.prepare('SELECT 1 FROM encounters WHERE reference = ?');
  for (;;) {
    const { last } = bump.get(year) as { last: number };
    const ref = formatReference(year, last);
    if (!taken.get(ref)) return ref;
  }
}

export interface NewEncounter {
  reference: string;
  status: EncounterStatus;
  values: EncounterValues;
  createdBy: number | null;
  now: number;
}

export function insertEncounter(db: Database, e: NewEncounter): EncounterRow {
  const cols: string[] = ['reference', 'status', 'created_by', 'created_at', 'updated_at'];
  const vals: (string | number | null)[] = [e.reference, e.status, e.createdBy, e.now, e.now];
  for (const [field, value] of Object.entries(e.values)) {
    if (field === 'status') continue;
    const col = FIELD_COLUMNS[field as EncounterField];
    if (!col) continue;
    cols.push(col);
    vals.push(toColumnValue(value));
  }
  const v = e.values;
  cols.push('person_key');
  vals.push(
    canonicalPersonKey(
      db,
      personKey(
        v.firstName as string | null,
        v.lastName as string | null,
        v.dateOfBirth as string | null,
      ),
    ),
  );
  // RETURNING: the stored row in the same statement (no second lookup).
  return db
    .prepare(
      `INSERT INTO encounters (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) RETURNING *`,
    )
    .get(...vals) as EncounterRow;
}

/** Writes the given fields (API names) and keeps person_key in step with the name and DOB. */
export function updateEncounter(
  db: Database,
  id: number,
  values: EncounterValues,
  now: number,
): EncounterRow {
  const sets: string[] = ['updated_at = ?'];
  const vals: (string | number | null)[] = [now];
  for (const [field, value] of Object.entries(values)) {
    const col = FIELD_COLUMNS[field as EncounterField];
    if (!col) throw new Error(`not an encounter field: ${field}`);
    sets.push(`${col} = ?`);
    vals.push(toColumnValue(value));
  }
  const row = db
    .prepare(`UPDATE encounters SET ${sets.join(', ')} WHERE id = ? RETURNING *`)
    .get(...vals, id) as EncounterRow | undefined;
  if (!row) throw new Error(`no encounter ${id}`);
  // A de-identified visit keeps its hashed key: it still counts for the repeat-visitor figure.
  const deidentified = row.deidentified_at != null;
  const key = canonicalPersonKey(db, personKey(row.first_name, row.last_name, row.date_of_birth));
  if (key !== row.person_key && !deidentified) {
    db.prepare('UPDATE encounters SET person_key = ? WHERE id = ?').run(key, id);
    row.person_key = key;
  }
  return row;
}

export function getEncounterRow(db: Database, id: number): EncounterRow | undefined {
  return db.prepare('SELECT * FROM encounters WHERE id = ?').get(id) as EncounterRow | undefined;
}

export function insertEncounterEvent(
  db: Database,
  e: {
    encounterId: number;
    at: number;
    userId: number | null;
    kind: string;
    detail?: Record<string, unknown> | null;
  },
): void {
  db.prepare(
    'INSERT INTO encounter_events (encounter_id, at, user_id, kind, detail) VALUES (?, ?, ?, ?, ?)',
  ).run(e.encounterId, e.at, e.userId, e.kind, e.detail ? JSON.stringify(e.detail) : null);
}

export function listEncounterEvents(db: Database, encounterId: number) {
  const rows = db
    .prepare(
      `SELECT e.id, e.at, e.kind, e.detail, u.display_name AS user_name, u.role AS role
       FROM encounter_events e LEFT JOIN users u ON u.id = e.user_id
       WHERE e.encounter_id = ? ORDER BY e.at, e.id`,
    )
    .all(encounterId) as {
    id: number;
    at: number;
    kind: string;
    detail: string | null;
    user_name: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    userName: r.user_name,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}

/** Encounters on the premises or on the way (partial index encounters_status). */
export function listActiveEncounters(db: Database): EncounterRow[] {
  return db
    .prepare(
      `SELECT * FROM encounters WHERE status IN ('expected','arrived','accepted')
       ORDER BY coalesce(arrived_at, expected_eta), id`,
    )
    .all() as EncounterRow[];
}

/** The agency pick list learns: each use bumps its count and recency. */
export function touchAgency(db: Database, name: string, now: number): void {
  db.prepare(
    `INSERT INTO agencies (name, last_used_at, uses) VALUES (?, ?, 1)
     ON CONFLICT(name) DO UPDATE SET last_used_at = max(last_used_at, excluded.last_used_at),
       uses = uses + 1`,
  ).run(name, now);
}

export function listAgencies(db: Database, limit = 200): string[] {
  return (
    db
      .prepare('SELECT name FROM agencies ORDER BY last_used_at DESC, uses DESC LIMIT ?')
      .all(limit) as { name: string }[]
  ).map((r) => r.name);
}

/** Officers of the last 2,000 drop-offs (within `since`), most recent first, one row each. */
export function recentOfficers(db: Database, since: number, limit = 100) {
  return db
    .prepare(
      `SELECT officer_name AS officerName, badge_number AS badgeNumber, agency
       FROM (SELECT officer_name, badge_number, agency, arrived_at FROM encounters
             WHERE arrived_at >= ? ORDER BY arrived_at DESC LIMIT 2000)
       WHERE officer_name IS NOT NULL
       GROUP BY officer_name COLLATE NOCASE, badge_number
       ORDER BY max(arrived_at) DESC LIMIT ?`,
    )
    .all(since, limit) as {
    officerName: string;
    badgeNumber: string | null;
    agency: string | null;
  }[];
}

export const TURNAROUND_TARGET_KEY = 'turnaround.targetMinutes';

export function getTurnaroundTarget(db: Database): number {
  const v = getSetting<number>(db, TURNAROUND_TARGET_KEY, DEFAULT_TURNAROUND_TARGET_MINUTES);
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_TURNAROUND_TARGET_MINUTES;
}

export function setTurnaroundTarget(db: Database, minutes: number, now: number): void {
  setSetting(db, TURNAROUND_TARGET_KEY, minutes, now);
}
