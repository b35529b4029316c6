import type { Migration } from './types';

/**
 * Census confirmations (issue #18): when staff confirmed on the Board that the counts are true,
 * and in which role. Never who by name: the audit log has that; this table feeds dispatch.
 */
export const migration0140: Migration = {
  version: 140,
  name: 'census confirmations',
  up(db) {
    db.exec(`
      CREATE TABLE census_confirmations (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'intake'))
      ) STRICT;
    `);
  },
};
