import { afterEach, beforeEach, vi } from 'vitest';
import type { MethodOutput } from '../../core/contract';
import type { DischargeFollowUpInput } from '../../core/follow-up/schemas';
import type { Result } from '../../core/result';
import type { Disposition } from '../../core/vocab';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from './backend';
import { addCaseManager } from './roles';

export const H = 3_600_000;

export interface FollowUpBackend {
  t: TestBackend;
  intake: UserRow;
  manager: UserRow;
  cm: UserRow;
  /** An accepted walk-in (the same person unless named otherwise: repeat visits). */
  accepted(first?: string, last?: string, dob?: string): Promise<MethodOutput<'encounters.create'>>;
  discharge(
    id: number,
    followUp: DischargeFollowUpInput | undefined,
    disposition?: Disposition,
  ): Promise<Result<MethodOutput<'encounters.discharge'>>>;
}

/**
 * Registers the hooks that give each test a fresh backend with a case manager, the facility
 * clock at 2026-06-10 15:00Z; the returned object is refilled before every test.
 */
export function useFollowUpBackend(): FollowUpBackend {
  const s = {
    accepted(first = 'Rosa', last = 'Diaz', dob = '1980-02-03') {
      return s.t.must(
        'encounters.create',
        {
          referralSource: 'walk_in',
          firstName: first,
          lastName: last,
          dateOfBirth: dob,
          accept: true,
        },
        s.intake,
      );
    },
    discharge(
      id: number,
      followUp: DischargeFollowUpInput | undefined,
      disposition: Disposition = 'home_community',
    ) {
      return s.t.call('encounters.discharge', { id, disposition, followUp }, s.intake);
    },
  } as FollowUpBackend;
  beforeEach(async () => {
    // Only Date is frozen: the test clock then moves only when a test moves it (pinned edges).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-06-01T12:00:00Z'));
    const b = await setUpBackend();
    s.t = b.t;
    s.intake = b.intake;
    s.manager = b.manager;
    s.cm = await addCaseManager(b.t, b.admin);
    s.t.clock.set(Date.parse('2026-06-10T15:00:00Z'));
  });
  afterEach(() => {
    s.t.cleanup();
    vi.useRealTimers();
  });
  return s;
}

export const consented = (extra: DischargeFollowUpInput = {}): DischargeFollowUpInput => ({
  consent: 'yes',
  phone: '(505) 555-0134',
  bestTime: 'Evenings',
  ...extra,
});
