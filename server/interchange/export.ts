import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DEIDENTIFIED_HEADER_LINE, deidentifiedLine } from '../../core/csv/deidentified-csv';
import {
  CSV_COLUMNS,
  CSV_HEADER_LINE,
  type CsvColumn,
  csvLine,
  encounterToCells,
  isoTimeFormatter,
} from '../../core/csv/encounter-csv';
import { iterateEncountersForExport } from '../../db/encounter-import';
import type { Database } from 'better-sqlite3';

/**
 * Streams every encounter as CSV v1 into `out`, waiting whenever the destination is full, so a
 * million rows pass through with flat memory (one row at a time from the statement iterator).
 */
export async function writeEncounterCsv(
  db: Database,
  timeZone: string,
  out: Writable,
  format: ExportFormat = ENCOUNTER_CSV_V1,
): Promise<number> {
  const fmt = isoTimeFormatter(timeZone);
  let rows = 0;
  let pending = format.header;
  // Lines are batched into ~64 KB writes: one write per row costs more than the formatting.
  for (const r of iterateEncountersForExport(db)) {
    pending += format.line(encounterToCells(r, fmt));
    rows++;
    if (pending.length >= 65_536) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  if (pending) out.write(pending);
  return rows;
}

/** Writes the export to a file (0600: it holds people's data) and waits until it is on disk. */
export async function exportEncountersToFile(
  db: Database,
  timeZone: string,
  file: string,
  format: ExportFormat = ENCOUNTER_CSV_V1,
): Promise<number> {
  const out = fs.createWriteStream(file, { mode: 0o600 });
  const closed = once(out, 'close');
  try {
    const rows = await writeEncounterCsv(db, timeZone, out, format);
    out.end();
    await closed;
    return rows;
  } catch (err) {
    out.destroy();
    throw err;
  }
}

/** What a page writes: the full Encounter CSV v1, or the de-identified one (core/csv). */
export interface ExportFormat {
  header: string;
  line(cells: string[]): string;
}
export const ENCOUNTER_CSV_V1: ExportFormat = { header: CSV_HEADER_LINE, line: csvLine };
export const DEIDENTIFIED_CSV: ExportFormat = {
  header: DEIDENTIFIED_HEADER_LINE,
  line: (cells) =>
    deidentifiedLine(
      Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i] ?? ''])) as Record<
        CsvColumn,
        string
      >,
    ),
};

export const EXPORT_PAGE_ROWS = 10_000;
/**
 * A page ends after this much work once it holds EXPORT_PAGE_MIN_ROWS rows: the export runs on
 * the main thread between other desks' calls, and a read must not hold it longer than a frame
 * (16 ms budget; bench "reads"). 10,000 rows took ~125 ms at 1M encounters.
 */
export const EXPORT_PAGE_MS = 5;
export const EXPORT_PAGE_MIN_ROWS = 100;

/**
 * One page of the export for the UI's download (the client stitches pages into one file): up to
 * `limit` rows, fewer when the time budget ran out; `next` is where the following page starts
 * (null after the last row). Pages never change the file: the same rows in the same order.
 */
export function exportPage(
  db: Database,
  timeZone: string,
  after: { arrivedAt: number; reference: string } | null,
  limit = EXPORT_PAGE_ROWS,
  budgetMs = EXPORT_PAGE_MS,
  format: ExportFormat = ENCOUNTER_CSV_V1,
): { csv: string; rows: number; next: { arrivedAt: number; reference: string } | null } {
  const until = performance.now() + budgetMs;
  const fmt = isoTimeFormatter(timeZone);
  let csv = after ? '' : format.header;
  let rows = 0;
  let last: { arrivedAt: number; reference: string } | null = null;
  let full = false;
  const it = iterateEncountersForExport(db, after, limit);
  try {
    for (const r of it) {
      csv += format.line(encounterToCells(r, fmt));
      rows++;
      last = { arrivedAt: r.arrived_at as number, reference: r.reference as string };
      if (rows === limit) full = true;
      else if (rows >= EXPORT_PAGE_MIN_ROWS && rows % 50 === 0 && performance.now() > until) {
        full = true;
        break;
      }
    }
  } finally {
    it.return?.();
  }
  return { csv, rows, next: full ? last : null };
}
