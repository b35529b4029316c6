import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { DatabaseFileError } from './errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

export interface MigrateOptions {
  /** Where pre-migration copies go (default: `<db folder>/backups`). */
  backupDir?: string;
  migrations?: readonly Migration[];
  now?: () => number;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A file written by a newer Handoff is refused before anything (even WAL mode) touches it. */
export function assertNotNewer(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const latest =
    migrations === MIGRATIONS ? LATEST_VERSION : (migrations[migrations.length - 1]?.version ?? 0);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new DatabaseFileError(
      'newer_version',
      `This database was written by a newer Handoff (schema version ${current}); this copy understands up to version ${latest}. ` +
        'Install the newer Handoff, or restore a backup made by this version. Nothing was changed.',
    );
  }
  return current;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/**
 * Applies every pending step in one transaction. A file written by a newer Handoff is refused
 * (its schema would be misread), and a copy is taken before touching an existing database.
 */
export function migrate(
  db: Database,
  file: string,
  options: MigrateOptions = {},
): { from: number; to: number; backup: string | null } {
  const migrations = options.migrations ?? MIGRATIONS;
  const current = assertNotNewer(db, migrations);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current, backup: null };

  let backup: string | null = null;
  if (current > 0 && file !== ':memory:') {
    const dir = options.backupDir ?? path.join(path.dirname(file), 'backups');
    fs.mkdirSync(dir, { recursive: true });
    backup = path.join(
      dir,
      `before-migration-v${current}-${stamp((options.now ?? Date.now)())}.db`,
    );
    db.exec(`VACUUM INTO '${backup.replace(/'/g, "''")}'`);
    fs.chmodSync(backup, 0o600);
    // Like every backup, the copy counts only once integrity_check passes on it.
    db.prepare('ATTACH DATABASE ? AS premigration_copy').run(backup);
    let check: unknown;
    try {
      check = db.pragma('premigration_copy.integrity_check', { simple: true });
    } finally {
      db.exec('DETACH DATABASE premigration_copy');
    }
    if (check !== 'ok') {
      throw new DatabaseFileError(
        'migration_failed',
        `The copy taken before updating the database did not verify (${String(check)}); nothing was changed.`,
      );
    }
  }
  const run = db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  try {
    run();
  } catch (err) {
    throw new DatabaseFileError(
      'migration_failed',
      `Updating the database from version ${current} failed and was rolled back: ${(err as Error).message}` +
        (backup ? ` A copy was kept at ${backup}.` : ''),
    );
  }
  return { from: current, to: pending[pending.length - 1]!.version, backup };
}
