import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { keyOf } from './cipher';
import { personAliases } from './person-matches';
import { crashPoint } from './crash-point';
import { getSetting, setSetting } from './settings';

/**
 * Retention: the identifying details of encounters that ended (discharge, or decline) before a
 * cutoff are removed; the reference, times, kinds, dispositions and agency stay, so every figure
 * is computed exactly as before. The repeat-visitor figure groups visits by person key, which
 * is name|name|birth date: a person with any visit past the limit gets a keyed hash in its place
 * (HMAC-SHA256, key derived from the database key and kept inside the encrypted database), on
 * every one of their visits, so the grouping and every count stay the same and no name remains.
 *
 * Retention is a list of per-table steps: a capability with its own identifying columns (e.g.
 * follow-up phone numbers, intake notes) adds a step to RETENTION_STEPS.
 */
export interface RetentionRun {
  /** Encounters that ended before this instant lose their identifying details. */
  cutoff: number;
  now: number;
  /** The encounters being de-identified (ids), chosen once for every step. */
  encounterIds: readonly number[];
}

export interface RetentionStep {
  name: string;
  /** Removes its table's identifying details for `run.encounterIds`; returns the rows changed. */
  apply(db: Database, run: RetentionRun): number;
}

const PERSON_KEY_SECRET = 'retention.personKeySecret';
export const HASHED_KEY_PREFIX = 'h:';

/** The HMAC key for person keys: derived from the database key once, then kept (survives rekey). */
function personKeySecret(db: Database, create: boolean): Buffer | null {
  const stored = getSetting<string | null>(db, PERSON_KEY_SECRET, null);
  if (stored) return Buffer.from(stored, 'hex');
  if (!create) return null;
  const key = keyOf(db) ?? crypto.randomBytes(32);
  const secret = crypto.createHmac('sha256', key).update('handoff person key v1').digest();
  setSetting(db, PERSON_KEY_SECRET, secret.toString('hex'), Date.now());
  return secret;
}

const hashKey = (secret: Buffer, plain: string): string =>
  HASHED_KEY_PREFIX + crypto.createHmac('sha256', secret).update(plain).digest('hex');

/**
 * The person key a new or edited visit gets: the hashed one when this person's earlier visits were
 * de-identified (so they still count as one person), else the plain one.
 */
export function canonicalPersonKey(db: Database, plain: string | null): string | null {
  if (!plain) return plain;
  const secret = personKeySecret(db, false);
  if (!secret) return plain;
  const hashed = hashKey(secret, plain);
  const seen = db.prepare('SELECT 1 FROM encounters WHERE person_key = ? LIMIT 1').get(hashed);
  return seen ? hashed : plain;
}

/**
 * Encounters past the limit that still carry identifying details. One whose follow-up call is
 * still open and due after the cutoff waits: staff still need the phone number to make that call,
 * and an attempt note typed later would escape this run. It goes on a later night, at the latest
 * once the cutoff passes that due time (contacts fall due at most 30 days after discharge).
 */
export function encountersPastLimit(db: Database, cutoff: number): number[] {
  return db
    .prepare(
      `SELECT id FROM encounters e
        WHERE deidentified_at IS NULL AND coalesce(discharged_at, declined_at) < @cutoff
          AND NOT EXISTS (SELECT 1 FROM follow_up_contacts c
                           WHERE c.encounter_id = e.id AND c.status = 'open'
                             AND c.due_at >= @cutoff)
        ORDER BY id`,
    )
    .pluck()
    .all({ cutoff }) as number[];
}

const idList = (run: RetentionRun) => JSON.stringify(run.encounterIds);

