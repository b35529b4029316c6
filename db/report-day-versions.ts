import type { Database } from 'better-sqlite3';

/*
 * The day versions of migration 0210 (what db/report-days.ts checks its kept parts against),
 * for the writes that go around the row triggers: a bulk load, a CSV import, a restore.
 */

const triggersLike = (db: Database, pattern: string) =>
  db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ?`)
    .all(pattern) as { name: string; sql: string }[];

/** Every kept report part is stale: a restore, or a file loaded in bulk. */
export function newReportEpoch(db: Database): void {
  db.exec('UPDATE report_epoch SET v = random() >> 11');
}

/**
 * Runs `load` with the day-version triggers off (one upsert per row otherwise), then a new epoch.
 * The triggers are put back as the schema has them. Call inside the load's transaction.
 */
export function loadWithoutDayVersions<T>(db: Database, load: () => T): T {
  const triggers = triggersLike(db, 'report_day_%');
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const result = load();
  for (const t of triggers) db.exec(t.sql);
  newReportEpoch(db);
  return result;
}

/**
 * Runs `insert` (new encounters only, ids above `afterId`) with the encounters' day-version
 * triggers off, then gives each arrival day of the new rows a new version, set-based. Call
 * inside the import's transaction.
 */
export function insertWithoutDayVersions<T>(db: Database, afterId: number, insert: () => T): T {
  const triggers = triggersLike(db, 'report_day_encounter_%');
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const result = insert();
  db.prepare(
    `INSERT INTO report_day_versions (day, v)
     SELECT day, random() >> 11
       FROM (SELECT DISTINCT arrived_at / 86400000 - (arrived_at % 86400000 < 0) AS day
               FROM encounters WHERE id > ? AND arrived_at IS NOT NULL)
      WHERE true
     ON CONFLICT (day) DO UPDATE SET v = excluded.v`,
  ).run(afterId);
  for (const t of triggers) db.exec(t.sql);
  return result;
}
