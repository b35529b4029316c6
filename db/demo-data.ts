import type { Database } from 'better-sqlite3';

/**
 * Writes of the demo data (server/encounters/demo.ts, server/beds/demo.ts): made-up training
 * history inserted straight into the tables, many rows in one transaction, so it bypasses the
 * handlers on purpose. Not used by the desk.
 */

/** One made-up encounter, by the insert's named parameters. */
export interface DemoEncounterRow {
  reference: string;
  status: string;
  source: string;
  agency: string | null;
  officer: string | null;
  badge: string | null;
  cit: number | null;
  coResponder: number | null;
  probableCause: number | null;
  diverted: number | null;
  first: string | null;
  last: string | null;
  dob: string | null;
  gender: string | null;
  language: string | null;
  legal: string | null;
  concerns: string | null;
  weapons: number | null;
  arrived: number;
  released: number | null;
  declined: number | null;
  declineReason: string | null;
  discharged: number | null;
  disposition: string | null;
  unitKind: string | null;
  bedLabel: string | null;
  personKey: string | null;
  by: number;
  updated: number;
}

export interface DemoWriter {
  /** Inserts the encounter; returns its id. */
  encounter(row: DemoEncounterRow): number;
  event(
    encounterId: number,
    at: number | null,
    userId: number | null,
    kind: string,
    detail: string | null,
  ): void;
}

/** Statements prepared once for the whole demo. */
export function demoWriter(db: Database): DemoWriter {
  const insert = db.prepare(
    `INSERT INTO encounters (reference, status, referral_source, agency, officer_name, badge_number,
       cit_trained, co_responder, probable_cause, diverted_from_arrest, first_name, last_name,
       date_of_birth, gender, preferred_language, legal_status, presenting_concerns,
       weapons_search_done, arrived_at, officer_released_at, declined_at, decline_reason,
       discharged_at, disposition, unit_kind, bed_label, person_key, created_by, created_at,
       updated_at)
     VALUES (@reference, @status, @source, @agency, @officer, @badge, @cit, @coResponder,
       @probableCause, @diverted, @first, @last, @dob, @gender, @language, @legal, @concerns,
       @weapons, @arrived, @released, @declined, @declineReason, @discharged, @disposition,
       @unitKind, @bedLabel, @personKey, @by, @arrived, @updated)`,
  );
  const event = db.prepare(
    'INSERT INTO encounter_events (encounter_id, at, user_id, kind, detail) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    encounter: (row) => Number(insert.run(row).lastInsertRowid),
    event: (encounterId, at, userId, kind, detail) => {
      event.run(encounterId, at, userId, kind, detail);
    },
  };
}

/** A pre-arrival call (status expected) from a deputy; returns its id. */
export function insertDemoExpectedCall(
  db: Database,
  c: { reference: string; eta: number; userId: number; now: number },
): number {
  const r = db
    .prepare(
      `INSERT INTO encounters (reference, status, referral_source, agency, officer_name,
         expected_eta, created_by, created_at, updated_at)
       VALUES (?, 'expected', 'law_enforcement', 'Pima County Sheriff', 'Ken Yazzie', ?, ?, ?, ?)`,
    )
    .run(c.reference, c.eta, c.userId, c.now, c.now);
  return Number(r.lastInsertRowid);
}

export interface UntimedEncounter {
  id: number;
  reference: string;
  arrived_at: number;
  officer_released_at: number | null;
  created_by: number | null;
  bed_label: string | null;
}

/** Arrived encounters that have no timeline yet (the people the beds demo put in beds). */
export function encountersWithoutTimeline(db: Database): UntimedEncounter[] {
  return db
    .prepare(
      `SELECT id, reference, arrived_at, officer_released_at, created_by, bed_label FROM encounters
       WHERE NOT EXISTS (SELECT 1 FROM encounter_events v WHERE v.encounter_id = encounters.id)
         AND arrived_at IS NOT NULL ORDER BY arrived_at`,
    )
    .all() as UntimedEncounter[];
}

export function setDemoReference(db: Database, encounterId: number, reference: string): void {
  db.prepare('UPDATE encounters SET reference = ? WHERE id = ?').run(reference, encounterId);
}

/** Raises each year's reference counter to at least the numbers the demo used. */
export function raiseReferenceCounters(db: Database, counters: ReadonlyMap<number, number>): void {
  const setCounter = db.prepare(
    `INSERT INTO reference_counters (year, last) VALUES (?, ?)
     ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)`,
  );
  for (const [year, n] of counters) setCounter.run(year, n);
}

/** The agency pick list learns from the history, as it does from the desk. */
export function relearnAgencies(db: Database): void {
  db.prepare(
    `INSERT INTO agencies (name, last_used_at, uses)
     SELECT agency, max(coalesce(arrived_at, created_at)), count(*) FROM encounters
     WHERE agency IS NOT NULL GROUP BY agency COLLATE NOCASE
     ON CONFLICT(name) DO UPDATE SET uses = excluded.uses, last_used_at = excluded.last_used_at`,
  ).run();
}

/** A person already in a bed (accepted); returns the encounter id. */
export function insertDemoOccupant(
  db: Database,
  o: {
    reference: string;
    source: string;
    first: string;
    last: string;
    arrived: number;
    released: number | null;
    userId: number;
  },
): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO encounters (reference, status, referral_source, first_name, last_name, arrived_at,
         officer_released_at, created_by, created_at, updated_at)
       VALUES (?, 'accepted', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      o.reference,
      o.source,
      o.first,
      o.last,
      o.arrived,
      o.released,
      o.userId,
      o.arrived,
      o.arrived,
    );
  return Number(lastInsertRowid);
}

/** Backdates a bed's status (the bed was taken when the person arrived). */
export function setBedStatusSince(db: Database, bedId: number, since: number): void {
  db.prepare('UPDATE beds SET status_since = ? WHERE id = ?').run(since, bedId);
}