/** Person keys → keyed hashes, on every visit of each person concerned (the figures' grouping). */
const personKeys: RetentionStep = {
  name: 'person keys',
  apply(db, run) {
    const plain = db
      .prepare(
        `SELECT DISTINCT person_key FROM encounters
          WHERE id IN (SELECT value FROM json_each(?)) AND person_key IS NOT NULL
            AND person_key NOT LIKE 'h:%'`,
      )
      .pluck()
      .all(idList(run)) as string[];
    if (plain.length === 0) return 0;
    const secret = personKeySecret(db, true)!;
    const setKey = db.prepare('UPDATE encounters SET person_key = ? WHERE person_key = ?');
    const dropPerson = db.prepare('DELETE FROM people WHERE person_key = ?');
    const decisions = db.prepare(
      'SELECT key_a, key_b, decision, decided_by, decided_at FROM person_match_decisions WHERE key_a = ? OR key_b = ?',
    );
    const dropDecision = db.prepare(
      'DELETE FROM person_match_decisions WHERE key_a = ? AND key_b = ?',
    );
    const addDecision = db.prepare(
      `INSERT OR REPLACE INTO person_match_decisions (key_a, key_b, decision, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    let changed = 0;
    for (const p of plain) {
      const h = hashKey(secret, p);
      changed += setKey.run(h, p).changes;
      dropPerson.run(p);
      for (const d of decisions.all(p, p) as {
        key_a: string;
        key_b: string;
        decision: string;
        decided_by: number | null;
        decided_at: number;
      }[]) {
        dropDecision.run(d.key_a, d.key_b);
        const a = d.key_a === p ? h : d.key_a;
        const b = d.key_b === p ? h : d.key_b;
        if (a !== b)
          addDecision.run(a < b ? a : b, a < b ? b : a, d.decision, d.decided_by, d.decided_at);
      }
    }
    return changed;
  },
};

/** The encounter's own identifying columns and free text. */
const encounterDetails: RetentionStep = {
  name: 'encounters',
  apply(db, run) {
    return db
      .prepare(
        `UPDATE encounters
            SET first_name = NULL, last_name = NULL, date_of_birth = NULL,
                officer_name = NULL, badge_number = NULL, notes = NULL, belongings = NULL,
                callback_phone = NULL, deidentified_at = @now
          WHERE id IN (SELECT value FROM json_each(@ids))`,
      )
      .run({ now: run.now, ids: idList(run) }).changes;
  },
};

/** The timeline's details (corrections carry old values and reasons, free text). */
const encounterEvents: RetentionStep = {
  name: 'encounter events',
  apply(db, run) {
    return db
      .prepare(
        `UPDATE encounter_events SET detail = NULL
          WHERE detail IS NOT NULL AND encounter_id IN (SELECT value FROM json_each(?))`,
      )
      .run(idList(run)).changes;
  },
};

/**
 * A step for a capability's table keyed by encounter: clears `columns` of the rows of the
 * de-identified encounters; does nothing while the table (or a column) does not exist.
 */
export function clearColumnsStep(
  table: string,
  encounterColumn: string,
  columns: readonly string[],
): RetentionStep {
  const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
  return {
    name: table,
    apply(db, run) {
      const present = new Set(
        (db.pragma(`table_info(${q(table)})`) as { name: string }[]).map((c) => c.name),
      );
      const cols = columns.filter((c) => present.has(c));
      if (!present.has(encounterColumn) || cols.length === 0) return 0;
      return db
        .prepare(
          `UPDATE ${q(table)} SET ${cols.map((c) => `${q(c)} = NULL`).join(', ')}
            WHERE ${q(encounterColumn)} IN (SELECT value FROM json_each(?))`,
        )
        .run(idList(run)).changes;
    },
  };
}

/**
 * Follow-up after discharge (#19): the plan's contact details and provider go; consent,
 * eligibility, appointment time and kind stay (the followUp figures count them).
 */
const followUpPlans = clearColumnsStep('follow_up_plans', 'encounter_id', [
  'phone',
  'best_time',
  'appointment_provider',
]);

/** Each attempt's free-text note goes; outcome and time stay (the followUp figures). */
const followUpAttempts = clearColumnsStep('follow_up_attempts', 'encounter_id', ['note']);

const hasTable = (db: Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !==
  undefined;

/**
 * Intake notes are kept per person key. A person whose key was just hashed (a visit past the
 * limit) keeps their notes under the hashed key, so the Handoff screen still finds them at a
 * later visit (notes.forIntake looks up the canonical key).
 */
const intakeNotesRekeyed: RetentionStep = {
  name: 'intake notes rekeyed',
  apply(db) {
    const secret = personKeySecret(db, false);
    if (!secret || !hasTable(db, 'intake_notes')) return 0;
    const plain = db
      .prepare("SELECT DISTINCT person_key FROM intake_notes WHERE person_key NOT LIKE 'h:%'")
      .pluck()
      .all() as string[];
    const seen = db.prepare('SELECT 1 FROM encounters WHERE person_key = ? LIMIT 1');
    const setKey = db.prepare('UPDATE intake_notes SET person_key = ? WHERE person_key = ?');
    let changed = 0;
    for (const p of plain) {
      const h = hashKey(secret, p);
      if (seen.get(h) !== undefined) changed += setKey.run(h, p).changes;
    }
    return changed;
  },
};

const VERSIONS_GUARD = 'intake_note_versions_keep_delete';

/**
 * Runs `fn` with the versions table's delete guard lifted, inside the caller's transaction only:
 * the trigger is dropped and created again from its own stored text before the commit, so no
 * other connection or later statement ever sees the table without it (a kill rolls both back).
 */
function withoutVersionsGuard<T>(db: Database, fn: () => T): T {
  if (!db.inTransaction) throw new Error('retention: intake note versions outside a transaction');
  const sql = db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?")
    .pluck()
    .get(VERSIONS_GUARD) as string | undefined;
  if (sql) db.exec(`DROP TRIGGER ${VERSIONS_GUARD}`);
  try {
    return fn();
  } finally {
    if (sql) db.exec(sql);
  }
}

/**
 * A person whose every visit is now de-identified (with every key a "same person" decision
 * joins to theirs) loses their intake notes: current text, removal reason and every version.
 * A person with any visit still inside the limit keeps them.
 */
const intakeNotesRemoved: RetentionStep = {
  name: 'intake notes removed',
  apply(db, run) {
    if (!hasTable(db, 'intake_notes')) return 0;
    const keys = db
      .prepare(
        `SELECT DISTINCT person_key FROM encounters
          WHERE id IN (SELECT value FROM json_each(?)) AND person_key IS NOT NULL`,
      )
      .pluck()
      .all(idList(run)) as string[];
    if (keys.length === 0) return 0;
    const aliases = personAliases(db);
    const rootOf = (k: string) => aliases[k] ?? k;
    const groupOf = (k: string) => [
      rootOf(k),
      ...Object.keys(aliases).filter((a) => aliases[a] === rootOf(k)),
    ];
    const identified = db.prepare(
      `SELECT 1 FROM encounters
        WHERE person_key IN (SELECT value FROM json_each(?)) AND deidentified_at IS NULL LIMIT 1`,
    );
    const gone = new Set<string>();
    for (const k of keys) {
      if (gone.has(k)) continue;
      const group = groupOf(k);
      if (identified.get(JSON.stringify(group)) === undefined) group.forEach((g) => gone.add(g));
    }
    if (gone.size === 0) return 0;
    const ids = db
      .prepare('SELECT id FROM intake_notes WHERE person_key IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify([...gone])) as number[];
    if (ids.length === 0) return 0;
    const list = JSON.stringify(ids);
    withoutVersionsGuard(db, () => {
      db.prepare(
        'DELETE FROM intake_note_versions WHERE note_id IN (SELECT value FROM json_each(?))',
      ).run(list);
      crashPoint('retention-intake-notes-unguarded');
    });
    return db
      .prepare('DELETE FROM intake_notes WHERE id IN (SELECT value FROM json_each(?))')
      .run(list).changes;
  },
};

/** Every step, in order. A capability with identifying columns adds its step here. */
export const RETENTION_STEPS: RetentionStep[] = [
  personKeys,
  encounterDetails,
  encounterEvents,
  followUpPlans,
  followUpAttempts,
  intakeNotesRekeyed,
  intakeNotesRemoved,
];

export interface RetentionResult {
  encounters: number;
  steps: Record<string, number>;
}

/**
 * Runs every step for the encounters past `cutoff`, inside the caller's transaction (a kill
 * leaves none or all of it). `dryRun` only counts.
 */
export function applyRetention(
  db: Database,
  cutoff: number,
  now: number,
  dryRun: boolean,
): RetentionResult {
  const encounterIds = encountersPastLimit(db, cutoff);
  if (dryRun || encounterIds.length === 0) return { encounters: encounterIds.length, steps: {} };
  const run: RetentionRun = { cutoff, now, encounterIds };
  const steps: Record<string, number> = {};
  for (const step of RETENTION_STEPS) {
    steps[step.name] = step.apply(db, run);
    crashPoint(`retention-after-${step.name}`);
  }
  return { encounters: encounterIds.length, steps };
}
