import type { Migration } from './types';

/**
 * The Follow-ups list filtered by outcome (issue #19): the finished contacts of one outcome,
 * newest attempt first. Without it the read walked every finished contact's attempt time and
 * kept the few of that outcome; a rare outcome over years of history read the whole index.
 */
export const migration0180: Migration = {
  version: 180,
  name: 'follow-ups: finished contacts by outcome',
  up(db) {
    db.exec(`
      CREATE INDEX follow_up_contacts_done_outcome
        ON follow_up_contacts(last_outcome, last_attempt_at) WHERE status <> 'open';
    `);
  },
};
