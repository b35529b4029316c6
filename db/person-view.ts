import type { Database } from 'better-sqlite3';

export interface PersonEncounterRow {
  id: number;
  reference: string;
  status: string;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  referral_source: string;
  agency: string | null;
  arrived_at: number | null;
  discharged_at: number | null;
  disposition: string | null;
  person_key: string;
}

/** Every encounter of some person keys, newest first (the person index; a few hundred at most). */
export function encountersOfPeople(db: Database, keys: readonly string[]): PersonEncounterRow[] {
  if (keys.length === 0) return [];
  return db
    .prepare(
      `SELECT id, reference, status, first_name, last_name, date_of_birth, referral_source,
              agency, arrived_at, discharged_at, disposition, person_key
         FROM encounters INDEXED BY encounters_person
        WHERE person_key IN (SELECT value FROM json_each(?))
        ORDER BY arrived_at DESC, id DESC
        LIMIT 1000`,
    )
    .all(JSON.stringify(keys)) as PersonEncounterRow[];
}

/** The person key of one encounter (a link from the encounter page). */
export function personKeyOfEncounter(db: Database, id: number): string | null {
  return (
    (db.prepare('SELECT person_key FROM encounters WHERE id = ?').pluck().get(id) as
      string | null | undefined) ?? null
  );
}
