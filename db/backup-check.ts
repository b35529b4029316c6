import type { Database } from 'better-sqlite3';
import { LATEST_VERSION } from './migrations';

export interface CopyCheck {
  ok: boolean;
  schemaVersion: number;
  message: string;
}

/** SQLite says "file is not a database" for a copy encrypted with another key. */
const copyProblem = (err: Error): string =>
  /not a database/i.test(err.message)
    ? 'it was encrypted with another key, or it is not a Handoff database'
    : err.message;

/**
 * Checks a copy through the live connection (ATTACH), so no second native driver is needed:
 * `integrity_check`, a Handoff schema, a version this build understands. Also switches the copy to
 * a rollback journal so it is one self-contained file.
 */
export function checkCopy(
  db: Database,
  file: string,
  options: { integrity?: boolean } = {},
): CopyCheck {
  try {
    db.prepare('ATTACH DATABASE ? AS backup_check').run(file);
  } catch (err) {
    return { ok: false, schemaVersion: 0, message: copyProblem(err as Error) };
  }
  try {
    const rows =
      options.integrity === false
        ? []
        : (db.pragma('backup_check.integrity_check') as { integrity_check: string }[]);
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length)
      return {
        ok: false,
        schemaVersion: 0,
        message: `damaged: ${problems.slice(0, 3).join('; ')}`,
      };
    const version = db.pragma('backup_check.user_version', { simple: true }) as number;
    const tables = new Set(
      (
        db.prepare("SELECT name FROM backup_check.sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    if (version === 0 || !tables.has('audit_log') || !tables.has('users'))
      return { ok: false, schemaVersion: version, message: 'not a Handoff database' };
    if (version > LATEST_VERSION)
      return {
        ok: false,
        schemaVersion: version,
        message: `written by a newer Handoff (schema version ${version})`,
      };
    db.pragma('backup_check.journal_mode = DELETE');
    return { ok: true, schemaVersion: version, message: 'ok' };
  } catch (err) {
    return { ok: false, schemaVersion: 0, message: copyProblem(err as Error) };
  } finally {
    db.exec('DETACH DATABASE backup_check');
  }
}

/**
 * A copy of an encrypted database, encrypted with the same key: SQLite's backup API would need a
 * keyed destination it cannot be given.
 */
export function vacuumInto(db: Database, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}
