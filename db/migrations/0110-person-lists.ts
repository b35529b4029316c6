import { PERSON_TRIGGERS, rebuildPersonLists } from '../person-lists';
import type { Migration } from './types';

/**
 * The "possible matches" list at a million encounters (issue #8): each return visit with the
 * previous visit's arrival, and every person key by last name + date of birth, kept by triggers
 * (db/person-lists.ts explains both). Existing encounters are counted once here.
 */
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
    rebuildPersonLists(db);
    for (const sql of Object.values(PERSON_TRIGGERS)) db.exec(sql);
  },
};
