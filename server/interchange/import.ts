import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import {
  CSV_COLUMNS,
  parseEncounterRecord,
  type CsvColumn,
  type EncounterRecord,
} from '../../core/csv/encounter-csv';
import { msg, type Message } from '../../core/messages';
import { CsvReader, CsvSyntaxError, type CsvRecord } from '../../core/csv/reader';
import { localDay } from '../../core/reports/range';
import type { ImportReport, ImportRowError } from '../../core/contract/interchange';
import { appendAudit } from '../../db/audit';
import { existingReferences, insertImportedEncounters } from '../../db/encounter-import';
import { getFacility } from '../../db/facility';
import { withPageCache } from '../../db/tx';
import { notifyChange, type AppContext } from '../context';

/** Files above this are refused from their size alone (1M encounters export to about 300 MB). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

/** "The file is 1.2 GB; the import takes files up to 1 GB…" */
export const fileTooLarge = (size: number): Message =>
  msg('fileTooLarge', { size: (size / 1024 ** 3).toFixed(1), max: MAX_IMPORT_BYTES / 1024 ** 3 });
/** Listed row errors are capped (the count is not): a wholly wrong file must not flood the UI. */
export const MAX_LISTED_ERRORS = 1000;

/** A file the import cannot read at all: nothing is imported. */
export class ImportFileError extends Error {
  /** The message's key and params, for the UI's language (core/messages.ts). */
  readonly coded: Message;
  constructor(message: Message) {
    super(message.text);
    this.coded = message;
  }
}

export type ImportMode = 'dry_run' | 'all_or_nothing' | 'valid_only';

/**
 * Passes text on only if the bytes are UTF-8 (a spreadsheet saved as "CSV (Windows-1252)" or
 * UTF-16 is refused rather than imported with mangled names) and not a binary file.
 */
class Utf8Check extends Transform {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private first = true;
  constructor() {
    super({ decodeStrings: true, readableObjectMode: false });
    this.setEncoding('utf8');
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    if (this.first) {
      this.first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        return done(new ImportFileError(msg('fileUtf16')));
    }
    if (chunk.includes(0)) return done(new ImportFileError(msg('fileBinary')));
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(new ImportFileError(msg('fileNotUtf8')));
    }
    done(null, text);
  }
  override _flush(done: TransformCallback) {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new ImportFileError(msg('fileNotUtf8End')));
    }
  }
}

