import type { Database } from 'better-sqlite3';

/*
 * What the "possible matches" list needs at a million encounters (issue #8; migration 0110),
 * kept by triggers like the rollups of db/report-rollups.ts:
 *
 * - `person_returns`: each visit that has an earlier visit by the same person key, with that
 *   visit's arrival (`prev_at`). A person's visits in a range number 1 + their rows in range
 *   with prev_at ≥ the start, so the people with 2+ visits in a range (every pair of the list has
 *   one) are an index range scan, not a grouping of every encounter in range.
 * - `people`: every person key ever recorded with its "last|date of birth" part, indexed, so
 *   people sharing a last name and date of birth are found by lookup. (People sharing first and
 *   last names share the key's prefix: the person index finds them.) Never deleted: a key with
 *   no visit in range is not a candidate anyway.
 */

/** Recomputes person_returns for person `key`'s visits arriving at or after `from` (SQL). */
const recomputeReturns = (key: string, from: string) => `
  DELETE FROM person_returns WHERE encounter_id IN (
    SELECT id FROM encounters WHERE person_key = ${key} AND arrived_at >= ${from});
  INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
  SELECT id, person_key, arrived_at, prev_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1) AS prev_at
      FROM encounters e WHERE e.person_key = ${key} AND e.arrived_at >= ${from})
   WHERE prev_at IS NOT NULL;`;

const addPerson = (key: string) => `
  INSERT OR IGNORE INTO people (person_key, last_dob)
  VALUES (${key}, substr(${key}, instr(${key}, '|') + 1));`;

/** The triggers, by name → SQL (dropped and re-created around bulk loads). */
export const PERSON_TRIGGERS: Record<string, string> = {
  encounters_returns_insert: `CREATE TRIGGER encounters_returns_insert AFTER INSERT ON encounters
    WHEN NEW.person_key IS NOT NULL BEGIN ${addPerson('NEW.person_key')}
    ${recomputeReturns('NEW.person_key', 'NEW.arrived_at')} END`,
  encounters_returns_delete: `CREATE TRIGGER encounters_returns_delete AFTER DELETE ON encounters
    WHEN OLD.person_key IS NOT NULL BEGIN
    DELETE FROM person_returns WHERE encounter_id = OLD.id;
    ${recomputeReturns('OLD.person_key', 'OLD.arrived_at')} END`,
  encounters_returns_update: `CREATE TRIGGER encounters_returns_update AFTER UPDATE OF person_key, arrived_at ON encounters
    WHEN (OLD.person_key, OLD.arrived_at) IS NOT (NEW.person_key, NEW.arrived_at) BEGIN
    DELETE FROM person_returns WHERE encounter_id = NEW.id;
    INSERT OR IGNORE INTO people (person_key, last_dob)
      SELECT NEW.person_key, substr(NEW.person_key, instr(NEW.person_key, '|') + 1)
       WHERE NEW.person_key IS NOT NULL;
    ${recomputeReturns('OLD.person_key', 'coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at)')}
    ${recomputeReturns('NEW.person_key', 'coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at)')}
    END`,
};

/**
 * Adds the people of encounters with id > `afterId` and recomputes their returns, set-based (rows
 * loaded with the triggers off). `afterId` 0 on empty tables is the full backfill.
 */
export function countNewPeople(db: Database, afterId: number): void {
  const people =
    afterId === 0
      ? 'person_key IS NOT NULL'
      : `person_key IN (SELECT person_key FROM encounters WHERE id > @afterId AND person_key IS NOT NULL)`;
  const p = afterId === 0 ? {} : { afterId };
  db.prepare(
    `INSERT OR IGNORE INTO people (person_key, last_dob)
     SELECT person_key, substr(person_key, instr(person_key, '|') + 1)
       FROM encounters WHERE id > ${afterId === 0 ? 0 : '@afterId'} AND person_key IS NOT NULL`,
  ).run(p);
  if (afterId !== 0)
    db.prepare(
      `DELETE FROM person_returns WHERE encounter_id IN (SELECT id FROM encounters WHERE ${people})`,
    ).run(p);
  db.prepare(
    `INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
     SELECT id, person_key, arrived_at, prev_at
       FROM (SELECT id, person_key, arrived_at, lag(arrived_at) OVER (
                      PARTITION BY person_key ORDER BY arrived_at, id) AS prev_at
               FROM encounters WHERE ${people} AND arrived_at IS NOT NULL)
      WHERE prev_at IS NOT NULL`,
  ).run(p);
}

/** Recomputes both tables from the encounters. Run inside a transaction. */
export function rebuildPersonLists(db: Database): void {
  db.exec('DELETE FROM people; DELETE FROM person_returns;');
  countNewPeople(db, 0);
}
