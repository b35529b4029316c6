import { tzOffset } from '@date-fns/tz';
import { quote } from '../messages';
import { isInTimeWindow } from '../schemas/common';
import {
  DECLINE_REASONS,
  DISPOSITIONS,
  LEGAL_STATUSES,
  MEDICAL_RED_FLAGS,
  PRESENTING_CONCERNS,
  REFERRAL_SOURCES,
  UNIT_KINDS,
  isPoliceSource,
} from '../vocab';
import { ENCOUNTER_TEXT_MAX as MAX } from '../schemas/encounters';

/**
 * Encounter CSV v1 (docs/encounter-csv.md): the columns, in export order. The names
 * are also the encounters table's column names, so a row maps to the table one to one.
 */
export const CSV_COLUMNS = [
  'reference',
  'referral_source',
  'agency',
  'officer_name',
  'badge_number',
  'cit_trained',
  'co_responder',
  'probable_cause',
  'diverted_from_arrest',
  'first_name',
  'last_name',
  'date_of_birth',
  'estimated_age',
  'gender',
  'preferred_language',
  'legal_status',
  'presenting_concerns',
  'medical_red_flags',
  'weapons_search_done',
  'arrived_at',
  'officer_released_at',
  'declined_at',
  'decline_reason',
  'unit_kind',
  'bed_label',
  'discharged_at',
  'disposition',
  'notes',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A row as stored: booleans 0/1, times epoch ms, lists joined by ';', no value = null. */
export type EncounterRecord = { [K in CsvColumn]: string | number | null };

type Kind =
  | { t: 'text'; max: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'list'; values: readonly string[] }
  | { t: 'date' }
  | { t: 'age' }
  | { t: 'time' };

const text = (max = 200): Kind => ({ t: 'text', max });
const BOOL: Kind = { t: 'bool' };
const TIME: Kind = { t: 'time' };

export const COLUMN_KINDS: Record<CsvColumn, Kind> = {
  reference: text(40),
  referral_source: { t: 'enum', values: REFERRAL_SOURCES },
  agency: text(MAX.agency),
  officer_name: text(MAX.officerName),
  badge_number: text(MAX.badgeNumber),
  cit_trained: BOOL,
  co_responder: BOOL,
  probable_cause: BOOL,
  diverted_from_arrest: BOOL,
  first_name: text(MAX.firstName),
  last_name: text(MAX.lastName),
  date_of_birth: { t: 'date' },
  estimated_age: { t: 'age' },
  gender: text(MAX.gender),
  preferred_language: text(MAX.preferredLanguage),
  legal_status: { t: 'enum', values: LEGAL_STATUSES },
  presenting_concerns: { t: 'list', values: PRESENTING_CONCERNS },
  medical_red_flags: { t: 'list', values: MEDICAL_RED_FLAGS },
  weapons_search_done: BOOL,
  arrived_at: TIME,
  officer_released_at: TIME,
  declined_at: TIME,
  decline_reason: { t: 'enum', values: DECLINE_REASONS },
  unit_kind: { t: 'enum', values: UNIT_KINDS },
  bed_label: text(50),
  discharged_at: TIME,
  disposition: { t: 'enum', values: DISPOSITIONS },
  notes: text(MAX.notes),
};

export interface CellError {
  column: CsvColumn | null;
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// Times

const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[m - 1] ?? 0;
}

/** Digits at s[i..i+n) as a number, or -1 when any is not a digit. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function toEpoch(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  ms: number,
  offsetMin: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || sec > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

/** ISO 8601 with an offset → epoch ms; null when malformed. A time without offset is ambiguous. */
export function parseIsoTime(s: string): number | null {
  // Fast path for what export writes (`2026-03-08T02:15:00-07:00`): a 100k-row import parses
  // four times per row, and the general expression below costs several times more.
  if (s.length === 25 && s[4] === '-' && s[7] === '-' && (s[10] === 'T' || s[10] === 't')) {
    const sign = s[19];
    if (s[13] === ':' && s[16] === ':' && s[22] === ':' && (sign === '+' || sign === '-')) {
      const parts = [
        digitsAt(s, 0, 4),
        digitsAt(s, 5, 2),
        digitsAt(s, 8, 2),
        digitsAt(s, 11, 2),
        digitsAt(s, 14, 2),
        digitsAt(s, 17, 2),
        digitsAt(s, 20, 2),
        digitsAt(s, 23, 2),
      ];
      if (parts.every((p) => p >= 0)) {
        const [y, mo, d, h, mi, sec, oh, om] = parts as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        if (oh > 18 || om > 59) return null;
        return toEpoch(y, mo, d, h, mi, sec, 0, (sign === '-' ? -1 : 1) * (oh * 60 + om));
      }
    }
  }
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6) : 0;
  let offsetMin = 0;
  const z = m[8]!;
  if (z.toUpperCase() !== 'Z') {
    const digits = z.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 18 || om > 59) return null;
    offsetMin = (digits[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return toEpoch(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    m[6] ? Number(m[6]) : 0,
    ms,
    offsetMin,
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Formats instants in one time zone as `2026-03-08T02:15:00-07:00` (milliseconds only when
 * present, so what was imported is written back byte for byte). Offsets are cached per quarter
 * hour: every zone's transitions fall on quarter hours, and Intl lookups dominate a 1M-row export.
 */
export function isoTimeFormatter(timeZone: string): (ms: number) => string {
  const cache = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / 900_000);
    let off = cache.get(bucket);
    if (off === undefined) {
      if (cache.size > 100_000) cache.clear();
      off = tzOffset(timeZone, new Date(ms));
      cache.set(bucket, off);
    }
    const local = new Date(ms + off * 60_000);
    const frac = local.getUTCMilliseconds();
    const abs = Math.abs(off);
    return (
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      (frac ? `.${pad(frac, 3)}` : '') +
      `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a row

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseCell(col: CsvColumn, raw: string): { value: string | number | null } | string {
  const kind = COLUMN_KINDS[col];
  const v = raw.trim();
  if (v === '') return { value: null };
  switch (kind.t) {
    case 'text':
      return v.length > kind.max ? `longer than ${kind.max} characters` : { value: v };
    case 'bool': {
      const b = v.toLowerCase();
      if (b === 'true') return { value: 1 };
      if (b === 'false') return { value: 0 };
      return `${quote(v)} is not true or false`;
    }
    case 'enum': {
      const e = v.toLowerCase();
      return kind.values.includes(e)
        ? { value: e }
        : `unknown value ${quote(v)} (expected one of: ${kind.values.join(', ')})`;
    }
    case 'list': {
      const items = v.split(';').map((s) => s.trim().toLowerCase());
      const bad = items.filter((s) => !kind.values.includes(s));
      if (bad.length)
        return `unknown value ${quote(bad[0]!)} (expected values from: ${kind.values.join(', ')}, joined by ;)`;
      return { value: [...new Set(items)].join(';') };
    }
    case 'date': {
      const m = DATE_RE.exec(v);
      if (
        !m ||
        Number(m[2]) < 1 ||
        Number(m[2]) > 12 ||
        Number(m[3]) < 1 ||
        Number(m[3]) > daysInMonth(Number(m[1]), Number(m[2]))
      )
        return `${quote(v)} is not a date (YYYY-MM-DD)`;
      return { value: v };
    }
    case 'age': {
      if (!/^\d{1,3}$/.test(v) || Number(v) > 120) return `${quote(v)} is not an age from 0 to 120`;
      return { value: Number(v) };
    }
    case 'time': {
      const ms = parseIsoTime(v);
      if (ms === null)
        return `${quote(v)} is not a time with an offset (e.g. 2026-03-08T02:15:00-07:00)`;
      // The API's window (core/schemas/common.ts): an import takes no time the API would refuse.
      return isInTimeWindow(ms) ? { value: ms } : `${quote(v)} is outside the years 2000 to 2099`;
    }
  }
}

/** How far ahead of "now" an arrival may be (clock drift between desks). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Validates one CSV record (cells by column name) into a stored row, or lists every problem.
 * Lenient only where spreadsheet programs rewrite a file (letter case, surrounding spaces),
 * never about meaning.
 */
export function parseEncounterRecord(
  cells: Readonly<Record<CsvColumn, string>>,
  now: number,
  todayInZone: string,
): { ok: true; row: EncounterRecord } | { ok: false; errors: CellError[] } {
  const errors: CellError[] = [];
  const row = {} as EncounterRecord;
  for (const col of CSV_COLUMNS) {
    const r = parseCell(col, cells[col] ?? '');
    if (typeof r === 'string') {
      errors.push({ column: col, reason: r });
      row[col] = null;
    } else row[col] = r.value;
  }
  const err = (column: CsvColumn, reason: string) => {
    if (!errors.some((e) => e.column === column)) errors.push({ column, reason });
  };
  const t = (c: CsvColumn) => row[c] as number | null;
  if (row.referral_source === null && !errors.some((e) => e.column === 'referral_source'))
    err('referral_source', 'required');
  if (t('arrived_at') === null && !errors.some((e) => e.column === 'arrived_at'))
    err('arrived_at', 'required');
  const arrived = t('arrived_at');
  if (arrived !== null) {
    if (arrived > now + FUTURE_TOLERANCE_MS) err('arrived_at', 'more than 5 minutes in the future');
    for (const [col, what] of [
      ['officer_released_at', 'release'],
      ['declined_at', 'decline'],
      ['discharged_at', 'discharge'],
    ] as const) {
      const v = t(col);
      if (v !== null && v < arrived) err(col, `${what} before arrival`);
    }
  }
  if (row.referral_source !== null && isPoliceSource(String(row.referral_source)) && !row.agency)
    err('agency', 'required for a police drop-off');
  if (t('declined_at') !== null && row.decline_reason === null)
    err('decline_reason', 'required when declined_at is given');
  if (row.decline_reason !== null && t('declined_at') === null)
    err('declined_at', 'required when decline_reason is given');
  if (t('declined_at') !== null && t('discharged_at') !== null)
    err('discharged_at', 'a declined encounter cannot also be discharged');
  if (t('discharged_at') !== null && row.disposition === null)
    err('disposition', 'required when discharged_at is given');
  if (row.disposition !== null && t('discharged_at') === null)
    err('discharged_at', 'required when disposition is given');
  if (row.date_of_birth !== null) {
    const dob = String(row.date_of_birth);
    if (dob > todayInZone) err('date_of_birth', 'in the future');
    else if (dob < '1900-01-01') err('date_of_birth', 'before 1900');
  }
  return errors.length ? { ok: false, errors } : { ok: true, row };
}

/** The repeat-visit key: lower(trim(first))|lower(trim(last))|dob when all three are known. */
export function personKey(
  first: string | null | undefined,
  last: string | null | undefined,
  dob: string | null | undefined,
): string | null {
  const f = first?.trim().toLowerCase();
  const l = last?.trim().toLowerCase();
  if (!f || !l || !dob) return null;
  return `${f}|${l}|${dob}`;
}

// ---------------------------------------------------------------------------------------------
// Writing a row

/** A stored row → its CSV cells, strictly in the documented formats. */
export function encounterToCells(
  row: Readonly<Record<CsvColumn, unknown>>,
  formatTime: (ms: number) => string,
): string[] {
  return CSV_COLUMNS.map((col) => {
    const v = row[col];
    if (v === null || v === undefined) return '';
    switch (COLUMN_KINDS[col].t) {
      case 'bool':
        return v ? 'true' : 'false';
      case 'time':
        return formatTime(Number(v));
      default:
        return String(v);
    }
  });
}

/** RFC 4180 quoting: only cells holding a comma, quote or line break (or edge spaces) are quoted. */
export function csvCell(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const CSV_HEADER_LINE = csvLine(CSV_COLUMNS);
