import { describe, expect, it } from 'vitest';
import { LockedTally } from '../../server/auth/locked-tally';

const attempt = (address: string, username: string, until = 1000) => ({
  action: 'auth.signIn',
  reason: 'address_locked' as const,
  address,
  until,
  username,
});

describe('attempts refused while locked', () => {
  it('are one tally per lock, written only once the lock has ended', () => {
    const t = new LockedTally();
    for (let i = 0; i < 500; i++) t.note(attempt('10.0.0.1', `user${i % 30}`), 100 + i);
    expect(t.take(999)).toEqual([]);
    const [row, ...rest] = t.take(1000);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      action: 'auth.signIn.refusedWhileLocked',
      detail: {
        reason: 'address_locked',
        address: '10.0.0.1',
        count: 500,
        firstAt: 100,
        lastAt: 599,
      },
    });
    // What was tried stays visible, within a bound: ten distinct names, each cut.
    expect((row!.detail as { usernames: string[] }).usernames).toHaveLength(10);
    expect(t.take(2000)).toEqual([]);
  });

  it('a flood of locked addresses cannot grow it: the oldest is written early instead', () => {
    const t = new LockedTally(3);
    for (const a of ['a', 'b', 'c', 'd', 'e']) t.note(attempt(a, 'x'.repeat(500)), 1);
    expect(t.size).toBe(5);
    const early = t.take(2);
    expect(early.map((r) => (r.detail as { address: string }).address)).toEqual(['a', 'b']);
    expect((early[0]!.detail as { usernames: string[] }).usernames[0]).toHaveLength(60);
    expect(t.take(2000, true)).toHaveLength(3);
  });
});
