import { describe, expect, it } from 'vitest';
import {
  csvLine,
  isoTimeFormatter,
  parseEncounterRecord,
  parseIsoTime,
  personKey,
  CSV_COLUMNS,
  type CsvColumn,
} from '../../core/csv/encounter-csv';
import { percent, percentileCont, roundTo } from '../../core/reports/figures';
import { offsetSegments, resolveRange } from '../../core/reports/range';

describe('percentiles (PERCENTILE_CONT, numpy default)', () => {
  it('interpolates between the closest ranks', () => {
    // numpy.percentile([1, 2, 3, 4], [50, 90]) → 2.5, 3.7
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
    // numpy.percentile([1, 3, 10, 20, 50], 90) → 38.0
    expect(percentileCont([1, 3, 10, 20, 50], 0.9)).toBeCloseTo(38, 12);
  });
});

describe('rounding', () => {
  it('2 decimals for numbers, 1 for percentages, half away from zero, float noise ignored', () => {
    expect(roundTo(20.574999999999996, 2)).toBe(20.58);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.345, 2)).toBe(-2.35);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('ranges in the facility zone', () => {
  it('refuses an end before the start, more than 5 years, and non-dates', () => {
    expect(() => resolveRange('2026-03-02', '2026-03-01', 'UTC')).toThrow(/before the start/);
    expect(() => resolveRange('2021-01-01', '2026-01-01', 'UTC')).toThrow(/longer than 5 years/);
    expect(() => resolveRange('2021-01-01', '2025-12-31', 'UTC')).not.toThrow();
    expect(() => resolveRange('2026-13-01', '2026-12-01', 'UTC')).toThrow(/not a date/);
  });
  it('finds DST transitions to the minute', () => {
    const r = resolveRange('2026-01-01', '2026-12-31', 'America/Denver');
    const segs = offsetSegments('America/Denver', r.startMs, r.endMs);
    expect(segs.map((s) => s.offsetMin)).toEqual([-420, -360, -420]);
    expect(new Date(segs[0]!.untilMs).toISOString()).toBe('2026-03-08T09:00:00.000Z');
    expect(new Date(segs[1]!.untilMs).toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(offsetSegments('America/Phoenix', r.startMs, r.endMs)).toHaveLength(1);
  });
});

describe('encounter CSV v1 cells', () => {
  it('reads ISO 8601 times with an offset only', () => {
    expect(parseIsoTime('2026-03-08T02:15:00-07:00')).toBe(Date.parse('2026-03-08T09:15:00Z'));
    expect(parseIsoTime('2026-03-08t09:15:00.5z')).toBe(Date.parse('2026-03-08T09:15:00.500Z'));
    expect(parseIsoTime('2026-03-08T02:15:00')).toBeNull();
    expect(parseIsoTime('03/08/2026 2:15')).toBeNull();
  });
  it('writes times in the facility zone, milliseconds only when present', () => {
    const fmt = isoTimeFormatter('America/Denver');
    expect(fmt(Date.parse('2026-03-08T08:50:00Z'))).toBe('2026-03-08T01:50:00-07:00');
    expect(fmt(Date.parse('2026-03-08T09:05:00.250Z'))).toBe('2026-03-08T03:05:00.250-06:00');
    expect(isoTimeFormatter('UTC')(0)).toBe('1970-01-01T00:00:00+00:00');
  });
  it('quotes only what RFC 4180 needs', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', ''])).toBe('a,"b,c","say ""hi""","x\ny",\r\n');
  });
  it('lists every problem of a row', () => {
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>;
    const r = parseEncounterRecord(
      { ...cells, referral_source: 'ems', arrived_at: 'soon', cit_trained: 'Y' },
      Date.now(),
      '2026-01-01',
    );
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toEqual(['cit_trained', 'arrived_at']);
  });
  it('takes no time outside 2000–2099, and quotes a long bad cell only in part', () => {
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>;
    const r = parseEncounterRecord(
      {
        ...cells,
        referral_source: 'ems',
        arrived_at: '1969-12-31T17:00:00-07:00',
        cit_trained: 'y'.repeat(5000),
      },
      Date.now(),
      '2026-01-01',
    );
    const reasons = r.ok ? {} : Object.fromEntries(r.errors.map((e) => [e.column, e.reason]));
    expect(reasons).toMatchObject({ arrived_at: /outside the years 2000 to 2099/ });
    expect(reasons.cit_trained!.length).toBeLessThan(120);
  });
  it('person key: all three known, trimmed, case-insensitive', () => {
    expect(personKey(' Ana ', 'RUIZ', '1990-01-02')).toBe('ana|ruiz|1990-01-02');
    expect(personKey('Ana', 'Ruiz', null)).toBeNull();
    expect(personKey('', 'Ruiz', '1990-01-02')).toBeNull();
  });
});
