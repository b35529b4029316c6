import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { parseArrivalText } from '../../renderer/handoff/arrival-time';

const TZ = 'America/Phoenix';
// 2026-03-10 14:40 in Phoenix (UTC−7, no daylight saving).
const NOW = new TZDate(2026, 2, 10, 14, 40, TZ).getTime();
const at = (d: number, h: number, mi: number) => new TZDate(2026, 2, d, h, mi, TZ).getTime();

describe('the arrival-time field', () => {
  it('reads empty as "use the clock", now as now, -N as N minutes ago', () => {
    expect(parseArrivalText('  ', NOW, TZ)).toEqual({ kind: 'empty' });
    expect(parseArrivalText('now', NOW, TZ)).toEqual({ kind: 'time', at: NOW });
    expect(parseArrivalText('Ahora', NOW, TZ)).toEqual({ kind: 'time', at: NOW });
    expect(parseArrivalText('-5', NOW, TZ)).toEqual({ kind: 'time', at: NOW - 5 * 60_000 });
    expect(parseArrivalText('- 90', NOW, TZ)).toEqual({ kind: 'time', at: NOW - 90 * 60_000 });
  });

  it('reads a 24-hour time as today in the facility zone, or yesterday if later than now', () => {
    expect(parseArrivalText('14:32', NOW, TZ)).toEqual({ kind: 'time', at: at(10, 14, 32) });
    expect(parseArrivalText('0905', NOW, TZ)).toEqual({ kind: 'time', at: at(10, 9, 5) });
    // Up to 5 minutes ahead is today (clocks differ); later is last night.
    expect(parseArrivalText('14:44', NOW, TZ)).toEqual({ kind: 'time', at: at(10, 14, 44) });
    expect(parseArrivalText('23:50', NOW, TZ)).toEqual({ kind: 'time', at: at(9, 23, 50) });
  });

  it('refuses what is not a time', () => {
    for (const bad of ['25:00', '12:60', 'noon', '2:5', '-2000', '1:2:3', '+5'])
      expect(parseArrivalText(bad, NOW, TZ), bad).toEqual({ kind: 'invalid' });
  });
});
