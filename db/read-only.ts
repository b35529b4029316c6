import BetterSqlite3, { type Database } from 'better-sqlite3';
import { openKeyed, type DatabaseKey } from './cipher';

/**
 * A read-only connection of a worker thread (the report worker), waiting out a writer's lock;
 * opened with the database key when the file is encrypted (db/cipher.ts). A module of its own so
 * a worker bundle pulls in nothing else.
 */
export function openReadOnly(file: string, nativeBinding?: string, key?: DatabaseKey): Database {
  const options = {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  };
  const db = key ? openKeyed(file, key, options) : new BetterSqlite3(file, options);
  db.pragma('busy_timeout = 5000');
  return db;
}
