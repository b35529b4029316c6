import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * A read-only connection of a worker thread (the report worker), waiting out a writer's lock.
 * A module of its own so a worker bundle pulls in nothing else.
 */
export function openReadOnly(file: string, nativeBinding?: string): Database {
  const db = new BetterSqlite3(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  return db;
}
