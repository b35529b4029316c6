import type { Migration } from './types';

/** Units (one kind each) and their beds; every bed status change is kept as history. */
export const migration0020: Migration = {
  version: 20,
  name: 'units, beds, bed history',
  up(db) {
    db.exec(`
      CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('chair','bed','youth_bed','withdrawal_bed','other')),
        -- "Available" means vacant AND staffed: a manager caps a unit by staffing.
        staffed_limit INTEGER CHECK (staffed_limit IS NULL OR staffed_limit >= 0),
        sort_order INTEGER NOT NULL DEFAULT 0,
        retired_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX units_name_active ON units(name) WHERE retired_at IS NULL;

      CREATE TABLE beds (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id),
        label TEXT NOT NULL COLLATE NOCASE,
        status TEXT NOT NULL DEFAULT 'available'
          CHECK (status IN ('available','occupied','reserved','cleaning','out_of_service')),
        status_since INTEGER NOT NULL,
        status_reason TEXT,
        -- The occupant (occupied) or the expected arrival it is held for (reserved).
        encounter_id INTEGER,
        sort_order INTEGER NOT NULL DEFAULT 0,
        retired_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((status IN ('occupied') AND encounter_id IS NOT NULL) OR status <> 'occupied')
      ) STRICT;
      CREATE UNIQUE INDEX beds_label_active ON beds(unit_id, label) WHERE retired_at IS NULL;
      CREATE INDEX beds_unit ON beds(unit_id);
      CREATE UNIQUE INDEX beds_encounter ON beds(encounter_id) WHERE encounter_id IS NOT NULL AND status = 'occupied';

      CREATE TABLE bed_history (
        id INTEGER PRIMARY KEY,
        bed_id INTEGER NOT NULL REFERENCES beds(id),
        at INTEGER NOT NULL,
        user_id INTEGER,
        from_status TEXT,
        to_status TEXT NOT NULL,
        encounter_id INTEGER,
        reason TEXT
      ) STRICT;
      CREATE INDEX bed_history_bed ON bed_history(bed_id, at);
      CREATE INDEX bed_history_at ON bed_history(at);
    `);
  },
};
