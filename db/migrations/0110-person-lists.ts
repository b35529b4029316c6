import type { Migration } from './types';

/**
 * The "possible matches" list at a million encounters (issue #8): each return visit with the
 * previous visit's arrival, and every person key by last name + date of birth, kept by triggers
 * (db/person-lists.ts explains both). Existing encounters are counted once here.
 */

/**
 * Frozen: the backfill and the triggers exactly as this version made them (the text below is
 * what db/person-lists.ts produced then, byte for byte), not the live code, which may change
 * later; a change to the triggers is a new migration.
 */
const BACKFILL_AND_TRIGGERS: readonly string[] = [
  `DELETE FROM people; DELETE FROM person_returns;`,
  `INSERT OR IGNORE INTO people (person_key, last_dob)
     SELECT person_key, substr(person_key, instr(person_key, '|') + 1)
       FROM encounters WHERE id > 0 AND person_key IS NOT NULL`,
  `INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
     SELECT id, person_key, arrived_at, prev_at
       FROM (SELECT id, person_key, arrived_at, lag(arrived_at) OVER (
                      PARTITION BY person_key ORDER BY arrived_at, id) AS prev_at
               FROM encounters WHERE person_key IS NOT NULL AND arrived_at IS NOT NULL)
      WHERE prev_at IS NOT NULL`,
  `CREATE TRIGGER encounters_returns_insert AFTER INSERT ON encounters
    WHEN NEW.person_key IS NOT NULL BEGIN 
  INSERT OR IGNORE INTO people (person_key, last_dob)
  VALUES (NEW.person_key, substr(NEW.person_key, instr(NEW.person_key, '|') + 1));
    
  DELETE FROM person_returns WHERE encounter_id IN (
    SELECT id FROM encounters WHERE person_key = NEW.person_key AND arrived_at >= NEW.arrived_at);
  INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
  SELECT id, person_key, arrived_at, prev_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1) AS prev_at
      FROM encounters e WHERE e.person_key = NEW.person_key AND e.arrived_at >= NEW.arrived_at)
   WHERE prev_at IS NOT NULL; END`,
  `CREATE TRIGGER encounters_returns_delete AFTER DELETE ON encounters
    WHEN OLD.person_key IS NOT NULL BEGIN
    DELETE FROM person_returns WHERE encounter_id = OLD.id;
    
  DELETE FROM person_returns WHERE encounter_id IN (
    SELECT id FROM encounters WHERE person_key = OLD.person_key AND arrived_at >= OLD.arrived_at);
  INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
  SELECT id, person_key, arrived_at, prev_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1) AS prev_at
      FROM encounters e WHERE e.person_key = OLD.person_key AND e.arrived_at >= OLD.arrived_at)
   WHERE prev_at IS NOT NULL; END`,
  `CREATE TRIGGER encounters_returns_update AFTER UPDATE OF person_key, arrived_at ON encounters
    WHEN (OLD.person_key, OLD.arrived_at) IS NOT (NEW.person_key, NEW.arrived_at) BEGIN
    DELETE FROM person_returns WHERE encounter_id = NEW.id;
    INSERT OR IGNORE INTO people (person_key, last_dob)
      SELECT NEW.person_key, substr(NEW.person_key, instr(NEW.person_key, '|') + 1)
       WHERE NEW.person_key IS NOT NULL;
    
  DELETE FROM person_returns WHERE encounter_id IN (
    SELECT id FROM encounters WHERE person_key = OLD.person_key AND arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at));
  INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
  SELECT id, person_key, arrived_at, prev_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1) AS prev_at
      FROM encounters e WHERE e.person_key = OLD.person_key AND e.arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at))
   WHERE prev_at IS NOT NULL;
    
  DELETE FROM person_returns WHERE encounter_id IN (
    SELECT id FROM encounters WHERE person_key = NEW.person_key AND arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at));
  INSERT INTO person_returns (encounter_id, person_key, arrived_at, prev_at)
  SELECT id, person_key, arrived_at, prev_at FROM (
    SELECT e.id, e.person_key, e.arrived_at,
           (SELECT p.arrived_at FROM encounters p
             WHERE p.person_key = e.person_key AND p.arrived_at IS NOT NULL
               AND (p.arrived_at < e.arrived_at OR (p.arrived_at = e.arrived_at AND p.id < e.id))
             ORDER BY p.arrived_at DESC, p.id DESC LIMIT 1) AS prev_at
      FROM encounters e WHERE e.person_key = NEW.person_key AND e.arrived_at >= coalesce(min(OLD.arrived_at, NEW.arrived_at), OLD.arrived_at, NEW.arrived_at))
   WHERE prev_at IS NOT NULL;
    END`,
];

export const migration0110: Migration = {
  version: 110,
  name: 'person returns and people for possible matches',
  up(db) {
    db.exec(`
      CREATE TABLE person_returns (
        encounter_id INTEGER PRIMARY KEY,    -- the later visit (no foreign key: triggers keep it)
        person_key TEXT NOT NULL,
        arrived_at INTEGER NOT NULL,
        prev_at INTEGER NOT NULL             -- arrival of the same person's previous visit
      ) STRICT;
      CREATE INDEX person_returns_arrived ON person_returns(arrived_at, prev_at, person_key);
      CREATE TABLE people (
        person_key TEXT PRIMARY KEY,         -- first|last|date of birth (core/csv personKey)
        last_dob TEXT NOT NULL               -- last|date of birth
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX people_last_dob ON people(last_dob);
    `);
    for (const sql of BACKFILL_AND_TRIGGERS) db.exec(sql);
  },
};