/** Header cells → column positions; unknown, missing or repeated names refuse the file. */
function readHeader(cells: string[]): Map<CsvColumn, number> {
  const map = new Map<CsvColumn, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      unknown.push(raw.trim() || `(empty, column ${i + 1})`);
    else if (map.has(name as CsvColumn)) repeated.push(name);
    else map.set(name as CsvColumn, i);
  });
  const missing = CSV_COLUMNS.filter((c) => !map.has(c));
  const problems: string[] = [];
  if (unknown.length)
    problems.push(`unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  if (repeated.length)
    problems.push(`repeated column${repeated.length > 1 ? 's' : ''}: ${repeated.join(', ')}`);
  if (missing.length)
    problems.push(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (problems.length) {
    throw new ImportFileError(msg('fileNotHeader', { problems: problems.join('; ') }));
  }
  return map;
}

export interface ImportOptions {
  mode: ImportMode;
  userId: number | null;
  username: string | null;
  /** Called now and then with the number of data rows read so far. */
  onProgress?: (rows: number) => void;
}

/**
 * Imports an encounter CSV v1 file: reads and validates every row (streaming), then writes the
 * rows in ONE transaction, or nothing: a dry run writes nothing; with any bad row nothing is
 * written unless `valid_only`. Row errors name the file line, the column and the reason.
 */
export async function importEncounterCsv(
  app: AppContext,
  file: string,
  options: ImportOptions,
): Promise<ImportReport> {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new ImportFileError(msg('cannotReadFile', { file }));
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportFileError(fileTooLarge(size));
  }
  if (size === 0) throw new ImportFileError(msg('fileEmpty'));

  const facility = getFacility(app.db);
  if (!facility) throw new ImportFileError(msg('setUpBeforeImport'));
  const timeZone = facility.timeZone;
  const now = app.clock.now();
  const today = localDay(now, timeZone);

  let valid: EncounterRecord[] = [];
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  let badRows = 0;
  let rows = 0;
  let header: Map<CsvColumn, number> | null = null;
  const seenRefs = new Map<string, number>();
  /** Reference → its row's position in `valid` (to drop it if the database has it already). */
  const validIndex = new Map<string, number>();
  const fail = (e: ImportRowError) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };

  const reader = new CsvReader();
  const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const utf8 = new Utf8Check();
  source.on('error', (e) => utf8.destroy(e));
  source.pipe(utf8);

  const handle = (rec: CsvRecord) => {
    const { cells, line } = rec;
    if (!header) {
      header = readHeader(cells);
      return;
    }
    if (cells.every((c) => c.trim() === '')) return; // a row of empty cells: spreadsheet residue
    rows++;
    if (rows % 5000 === 0) options.onProgress?.(rows);
    if (cells.length !== header.size) {
      badRows++;
      fail({
        line,
        column: null,
        reason: `has ${cells.length} cells; the header has ${header.size}`,
      });
      return;
    }
    const byName = {} as Record<CsvColumn, string>;
    for (const [col, i] of header) byName[col] = cells[i]!;
    const parsed = parseEncounterRecord(byName, now, today);
    const rowErrors = parsed.ok ? [] : parsed.errors;
    const ref = parsed.ok
      ? (parsed.row.reference as string | null)
      : byName.reference.trim() || null;
    if (ref !== null && !rowErrors.some((e) => e.column === 'reference')) {
      const earlier = seenRefs.get(ref);
      if (earlier !== undefined)
        rowErrors.push({
          column: 'reference',
          reason: `duplicate reference ${ref} (also on line ${earlier})`,
        });
      else seenRefs.set(ref, line);
    }
    if (rowErrors.length === 0 && parsed.ok) {
      if (ref !== null) validIndex.set(ref, valid.length);
      valid.push(parsed.row);
    } else {
      badRows++;
      for (const e of rowErrors) fail({ line, column: e.column, reason: e.reason });
    }
  };

  try {
    for await (const chunk of utf8 as AsyncIterable<string>) {
      for (const rec of reader.push(chunk)) handle(rec);
    }
    for (const rec of reader.end()) handle(rec);
  } catch (err) {
    source.destroy();
    if (err instanceof CsvSyntaxError) {
      throw new ImportFileError(msg('notReadableCsv', { reason: err.message }));
    }
    throw err;
  }
  if (!header) throw new ImportFileError(msg('fileEmpty'));
  options.onProgress?.(rows);

  // References already in the database, found with one query rather than one per row.
  const inDb = existingReferences(app.db, [...seenRefs.keys()]);
  if (inDb.size > 0) {
    const dropped = new Set<number>();
    for (const ref of inDb) {
      const idx = validIndex.get(ref);
      if (idx !== undefined) {
        dropped.add(idx);
        badRows++;
      }
      fail({
        line: seenRefs.get(ref)!,
        column: 'reference',
        reason: `duplicate reference: ${ref} is already in the database`,
      });
    }
    valid = valid.filter((_, i) => !dropped.has(i));
    errors.sort((a, b) => a.line - b.line);
  }

  const report: ImportReport = {
    mode: options.mode,
    rows,
    validRows: valid.length,
    invalidRows: badRows,
    errorCount,
    errors,
    imported: 0,
    firstReference: null,
  };
  if (options.mode === 'dry_run' || valid.length === 0) return report;
  if (badRows > 0 && options.mode !== 'valid_only') return report;

  const localYear = (ms: number) => Number(localDay(ms, timeZone).slice(0, 4));
  // A large transaction spills the default 2 MB page cache into the WAL again and again; a
  // bigger cache for the duration keeps index pages in memory (measured: ~2× faster at 100k).
  const result = app.db.transaction(() => {
    const r = insertImportedEncounters(app.db, valid, { now, userId: options.userId, localYear });
    appendAudit(app.db, {
      at: now,
      userId: options.userId,
      username: options.username,
      action: 'encounters.import',
      entity: 'encounters',
      detail: { rows, imported: r.inserted, skipped: badRows, mode: options.mode },
    });
    return r;
  });
  const written = withPageCache(app.db, 131072, result);
  notifyChange(app, ['encounters']);
  return { ...report, imported: written.inserted, firstReference: written.firstReference };
}
