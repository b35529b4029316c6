import type { Database } from 'better-sqlite3';
import { CSV_COLUMNS, personKey, type EncounterRecord } from '../core/csv/encounter-csv';
import { batchInserter } from './batch-insert';
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
    return `H-${year}-${String(n).padStart(5, '0')}`;
  };
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
  insertWithoutRollupTriggers(db, () => {
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
  });
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
