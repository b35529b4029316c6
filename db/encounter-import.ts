import type { Database } from 'better-sqlite3';
import { CSV_COLUMNS, personKey, type EncounterRecord } from '../core/csv/encounter-csv';
import { batchInserter } from './batch-insert';
import { formatReference } from './encounters';
import { insertWithoutRollupTriggers } from './report-rollups';
import type { EncounterStatus } from '../core/vocab';

/** Which of these references the database has already (import refuses them as duplicates). */
export function existingReferences(db: Database, references: readonly string[]): Set<string> {
  if (references.length === 0) return new Set();
  const found = db
    .prepare('SELECT reference FROM encounters WHERE reference IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(references)) as string[];
  return new Set(found);
}

/** An imported row's status follows from its times (no live lifecycle ran for it). */
export function importedStatus(r: EncounterRecord): EncounterStatus {
  if (r.declined_at !== null) return 'declined';
  if (r.discharged_at !== null) return 'discharged';
  if (r.officer_released_at !== null) return 'accepted';
  return 'arrived';
}

const REF_RE = /^H-(\d{4})-(\d+)$/;

/**
 * Hands out `H-<year>-<5 digits>` references: per year, the highest number already used (in the
 * database or in this file) + 1, so numbers read in arrival order and never collide.
 */
function referenceAllocator(db: Database, givenInFile: readonly string[]) {
  const maxOf = db
    .prepare(
      `SELECT max(CAST(substr(reference, 8) AS INTEGER)) FROM encounters
        WHERE reference GLOB ('H-' || ? || '-[0-9]*')`,
    )
    .pluck();
  const next = new Map<number, number>();
  const fileMax = new Map<number, number>();
  for (const ref of givenInFile) {
    const m = REF_RE.exec(ref);
    if (m) {
      const y = Number(m[1]);
      fileMax.set(y, Math.max(fileMax.get(y) ?? 0, Number(m[2])));
    }
  }
  return (year: number): string => {
    let n = next.get(year);
    if (n === undefined) {
      const inDb = (maxOf.get(String(year)) as number | null) ?? 0;
      n = Math.max(inDb, fileMax.get(year) ?? 0) + 1;
    }
    next.set(year, n + 1);
    return formatReference(year, n);
  };
}

/**
 * Runs `load` (a bulk insert into encounters) with the table's non-unique indexes dropped, then
 * creates each again from its own SQL: CREATE INDEX sorts once, where row by row every new row is
 * a random insert into each of a dozen b-trees (100,000 imported rows: ~3.5 s of ~4 s of SQLite
 * time). Only worth it when `incoming` rows are at least as many as the rows already there (a
 * rebuild reads them all); otherwise `load` runs as is. Call inside the import's transaction: the
 * drop is rolled back with it, and no reader outside the transaction ever sees a missing index.
 * The query planner's statistics of those indexes (sqlite_stat1, dropped with an index) are put
 * back as they were, as row-by-row writes would have left them.
 */
export function withEncounterIndexesRebuilt<T>(db: Database, incoming: number, load: () => T): T {
  const existing = db.prepare('SELECT count(*) FROM encounters').pluck().get() as number;
  if (incoming < existing || incoming === 0) return load();
  const indexes = db
    .prepare(
      `SELECT m.name, m.sql FROM pragma_index_list('encounters') l
         JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name
        WHERE l."unique" = 0 AND l.origin = 'c' AND m.sql IS NOT NULL
        ORDER BY l.seq`,
    )
    .all() as { name: string; sql: string }[];
  const hasStats =
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
      .get() !== undefined;
  const stats = hasStats
    ? (db
        .prepare(
          `SELECT tbl, idx, stat FROM sqlite_stat1
            WHERE tbl = 'encounters' AND idx IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(indexes.map((ix) => ix.name))) as {
        tbl: string;
        idx: string;
        stat: string;
      }[])
    : [];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  const result = load();
  for (const ix of indexes) db.exec(ix.sql);
  if (stats.length > 0) {
    const put = db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (@tbl, @idx, @stat)');
    for (const s of stats) put.run(s);
  }
  return result;
}

export interface ImportMeta {
  now: number;
  userId: number | null;
  /** The year of an arrival in the facility's zone (references are numbered per local year). */
  localYear(ms: number): number;
}

/**
 * Inserts validated rows. Call inside the import's one transaction: either every row lands or,
 * on any failure, none does. Each row gets an `imported` event on its timeline.
 */
export function insertImportedEncounters(
  db: Database,
  rows: readonly EncounterRecord[],
  meta: ImportMeta,
): { inserted: number; firstReference: string | null } {
  const cols = [...CSV_COLUMNS, 'status', 'person_key', 'created_by', 'created_at', 'updated_at'];
  const insert = batchInserter(db, 'encounters', cols);
  const maxIdBefore = db
    .prepare('SELECT coalesce(max(id), 0) FROM encounters')
    .pluck()
    .get() as number;
  const allocate = referenceAllocator(
    db,
    rows.map((r) => r.reference).filter((r): r is string => typeof r === 'string'),
  );
  let firstReference: string | null = null;
  insertWithoutRollupTriggers(db, () =>
    withEncounterIndexesRebuilt(db, rows.length, () => {
      for (const r of rows) {
        const reference = r.reference ?? allocate(meta.localYear(r.arrived_at as number));
        firstReference ??= reference as string;
        const values: unknown[] = CSV_COLUMNS.map((c) => (c === 'reference' ? reference : r[c]));
        values.push(
          importedStatus(r),
          personKey(
            r.first_name as string | null,
            r.last_name as string | null,
            r.date_of_birth as string | null,
          ),
          meta.userId,
          meta.now,
          meta.now,
        );
        insert.add(values);
      }
      insert.flush();
    }),
  );
  // Every imported encounter's timeline starts with one "imported" event.
  db.prepare(
    `INSERT INTO encounter_events (encounter_id, at, user_id, kind, detail)
     SELECT id, ?, ?, 'imported', NULL FROM encounters WHERE id > ? ORDER BY id`,
  ).run(meta.now, meta.userId, maxIdBefore);
  return { inserted: rows.length, firstReference };
}

/** The export's rows: every encounter that arrived, oldest first (reference breaks ties). */
export function iterateEncountersForExport(
  db: Database,
  after: { arrivedAt: number; reference: string } | null = null,
  limit = -1,
): IterableIterator<EncounterRecord> {
  const where = after
    ? 'WHERE arrived_at IS NOT NULL AND (arrived_at, reference) > (@arrivedAt, @reference)'
    : 'WHERE arrived_at IS NOT NULL';
  return db
    .prepare(
      `SELECT ${CSV_COLUMNS.join(', ')} FROM encounters ${where}
        ORDER BY arrived_at, reference LIMIT @limit`,
    )
    .iterate({ ...(after ?? {}), limit }) as IterableIterator<EncounterRecord>;
}
