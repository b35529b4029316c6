import type { Migration } from './types';

/** The regional board (issue #18): other centers' feeds this center reads. */
export const migration0142: Migration = {
  version: 142,
  name: 'region peers',
  up(db) {
    db.exec(`
      CREATE TABLE region_peers (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        token TEXT,                 -- the peer's bearer token, never shown back
        name TEXT,                  -- display name; null = the name the feed gives
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
