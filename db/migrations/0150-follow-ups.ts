import type { Migration } from './types';

const ROLES_BEFORE = "CHECK (role IN ('admin','manager','intake','kiosk'))";
const ROLES_AFTER = "CHECK (role IN ('admin','manager','intake','kiosk','case_manager'))";

/**
 * Follow-up after discharge and case management (issue #19): what the discharge recorded for
 * after the stay (one plan per encounter), the contacts the policy scheduled, every attempt, and
 * case managers' intake notes per person (versioned; removed ones are kept with the reason).
 *
 * The plan copies the encounter's arrival and discharge so the figures read one index over the
 * range (kept by a trigger when either is corrected). `eligible` is fixed at discharge: the
 * policy asked for contacts and the person agreed, so a later policy change does not rewrite
 * past figures.
 *
 * The new role needs the users table's CHECK widened. SQLite cannot alter a CHECK and a table
 * rebuild would trip the foreign keys from sessions and kiosks (they stay on in this
 * transaction), so the stored CREATE TABLE text is edited the documented way (writable_schema,
 * then a schema_version bump); only a constraint is loosened, no row can become invalid.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'follow-ups, intake notes, case manager role',
  up(db) {
    const version = db.pragma('schema_version', { simple: true }) as number;
    const sql = db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'users'")
      .pluck()
      .get() as string;
    if (!sql.includes(ROLES_BEFORE)) throw new Error('users table: unexpected role constraint');
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'users'").run(
        sql.replace(ROLES_BEFORE, ROLES_AFTER),
      );
      db.pragma(`schema_version = ${version + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }

    db.exec(`
      CREATE TABLE follow_up_plans (
        encounter_id INTEGER PRIMARY KEY REFERENCES encounters(id),
        arrived_at INTEGER NOT NULL,         -- copies of the encounter's (trigger below)
        discharged_at INTEGER NOT NULL,
        disposition TEXT NOT NULL,
        consent TEXT CHECK (consent IN ('yes','no','not_asked')),
        eligible INTEGER NOT NULL CHECK (eligible IN (0,1)),
        phone TEXT,                          -- E.164
        best_time TEXT,
        appointment_at INTEGER,
        appointment_provider TEXT,
        appointment_kind TEXT CHECK (appointment_kind IN ('outpatient_mental_health',
          'substance_use_treatment','primary_care','peer_support','housing','other')),
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX follow_up_plans_arrived ON follow_up_plans(arrived_at);

      CREATE TABLE follow_up_contacts (
        id INTEGER PRIMARY KEY,
        encounter_id INTEGER NOT NULL REFERENCES follow_up_plans(encounter_id),
        ordinal INTEGER NOT NULL,
        offset_hours INTEGER NOT NULL,
        due_at INTEGER NOT NULL,             -- the next attempt's due time (a retry moves it)
        status TEXT NOT NULL CHECK (status IN ('open','done','closed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        retry_hours INTEGER NOT NULL,
        last_outcome TEXT,
        last_attempt_at INTEGER,
        version INTEGER NOT NULL DEFAULT 0,  -- optimistic check: two desks, one attempt
        UNIQUE (encounter_id, ordinal)
      ) STRICT;
      CREATE INDEX follow_up_contacts_open ON follow_up_contacts(due_at) WHERE status = 'open';
      CREATE INDEX follow_up_contacts_done ON follow_up_contacts(last_attempt_at)
        WHERE status <> 'open';

      CREATE TABLE follow_up_attempts (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES follow_up_contacts(id),
        encounter_id INTEGER NOT NULL REFERENCES follow_up_plans(encounter_id),
        at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('reached_doing_well','reached_needs_services',
          'reached_appointment_kept','reached_appointment_missed','no_answer','left_message',
          'wrong_number','declined_contact','returned_to_center','other')),
        note TEXT,
        user_id INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX follow_up_attempts_encounter ON follow_up_attempts(encounter_id, outcome, at);
      CREATE INDEX follow_up_attempts_at ON follow_up_attempts(at);
      CREATE INDEX follow_up_attempts_contact ON follow_up_attempts(contact_id, at);

      CREATE TRIGGER follow_up_plans_times AFTER UPDATE OF arrived_at, discharged_at ON encounters
        WHEN NEW.arrived_at IS NOT NULL AND NEW.discharged_at IS NOT NULL BEGIN
        UPDATE follow_up_plans SET arrived_at = NEW.arrived_at, discharged_at = NEW.discharged_at
         WHERE encounter_id = NEW.id;
      END;

      CREATE TABLE intake_notes (
        id INTEGER PRIMARY KEY,
        person_key TEXT NOT NULL,
        version INTEGER NOT NULL,            -- the current version's number
        text TEXT NOT NULL,                  -- the current text
        removed_at INTEGER,
        removed_by INTEGER REFERENCES users(id),
        removed_reason TEXT,
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX intake_notes_person ON intake_notes(person_key) WHERE removed_at IS NULL;
      CREATE TABLE intake_note_versions (
        note_id INTEGER NOT NULL REFERENCES intake_notes(id),
        version INTEGER NOT NULL,
        text TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        at INTEGER NOT NULL,
        PRIMARY KEY (note_id, version)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER intake_note_versions_keep_update BEFORE UPDATE ON intake_note_versions
        BEGIN SELECT RAISE(ABORT, 'intake note versions are kept'); END;
      CREATE TRIGGER intake_note_versions_keep_delete BEFORE DELETE ON intake_note_versions
        BEGIN SELECT RAISE(ABORT, 'intake note versions are kept'); END;
    `);
  },
};
