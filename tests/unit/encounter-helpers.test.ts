import { describe, expect, it } from 'vitest';
import { formatReference } from '../../db/encounters';
import {
  hashKioskCode,
  newKioskCode,
  normalizeKioskCode,
} from '../../server/encounters/kiosk-codes';
import { startOfDayIn, startOfNextDayIn, yearIn } from '../../server/encounters/time';

describe('facility-day ranges', () => {
  it('a day is 00:00 to 00:00 in the facility zone, 23 or 25 hours across DST', () => {
    const la = 'America/Los_Angeles';
    expect(new Date(startOfDayIn('2026-03-08', la)).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfNextDayIn('2026-03-08', la) - startOfDayIn('2026-03-08', la)).toBe(23 * 3600_000);
    expect(startOfNextDayIn('2026-11-01', la) - startOfDayIn('2026-11-01', la)).toBe(25 * 3600_000);
    expect(new Date(startOfDayIn('2026-03-08', 'America/Phoenix')).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('the reference year is the facility year', () => {
    const newYearUtc = Date.UTC(2027, 0, 1, 3, 0); // still 31 Dec 2026 in Phoenix
    expect(yearIn(newYearUtc, 'America/Phoenix')).toBe(2026);
    expect(yearIn(newYearUtc, 'Europe/Berlin')).toBe(2027);
    expect(formatReference(2026, 123)).toBe('H-2026-00123');
    expect(formatReference(2026, 123456)).toBe('H-2026-123456');
  });

  it('the year stays right at both edges of a year already looked up, in any zone', () => {
    const phoenix = 'America/Phoenix'; // UTC-7 all year
    const start2026 = Date.UTC(2026, 0, 1, 7, 0);
    const start2027 = Date.UTC(2027, 0, 1, 7, 0);
    expect(yearIn(Date.UTC(2026, 5, 1), phoenix)).toBe(2026);
    expect(yearIn(start2026, phoenix)).toBe(2026);
    expect(yearIn(start2026 - 1, phoenix)).toBe(2025);
    expect(yearIn(start2027 - 1, phoenix)).toBe(2026);
    expect(yearIn(start2027, phoenix)).toBe(2027);
    expect(yearIn(start2027 - 1, phoenix)).toBe(2026);
    // Same instant, another zone: not the year remembered for Phoenix.
    expect(yearIn(start2027 - 1, 'UTC')).toBe(2027);
    expect(yearIn(start2027 - 1, phoenix)).toBe(2026);
  });
});

describe('kiosk codes', () => {
  it('are 12 unambiguous characters in three groups', () => {
    const codes = new Set(Array.from({ length: 200 }, newKioskCode));
    expect(codes.size).toBe(200);
    for (const c of codes)
      expect(c).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it('match however they are typed', () => {
    expect(normalizeKioskCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(hashKioskCode('abcd efgh-jkmn')).toBe(hashKioskCode('ABCD-EFGH-JKMN'));
    expect(hashKioskCode('ABCD-EFGH-JKMN')).not.toBe(hashKioskCode('ABCD-EFGH-JKMP'));
  });
});
