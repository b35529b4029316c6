import type { Database } from 'better-sqlite3';

/** A schema step. `version` is the file's number (by tens) and becomes PRAGMA user_version. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
