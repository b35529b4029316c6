import { MAX_QUOTED_CHARS } from '../../core/messages';
import { createHandlerCtx, type AppContext, type AuditSpec, type HandlerCtx } from '../context';

/**
 * Attempts refused while an address or an account is locked (sign-in, kiosk pairing). The lock
 * itself is audited when it starts; what comes while it holds is counted here and written as one
 * row when it ends (`<action>.refusedWhileLocked`: how many, which usernames, first and last),
 * so a client hammering a locked door cannot grow the append-only, fsync'd audit log.
 */
export interface RefusedAttempt {
  /** The method refused: `auth.signIn` or `kiosk.pair`. */
  action: string;
  reason: 'address_locked' | 'account_locked';
  address: string;
  /** When the lock ends: the tally is written then. */
  until: number;
  username?: string;
  userId?: number;
}

interface Tally {
  spec: RefusedAttempt;
  count: number;
  first: number;
  last: number;
  usernames: Set<string>;
}

/** Distinct usernames kept per tally, and tallies held at once (a flood of addresses). */
const MAX_USERNAMES = 10;
const MAX_TALLIES = 10_000;

export class LockedTally {
  private readonly tallies = new Map<string, Tally>();
  /** Tallies pushed out by a flood of locks, written at the next `take` whatever their lock. */
  private evicted: Tally[] = [];

  constructor(private readonly maxTallies = MAX_TALLIES) {}

  note(a: RefusedAttempt, now: number): void {
    const key = [a.action, a.reason, a.address, a.userId ?? ''].join('\u0000');
    let t = this.tallies.get(key);
    if (!t) {
      if (this.tallies.size >= this.maxTallies) {
        // Full of live locks: the oldest is written early rather than the map growing.
        const oldest = this.tallies.entries().next().value;
        if (oldest !== undefined) {
          this.tallies.delete(oldest[0]);
          this.evicted.push(oldest[1]);
        }
      }
      t = { spec: a, count: 0, first: now, last: now, usernames: new Set() };
      this.tallies.set(key, t);
    }
    t.spec = { ...t.spec, until: Math.max(t.spec.until, a.until) };
    t.count += 1;
    t.last = now;
    if (a.username !== undefined && t.usernames.size < MAX_USERNAMES)
      t.usernames.add(a.username.slice(0, MAX_QUOTED_CHARS));
  }

  /** Tallies whose lock has ended (all of them with `all`), as audit rows; they are forgotten. */
  take(now: number, all = false): AuditSpec[] {
    const due = this.evicted;
    this.evicted = [];
    for (const [key, t] of this.tallies) {
      if (!all && t.spec.until > now) continue;
      this.tallies.delete(key);
      due.push(t);
    }
    return due.map((t) => ({
      action: `${t.spec.action}.refusedWhileLocked`,
      entity: t.spec.userId !== undefined ? 'users' : undefined,
      entityId: t.spec.userId ?? null,
      detail: {
        reason: t.spec.reason,
        address: t.spec.address,
        count: t.count,
        usernames: [...t.usernames].sort(),
        firstAt: t.first,
        lastAt: t.last,
      },
    }));
  }

  get size(): number {
    return this.tallies.size + this.evicted.length;
  }
}

const tallies = new WeakMap<AppContext, LockedTally>();

export function lockedTally(app: AppContext): LockedTally {
  let t = tallies.get(app);
  if (!t) {
    t = new LockedTally();
    tallies.set(app, t);
  }
  return t;
}

/** Writes the tallies of locks that have ended; called by each credential check. */
export function auditEndedLocks(ctx: HandlerCtx): void {
  const t = tallies.get(ctx.app);
  if (t?.size) for (const spec of t.take(ctx.now)) ctx.audit(spec);
}

/** On closing the backend: locks still holding are written with their count so far. */
export function auditAllLocks(app: AppContext): void {
  const t = tallies.get(app);
  if (!t?.size) return;
  const ctx = createHandlerCtx(app, {
    user: null,
    address: 'ipc',
    startSession: () => undefined,
    endSession: () => undefined,
  });
  for (const spec of t.take(ctx.now, true)) ctx.audit(spec);
}
