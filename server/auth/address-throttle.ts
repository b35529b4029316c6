import type { AppContext } from '../context';

/**
 * Failed sign-ins per client address (serve mode). The per-account lockout stops guessing one
 * password; this stops spraying a few guesses across many accounts from one machine. An address
 * is shared by everyone at a desk (or behind a clinic's NAT), so it allows twice the per-account
 * limit before locking.
 */
export const MAX_FAILED_SIGN_INS_PER_ADDRESS = 10;
export const ADDRESS_LOCKOUT_MS = 15 * 60 * 1000;
/** The Electron window is one local user: the account lockout applies, not this one. */
export const EXEMPT_ADDRESSES: ReadonlySet<string> = new Set(['ipc']);

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class AddressThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxFailures = MAX_FAILED_SIGN_INS_PER_ADDRESS,
    private readonly windowMs = ADDRESS_LOCKOUT_MS,
    /** Memory bound: a flood of addresses cannot grow the map without limit. */
    private readonly maxEntries = 10_000,
  ) {}

  /** Milliseconds the address stays locked, or 0. */
  lockedFor(address: string, now: number): number {
    if (EXEMPT_ADDRESSES.has(address)) return 0;
    const e = this.entries.get(address);
    return e && e.lockedUntil > now ? e.lockedUntil - now : 0;
  }

  /** Counts a failure; returns true when this one locks the address. */
  recordFailure(address: string, now: number): boolean {
    if (EXEMPT_ADDRESSES.has(address)) return false;
    let e = this.entries.get(address);
    if (!e) {
      if (this.entries.size >= this.maxEntries) this.prune(now);
      if (this.entries.size >= this.maxEntries) {
        // Still full of live entries: forget the oldest one rather than grow.
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      e = { failures: [], lockedUntil: 0 };
      this.entries.set(address, e);
    }
    e.failures = e.failures.filter((t) => t > now - this.windowMs);
    e.failures.push(now);
    if (e.failures.length >= this.maxFailures) {
      e.lockedUntil = now + this.windowMs;
      e.failures = [];
      return true;
    }
    return false;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) {
      if (e.lockedUntil <= now && e.failures.every((t) => t <= now - this.windowMs))
        this.entries.delete(k);
    }
  }
}

/** What a throttle guards: each credential has its own count, so one cannot lock the other. */
export type ThrottledCheck = 'signIn' | 'kioskPair';

// One throttle per running backend and check, kept beside it rather than in the shared context.
const throttles = new WeakMap<AppContext, Map<ThrottledCheck, AddressThrottle>>();

export function addressThrottle(
  app: AppContext,
  check: ThrottledCheck = 'signIn',
): AddressThrottle {
  let byCheck = throttles.get(app);
  if (!byCheck) {
    byCheck = new Map();
    throttles.set(app, byCheck);
  }
  let t = byCheck.get(check);
  if (!t) {
    t = new AddressThrottle();
    byCheck.set(check, t);
  }
  return t;
}
