import type { Migration } from './types';

/**
 * Pre-arrival call (#15): the number to call the officer back on. Identifying (it reaches a
 * person), so retention clears it with the names (db/retention.ts, the encounters step).
 */
export const migration0170: Migration = {
  version: 170,
  name: 'encounters: callback number of a pre-arrival call',
  up(db) {
    db.exec('ALTER TABLE encounters ADD COLUMN callback_phone TEXT');
  },
};
