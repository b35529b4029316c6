import type { Database } from 'better-sqlite3';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Replaces every row of the live database with the rows of an attached copy of the same schema
 * version, in one transaction (readers see the old content or the new, never a mix). Used to
 * restore an encrypted backup: SQLite's backup API cannot write into a keyed connection, and the
 * app keeps its one connection and every prepared statement. Triggers are dropped for the copy
 * (the audit log's refuse deletes; the rollups' would count every row twice) and put back as
 * they were, in the same transaction.
 */
export function replaceContentFrom(db: Database, attached: string): void {
  const schema = (kind: string, where = 'main') =>
    db
      .prepare(
        `SELECT name, sql FROM ${quote(where)}.sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all(kind) as { name: string; sql: string }[];
  const liveTables = schema('table').map((t) => t.name);
  const copyTables = new Set(schema('table', attached).map((t) => t.name));
  const missing = liveTables.filter((t) => !copyTables.has(t));
  if (missing.length) throw new Error(`the copy has no table ${missing.join(', ')}`);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      const triggers = schema('trigger');
      for (const t of triggers) db.exec(`DROP TRIGGER ${quote(t.name)}`);
      for (const table of liveTables) {
        const cols = (db.pragma(`table_info(${quote(table)})`) as { name: string }[])
          .map((c) => quote(c.name))
          .join(', ');
        db.exec(`DELETE FROM main.${quote(table)}`);
        db.exec(
          `INSERT INTO main.${quote(table)} (${cols}) SELECT ${cols} FROM ${quote(attached)}.${quote(table)}`,
        );
      }
      const hasSequence = (where: string) =>
        db
          .prepare(`SELECT 1 FROM ${quote(where)}.sqlite_schema WHERE name = 'sqlite_sequence'`)
          .get() !== undefined;
      if (hasSequence('main')) {
        db.exec('DELETE FROM main.sqlite_sequence');
        if (hasSequence(attached))
          db.exec(
            `INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM ${quote(attached)}.sqlite_sequence`,
          );
      }
      for (const t of triggers) db.exec(t.sql);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`the copy breaks ${broken.length} references`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

/** replaceContentFrom, with the copy at `file` attached for the time of it. */
export function replaceContentFromFile(db: Database, file: string): void {
  db.prepare('ATTACH DATABASE ? AS restore_source').run(file);
  try {
    replaceContentFrom(db, 'restore_source');
  } finally {
    db.exec('DETACH DATABASE restore_source');
  }
}
