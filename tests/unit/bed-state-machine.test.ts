import { describe, expect, it } from 'vitest';
import {
  actionFor,
  BED_ACTIONS,
  canTransition,
  reasonRequired,
  targetStatus,
} from '../../core/beds/state-machine';
import { BED_STATUSES, type BedStatus } from '../../core/vocab';

describe('the bed state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = new Set<string>();
    for (const from of BED_STATUSES)
      for (const a of BED_ACTIONS)
        if (canTransition(from, a)) allowed.add(`${from}→${targetStatus(a)}`);
    expect([...allowed].sort()).toEqual(
      [
        'available→occupied',
        'reserved→occupied',
        'occupied→cleaning',
        'available→reserved',
        'reserved→available',
        'available→cleaning',
        'out_of_service→cleaning',
        'cleaning→available',
        'out_of_service→available',
        'available→out_of_service',
        'cleaning→out_of_service',
        'reserved→out_of_service',
      ].sort(),
    );
  });

  it('never lets an occupied bed become available without a discharge or move', () => {
    const r = actionFor('occupied', 'available');
    expect(r).toEqual({
      ok: false,
      message: 'The bed is occupied: discharge the person or move them to another bed first.',
    });
    expect(actionFor('occupied', 'out_of_service').ok).toBe(false);
  });

  it('keeps "occupied" for assigning a person, not a board pick', () => {
    for (const from of BED_STATUSES.filter((s) => s !== 'occupied'))
      expect(actionFor(from, 'occupied')).toMatchObject({
        ok: false,
        message: expect.stringContaining('Assign'),
      });
  });

  it('explains a forbidden or pointless change in words', () => {
    expect(actionFor('cleaning', 'reserved')).toEqual({
      ok: false,
      message: 'A bed cannot go from cleaning to reserved.',
    });
    expect(actionFor('available', 'available')).toEqual({
      ok: false,
      message: 'The bed is already available.',
    });
  });

  it('maps every allowed board pick to an action landing on that status', () => {
    const picks: [BedStatus, BedStatus][] = [
      ['available', 'cleaning'],
      ['cleaning', 'available'],
      ['available', 'reserved'],
      ['reserved', 'available'],
      ['out_of_service', 'available'],
      ['cleaning', 'out_of_service'],
    ];
    for (const [from, to] of picks) {
      const r = actionFor(from, to);
      expect(r.ok, `${from}→${to}`).toBe(true);
      if (r.ok) expect(targetStatus(r.action)).toBe(to);
    }
  });

  it('requires a reason only for out of service', () => {
    expect(BED_STATUSES.filter(reasonRequired)).toEqual(['out_of_service']);
  });
});
