import { DISPOSITIONS, type Disposition } from '../vocab';
import { CLOSE_ALL_OUTCOMES, RETRY_OUTCOMES, type Outcome } from './vocab';

/**
 * The follow-up policy (Settings → Follow-up): per disposition, the contacts due after discharge
 * (hours after the discharge time), and how a "no answer" reschedules. Pure rules, no clock.
 */
export interface FollowUpPolicy {
  /** Hours after discharge of each contact, ascending; empty = no follow-up for it. */
  contacts: Record<Disposition, number[]>;
  /** A "no answer" (or a message left) makes the same contact due again this many hours later. */
  retryHours: number;
  /** Attempts per contact before it closes as not reached. */
  maxAttempts: number;
}

const HOUR_MS = 3_600_000;

/** Defaults of the issue: 24 h and 72 h for home/community, shelter and left against advice. */
export const DEFAULT_POLICY: FollowUpPolicy = {
  contacts: {
    home_community: [24, 72],
    short_term_bed: [],
    inpatient_psychiatric: [],
    medical_ed: [],
    withdrawal_management: [],
    shelter: [24, 72],
    jail_law_enforcement: [],
    left_against_advice: [24, 72],
    other: [],
  },
  retryHours: 4,
  maxAttempts: 3,
};

/** A stored policy with every disposition present (a new disposition gets no contacts). */
export function completePolicy(p: Partial<FollowUpPolicy> | null | undefined): FollowUpPolicy {
  const contacts = { ...DEFAULT_POLICY.contacts, ...(p?.contacts ?? {}) };
  for (const d of DISPOSITIONS) contacts[d] = [...new Set(contacts[d] ?? [])].sort((a, b) => a - b);
  return {
    contacts,
    retryHours: p?.retryHours ?? DEFAULT_POLICY.retryHours,
    maxAttempts: p?.maxAttempts ?? DEFAULT_POLICY.maxAttempts,
  };
}

export const asksForFollowUp = (p: FollowUpPolicy, d: Disposition): boolean =>
  p.contacts[d].length > 0;

export interface PlannedContact {
  ordinal: number;
  offsetHours: number;
  dueAt: number;
}

/** The contacts a discharge schedules: none unless the person agreed to be contacted. */
export function plannedContacts(
  p: FollowUpPolicy,
  d: Disposition,
  consent: string,
  dischargedAt: number,
): PlannedContact[] {
  if (consent !== 'yes') return [];
  return p.contacts[d].map((h, i) => ({
    ordinal: i + 1,
    offsetHours: h,
    dueAt: dischargedAt + h * HOUR_MS,
  }));
}

export interface ContactState {
  status: 'open' | 'done' | 'closed';
  attempts: number;
  dueAt: number;
  maxAttempts: number;
  retryHours: number;
}

export interface AttemptEffect {
  /** The contact after the attempt. */
  contact: ContactState;
  /** True: every other open contact of the stay closes too. */
  closeRemaining: boolean;
}

/**
 * What one attempt does to its contact: a retry outcome makes it due again `retryHours` after the
 * attempt, until `maxAttempts` attempts (then it closes, not reached); wrong number and declined
 * close it and the remaining contacts; any other outcome completes it.
 */
export function applyAttempt(c: ContactState, outcome: Outcome, at: number): AttemptEffect {
  const attempts = c.attempts + 1;
  if ((CLOSE_ALL_OUTCOMES as readonly string[]).includes(outcome))
    return { contact: { ...c, attempts, status: 'closed' }, closeRemaining: true };
  if ((RETRY_OUTCOMES as readonly string[]).includes(outcome)) {
    if (attempts >= c.maxAttempts)
      return { contact: { ...c, attempts, status: 'closed' }, closeRemaining: false };
    return {
      contact: { ...c, attempts, status: 'open', dueAt: at + c.retryHours * HOUR_MS },
      closeRemaining: false,
    };
  }
  return { contact: { ...c, attempts, status: 'done' }, closeRemaining: false };
}

/** An open contact this long past due reads as overdue (like the turnaround clock's red). */
export const OVERDUE_AFTER_MS = 4 * HOUR_MS;

export type DueState = 'upcoming' | 'due' | 'overdue' | 'done';

export function dueState(status: string, dueAt: number, now: number): DueState {
  if (status !== 'open') return 'done';
  if (now < dueAt) return 'upcoming';
  return now - dueAt > OVERDUE_AFTER_MS ? 'overdue' : 'due';
}
