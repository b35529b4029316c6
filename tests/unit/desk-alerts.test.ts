import { describe, expect, it } from 'vitest';
import type { WaitingOfficer } from '../../core/encounters/types';
import { detectAlerts, worstLevel } from '../../renderer/alerts/detect';

const MIN = 60_000;
const officer = (id: number, arrivedAt: number, fromKiosk = false): WaitingOfficer => ({
  id,
  reference: `H-2026-0000${id}`,
  referralSource: 'law_enforcement',
  agency: 'Tucson Police Department',
  officerName: `Officer ${id}`,
  badgeNumber: null,
  arrivedAt,
  initials: null,
  fromKiosk,
});

describe('desk alerts', () => {
  it('takes what is on the list at sign-in as the baseline', () => {
    const r = detectAlerts(null, [officer(1, 0, true), officer(2, -20 * MIN)], 0, 10);
    expect(r.alerts).toEqual([]);
    expect([...r.memory]).toEqual([
      [1, 'within'],
      [2, 'over'],
    ]);
  });

  it('alerts once for a kiosk check-in, once at 80 % and once at 100 % of the target', () => {
    let memory = detectAlerts(null, [], 0, 10).memory;
    const kiosk = officer(7, 0, true);
    const desk = officer(8, 0);
    const at = (now: number) => {
      const r = detectAlerts(memory, [kiosk, desk], now, 10);
      memory = r.memory;
      return r.alerts.map((a) => `${a.kind}:${a.id}`);
    };
    // Recorded at the desk (staff know): no alert; checked in at the kiosk: alert.
    expect(at(0)).toEqual(['kiosk:7']);
    expect(at(7 * MIN)).toEqual([]);
    expect(at(8 * MIN)).toEqual(['near:7', 'near:8']);
    expect(at(9 * MIN)).toEqual([]);
    expect(at(10 * MIN + 1)).toEqual(['over:7', 'over:8']);
    expect(at(30 * MIN)).toEqual([]);
  });

  it('a check-in that is already late alerts as a check-in and as over target', () => {
    const memory = detectAlerts(null, [], 0, 10).memory;
    const r = detectAlerts(memory, [officer(3, -11 * MIN, true)], 0, 10);
    expect(r.alerts.map((a) => a.kind)).toEqual(['kiosk', 'over']);
  });

  it('the badge takes the colour of the longest wait', () => {
    expect(worstLevel([], 0, 10)).toBe('within');
    expect(worstLevel([officer(1, 0), officer(2, -9 * MIN)], 0, 10)).toBe('near');
    expect(worstLevel([officer(1, -11 * MIN), officer(2, -9 * MIN)], 0, 10)).toBe('over');
  });
});
