import type { Migration } from './types';

/**
 * The shift handover (census.today) counts the officers released and the declines since the
 * shift began. Neither time had an index, so both read all history: about 2 s at 1M encounters,
 * on the desk's own thread, every time the Today view opened. Two partial indexes, each on the
 * rows that have that time (declines are few; releases are the police drop-offs).
 */
export const migration0200: Migration = {
  version: 200,
  name: 'shift handover: releases and declines by time',
  up(db) {
    db.exec(`
      CREATE INDEX encounters_released ON encounters(officer_released_at)
        WHERE officer_released_at IS NOT NULL
          AND referral_source IN ('law_enforcement','co_responder');
      CREATE INDEX encounters_declined ON encounters(declined_at) WHERE declined_at IS NOT NULL;
    `);
  },
};
