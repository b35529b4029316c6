import type { Migration } from './types';

/**
 * Retention (#20): when an encounter's identifying details were removed. The row itself stays
 * (reference, times, kinds, dispositions, agency), so every figure stays the same.
 */
export const migration0160: Migration = {
  version: 160,
  name: 'retention: de-identified encounters',
  up(db) {
    db.exec(`
      ALTER TABLE encounters ADD COLUMN deidentified_at INTEGER;
      CREATE INDEX encounters_retention ON encounters(coalesce(discharged_at, declined_at))
        WHERE deidentified_at IS NULL;
    `);
  },
};
