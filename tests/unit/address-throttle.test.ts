import { describe, expect, it } from 'vitest';
import {
  ADDRESS_LOCKOUT_MS,
  AddressThrottle,
  MAX_FAILED_SIGN_INS_PER_ADDRESS,
} from '../../server/auth/address-throttle';

describe('per-address sign-in throttle', () => {
  it('locks after the limit within 15 minutes; old failures age out', () => {
    const t = new AddressThrottle();
    let now = 1_000_000;
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS - 1; i++) {
      expect(t.recordFailure('10.0.0.5', now)).toBe(false);
      now += 60_000;
    }
    // The first failures are now older than the window: one more does not lock.
    now += ADDRESS_LOCKOUT_MS;
    expect(t.recordFailure('10.0.0.5', now)).toBe(false);
    expect(t.lockedFor('10.0.0.5', now)).toBe(0);
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS - 2; i++) t.recordFailure('10.0.0.5', now);
    expect(t.recordFailure('10.0.0.5', now)).toBe(true);
    expect(t.lockedFor('10.0.0.5', now)).toBe(ADDRESS_LOCKOUT_MS);
    expect(t.lockedFor('10.0.0.6', now)).toBe(0); // other desks are unaffected
    expect(t.lockedFor('10.0.0.5', now + ADDRESS_LOCKOUT_MS)).toBe(0);
  });

  it('never counts the desktop window, and stays bounded under a flood of addresses', () => {
    const t = new AddressThrottle(10, ADDRESS_LOCKOUT_MS, 100);
    for (let i = 0; i < 20; i++) expect(t.recordFailure('ipc', 0)).toBe(false);
    expect(t.lockedFor('ipc', 0)).toBe(0);
    for (let i = 0; i < 1000; i++) t.recordFailure(`192.0.2.${i}`, i);
    expect(t.size).toBeLessThanOrEqual(100);
  });
});
