import fs from 'node:fs';
import path from 'node:path';
import { CSV_COLUMNS, csvLine, type CsvColumn } from '../../core/csv/encounter-csv';
import { testBackend, tempDir, type TestBackend } from './backend';

export type CsvRowSpec = Partial<Record<CsvColumn, string>>;

/** An encounter CSV v1 text from sparse rows (unnamed cells empty), header in `columns` order. */
export function csvText(rows: readonly CsvRowSpec[], columns: readonly string[] = CSV_COLUMNS) {
  return (
    csvLine(columns) +
    rows.map((r) => csvLine(columns.map((c) => r[c as CsvColumn] ?? ''))).join('')
  );
}

export function writeTemp(content: string | Buffer, name = 'encounters.csv'): string {
  const file = path.join(tempDir('handoff-csv-'), name);
  fs.writeFileSync(file, content);
  return file;
}

/** A set-up backend whose facility is in `timeZone` (reports are computed in it). */
export async function backendInZone(timeZone: string, dataDir?: string) {
  const t: TestBackend = testBackend(dataDir);
  const s = await t.must('setup.create', {
    facility: { name: 'Fixture Crisis Center', timeZone },
    admin: { displayName: 'Ada Admin', username: 'ada', password: 'correct horse battery' },
  });
  const admin = t.user(s.user!.id);
  return { t, admin };
}

/** The import tests' desk: in Phoenix, on 15 June 2026, after every visit their files hold. */
export async function importBackend() {
  const b = await backendInZone('America/Phoenix');
  b.t.clock.set(Date.parse('2026-06-15T12:00:00Z'));
  return b;
}
