import type { Migration } from './types';

/**
 * The Follow-ups list's finished contacts filtered (issue #19): by outcome, newest attempt first,
 * and by a range of due dates. Without them the read walked every finished contact's attempt
 * time and kept the few that matched; a rare outcome, or an old range, read the whole index.
 */
export const migration0180: Migration = {
  version: 180,
  name: 'follow-ups: finished contacts by outcome and by due time',
  up(db) {
    db.exec(`
      CREATE INDEX follow_up_contacts_done_outcome
        ON follow_up_contacts(last_outcome, last_attempt_at) WHERE status <> 'open';
      CREATE INDEX follow_up_contacts_done_due ON follow_up_contacts(due_at)
        WHERE status <> 'open';
    `);
  },
};
