import type { Database } from 'better-sqlite3';

export const FULL_EXPORT_ACTION = 'encounters.export';
export const DEIDENTIFIED_EXPORT_ACTION = 'encounters.exportDeidentified';

/**
 * The rows an export carries (every encounter with an arrival, as iterateEncountersForExport).
 * All encounters less those without an arrival: a bare count(*) is one walk of the index's pages
 * counting cells, while `WHERE arrived_at IS NOT NULL` steps through every entry (two million VM
 * steps at 1M, ~2.5 ms per 200,000 rows), which was most of the first export page's time
 * (bench/RESULTS.md). The ones without an arrival (expected calls) are a short seek of NULLs.
 */
export function exportableEncounterCount(db: Database): number {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM encounters)
            - (SELECT count(*) FROM encounters WHERE arrived_at IS NULL)`,
    )
    .pluck()
    .get() as number;
}

export interface ExportAuditRow {
  at: number;
  username: string | null;
  action: string;
  detail: string | null;
}

/** Who exported what and why: the export rows of the audit log, newest first. */
export function exportAuditRows(db: Database, limit = 500): ExportAuditRow[] {
  return db
    .prepare(
      `SELECT at, username, action, detail FROM audit_log
        WHERE entity = 'encounters' AND action IN (?, ?) ORDER BY id DESC LIMIT ?`,
    )
    .all(FULL_EXPORT_ACTION, DEIDENTIFIED_EXPORT_ACTION, limit) as ExportAuditRow[];
}
