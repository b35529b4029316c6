import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENCOUNTER_ACTIONS,
  EXPECTED_LAPSE_MS,
  canDo,
  isActiveStatus,
  isLapseDue,
  transition,
} from '../../core/encounters/lifecycle';
import {
  formatMmSs,
  turnaroundLevel,
  turnaroundMinutes,
  turnaroundMs,
} from '../../core/encounters/turnaround';
import { encounterCreateSchema, timeRuleErrors } from '../../core/schemas/encounters';
import { ENCOUNTER_STATUSES } from '../../core/vocab';

describe('encounter lifecycle', () => {
  it('walks the police drop-off path: expected → arrived → accepted → discharged', () => {
    expect(transition('expected', 'arrive')).toEqual({ ok: true, status: 'arrived' });
    expect(transition('arrived', 'accept')).toEqual({ ok: true, status: 'accepted' });
    expect(transition('accepted', 'assignBed')).toEqual({ ok: true, status: 'accepted' });
    expect(transition('accepted', 'discharge')).toEqual({ ok: true, status: 'discharged' });
  });

  it('a bed can be assigned before acceptance and while expected (reservation)', () => {
    expect(canDo('arrived', 'assignBed')).toBe(true);
    expect(canDo('expected', 'assignBed')).toBe(true);
    expect(canDo('discharged', 'assignBed')).toBe(false);
  });

  it('refuses accepting twice, and says why', () => {
    const r = transition('accepted', 'accept');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/already|accepted/);
  });

  it('declines only what is not yet accepted', () => {
    expect(transition('arrived', 'decline')).toEqual({ ok: true, status: 'declined' });
    expect(transition('expected', 'decline')).toEqual({ ok: true, status: 'declined' });
    expect(canDo('accepted', 'decline')).toBe(false);
    expect(canDo('discharged', 'decline')).toBe(false);
  });

  it('discharges only accepted encounters', () => {
    for (const s of ENCOUNTER_STATUSES) expect(canDo(s, 'discharge')).toBe(s === 'accepted');
  });

  it('closed encounters change only by correction, and every status can be corrected', () => {
    for (const s of ['discharged', 'declined', 'lapsed'] as const) {
      for (const a of ENCOUNTER_ACTIONS) expect(canDo(s, a)).toBe(a === 'correct');
      expect(isActiveStatus(s)).toBe(false);
    }
    for (const s of ENCOUNTER_STATUSES) expect(canDo(s, 'correct')).toBe(true);
  });

  it('an expected arrival lapses 30 minutes after its ETA, not before', () => {
    expect(isLapseDue(1000, 1000 + EXPECTED_LAPSE_MS)).toBe(false);
    expect(isLapseDue(1000, 1001 + EXPECTED_LAPSE_MS)).toBe(true);
    expect(transition('expected', 'lapse')).toEqual({ ok: true, status: 'lapsed' });
    expect(canDo('arrived', 'lapse')).toBe(false);
  });

  it('every transition lands on a known status (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENCOUNTER_STATUSES),
        fc.array(fc.constantFrom(...ENCOUNTER_ACTIONS), { maxLength: 12 }),
        (start, actions) => {
          let s = start;
          for (const a of actions) {
            const r = transition(s, a);
            if (r.ok) s = r.status;
          }
          expect(ENCOUNTER_STATUSES).toContain(s);
        },
      ),
    );
  });
});

describe('turnaround', () => {
  const min = 60_000;
  it('counts from arrival to release, or to now while waiting', () => {
    expect(turnaroundMs(0, 7 * min, 99 * min)).toBe(7 * min);
    expect(turnaroundMs(0, null, 3 * min)).toBe(3 * min);
    expect(turnaroundMs(5 * min, null, 4 * min)).toBe(0);
  });

  it('is amber at 80% of the target and red past it', () => {
    expect(turnaroundLevel(7 * min + 59_000, 10)).toBe('within');
    expect(turnaroundLevel(8 * min, 10)).toBe('near');
    expect(turnaroundLevel(10 * min, 10)).toBe('near');
    expect(turnaroundLevel(10 * min + 1000, 10)).toBe('over');
    expect(turnaroundLevel(5 * min + 36_000, 7)).toBe('near');
  });

  it('formats mm:ss, minutes running past an hour', () => {
    expect(formatMmSs(0)).toBe('00:00');
    expect(formatMmSs(8 * min + 5_999)).toBe('08:05');
    expect(formatMmSs(75 * min)).toBe('75:00');
  });

  it('reports minutes to two decimals', () => {
    expect(turnaroundMinutes(0, 6 * min + 30_000)).toBe(6.5);
    expect(turnaroundMinutes(0, 100_000)).toBe(1.67);
  });
});

describe('encounter input rules', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  it('names the field of each time rule', () => {
    expect(timeRuleErrors({ arrivedAt: now + 5 * 60_000 + 1 }, now)).toHaveProperty('arrivedAt');
    expect(timeRuleErrors({ arrivedAt: now + 4 * 60_000 }, now)).toEqual({});
    expect(timeRuleErrors({ arrivedAt: now, officerReleasedAt: now - 1 }, now)).toHaveProperty(
      'officerReleasedAt',
    );
    expect(timeRuleErrors({ arrivedAt: now, dischargedAt: now - 1 }, now)).toHaveProperty(
      'dischargedAt',
    );
    expect(timeRuleErrors({ dateOfBirth: '2026-11-28' }, now)).toHaveProperty('dateOfBirth');
    expect(timeRuleErrors({ dateOfBirth: '1990-02-03' }, now)).toEqual({});
  });

  it('a police drop-off needs an agency; a walk-in does not', () => {
    const police = encounterCreateSchema.safeParse({ referralSource: 'law_enforcement' });
    expect(police.success).toBe(false);
    expect(police.error?.issues[0]?.path).toEqual(['agency']);
    expect(encounterCreateSchema.safeParse({ referralSource: 'walk_in' }).success).toBe(true);
  });

  it('rejects an impossible date of birth and unknown vocabulary', () => {
    const r = encounterCreateSchema.safeParse({
      referralSource: 'walk_in',
      dateOfBirth: '1990-02-30',
      presentingConcerns: ['psychosis', 'nonsense'],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('dateOfBirth');
    expect(paths).toContain('presentingConcerns.1');
  });

  it('drops duplicate concerns and turns empty text into null', () => {
    const r = encounterCreateSchema.parse({
      referralSource: 'walk_in',
      firstName: '  ',
      presentingConcerns: ['psychosis', 'psychosis'],
      legalStatus: '',
    });
    expect(r.firstName).toBeNull();
    expect(r.presentingConcerns).toEqual(['psychosis']);
    expect(r.legalStatus).toBeNull();
  });
});
