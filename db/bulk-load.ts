import type { Database } from 'better-sqlite3';
import { PERSON_TRIGGERS, rebuildPersonLists } from './person-lists';
import { REPORT_TRIGGERS, rebuildReportRollups } from './report-rollups';
import { loadWithoutDayVersions } from './report-day-versions';

/**
 * Loads a new database file in bulk (`handoff generate`): no journal, secondary indexes and the
 * rollup / person-list triggers dropped while `load` inserts, then built once (far cheaper than
 * row by row), the statistics gathered and a rollback journal left so the file stands alone.
 * Only for a file nobody else has open: a crash half-way leaves it unusable by design.
 */
export function loadInBulk(db: Database, load: () => void): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'encounters' AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[];
  db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
    // The report rollups' triggers too: counted once after the load (migration 0090).
    for (const name of Object.keys(REPORT_TRIGGERS)) db.exec(`DROP TRIGGER ${name}`);
    for (const name of Object.keys(PERSON_TRIGGERS)) db.exec(`DROP TRIGGER ${name}`);
    loadWithoutDayVersions(db, load);
    for (const ix of indexes) db.exec(ix.sql);
    rebuildReportRollups(db);
    for (const sql of Object.values(REPORT_TRIGGERS)) db.exec(sql);
    rebuildPersonLists(db); // migration 0110
    for (const sql of Object.values(PERSON_TRIGGERS)) db.exec(sql);
  })();
  db.exec('ANALYZE');
  db.pragma('journal_mode = DELETE');
}
