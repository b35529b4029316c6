import { CSV_COLUMNS, csvLine, type CsvColumn } from './encounter-csv';

/**
 * The de-identified encounter CSV (county and funder reporting): every column of Encounter CSV v1
 * except the ones that name or single out a person or an officer. No names, no birth date (the
 * age at arrival instead, 90 and over as "90+" as HIPAA's Safe Harbor asks), no free text, no
 * officer name or badge, no reference (a record number is an identifier).
 */
/** The Encounter CSV v1 columns a de-identified export never carries. */
export const IDENTIFYING_COLUMNS = [
  'reference',
  'officer_name',
  'badge_number',
  'first_name',
  'last_name',
  'date_of_birth',
  'estimated_age',
  'bed_label',
  'notes',
] as const satisfies readonly CsvColumn[];

export type DeidentifiedColumn =
  Exclude<CsvColumn, (typeof IDENTIFYING_COLUMNS)[number]> | 'age_at_arrival';

const identifying: ReadonlySet<CsvColumn> = new Set(IDENTIFYING_COLUMNS);

/** Encounter CSV v1's order, the identifying columns out and the age where the names began. */
export const DEIDENTIFIED_COLUMNS: readonly DeidentifiedColumn[] = CSV_COLUMNS.flatMap(
  (c): DeidentifiedColumn[] =>
    c === 'first_name' ? ['age_at_arrival'] : identifying.has(c) ? [] : [c as DeidentifiedColumn],
);

export const DEIDENTIFIED_HEADER_LINE = csvLine(DEIDENTIFIED_COLUMNS);

/** Whole years from a YYYY-MM-DD birth date to the arrival's facility day (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!b || !d) return null;
  let age = Number(d[1]) - Number(b[1]);
  if (d[2]! + d[3]! < b[2]! + b[3]!) age--;
  return age >= 0 ? age : null;
}

export const ageCell = (age: number | null): string =>
  age === null ? '' : age >= 90 ? '90+' : String(age);

/**
 * One de-identified line from an encounter's v1 cells (by column name): `cells` is what
 * encounterToCells made, so booleans, lists and times read exactly as in the full export.
 */
export function deidentifiedLine(cells: Readonly<Record<CsvColumn, string>>): string {
  const age = cells.date_of_birth
    ? ageOn(cells.date_of_birth, cells.arrived_at)
    : cells.estimated_age
      ? Number(cells.estimated_age)
      : null;
  return csvLine(
    DEIDENTIFIED_COLUMNS.map((c) => (c === 'age_at_arrival' ? ageCell(age) : cells[c])),
  );
}
