import type { Database } from 'better-sqlite3';

/*
 * The day versions of migration 0210 (what db/report-days.ts checks its kept parts against),
 * for the writes that go around the row triggers: a bulk load and a CSV import. A restore needs
 * nothing: the backup's epoch and versions come with its content, and random versions never
 * repeat, so no kept part is taken for the restored one.
 */

/** The triggers named by a GLOB pattern (`_` is a plain character there, unlike in LIKE). */
const triggersNamed = (db: Database, glob: string) =>
  db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name GLOB ?`)
    .all(glob) as { name: string; sql: string }[];

/**
 * Runs `fn` with `triggers` dropped and puts them back as the schema had them, whatever happens
 * (a caller that caught the error and committed must not lose them).
 */
function withoutTriggers<T>(
  db: Database,
  triggers: { name: string; sql: string }[],
  fn: () => T,
): T {
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  try {
    return fn();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

/** Every kept report part is stale. */
function newReportEpoch(db: Database): void {
  db.exec('UPDATE report_epoch SET v = random() >> 11');
}

/**
 * Runs `load` with the day-version triggers off (one upsert per row otherwise), then a new epoch.
 * The triggers are put back as the schema has them. Call inside the load's transaction.
 */
export function loadWithoutDayVersions<T>(db: Database, load: () => T): T {
  const result = withoutTriggers(db, triggersNamed(db, 'report_day_*'), load);
  newReportEpoch(db);
  return result;
}

/**
 * Runs `insert` (new encounters only, ids above `afterId`) with the encounters' day-version
 * triggers off, then gives each arrival day of the new rows a new version, set-based. Call
 * inside the import's transaction.
 */
export function insertWithoutDayVersions<T>(db: Database, afterId: number, insert: () => T): T {
  const result = withoutTriggers(db, triggersNamed(db, 'report_day_encounter_*'), insert);
  db.prepare(
    `INSERT INTO report_day_versions (day, v)
     SELECT day, random() >> 11
       FROM (SELECT DISTINCT arrived_at / 86400000 - (arrived_at % 86400000 < 0) AS day
               FROM encounters WHERE id > ? AND arrived_at IS NOT NULL)
      WHERE true
     ON CONFLICT (day) DO UPDATE SET v = excluded.v`,
  ).run(afterId);
  return result;
}
