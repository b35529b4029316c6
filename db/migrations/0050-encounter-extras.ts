import type { Migration } from './types';

/**
 * What the encounters capability needs beyond the pinned 0030 schema:
 * - a per-year counter for human reference numbers (H-2026-00123), so numbers never repeat even
 *   when encounters are deleted or imported out of order;
 * - indexes for search at a million encounters (officers waiting has 0040's);
 * - kiosk devices: a device credential (hash of a pairing code) bound to a `kiosk` user row, so
 *   an administrator can issue and revoke officer self-check-in stations.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'encounter reference counters, kiosk devices',
  up(db) {
    db.exec(`
      CREATE TABLE reference_counters (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE kiosk_devices (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
        name TEXT NOT NULL,
        code_hash TEXT NOT NULL UNIQUE,
        created_by INTEGER,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_used_at INTEGER
      ) STRICT;

      -- Search: agency (exact or prefix, newest first) and first name (last name has 0030's).
      CREATE INDEX encounters_agency ON encounters(agency COLLATE NOCASE, arrived_at);
      CREATE INDEX encounters_first_name ON encounters(first_name COLLATE NOCASE);
    `);
  },
};
