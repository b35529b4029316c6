import { afterEach, beforeEach } from 'vitest';
import type { MethodInput } from '../../core/contract';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from './backend';

export interface EncounterBackend {
  t: TestBackend;
  intake: UserRow;
  manager: UserRow;
  admin: UserRow;
}

/**
 * Registers the hooks that give each test a fresh backend with the clock at 02:15 in Phoenix on
 * 8 March 2026; the returned object is refilled before every test.
 */
export function useEncounterBackend(): EncounterBackend {
  const s = {} as EncounterBackend;
  beforeEach(async () => {
    const { t, intake, manager, admin } = await setUpBackend();
    Object.assign(s, { t, intake, manager, admin });
    t.clock.set(Date.UTC(2026, 2, 8, 9, 15)); // 02:15 in Phoenix
  });
  afterEach(() => s.t.cleanup());
  return s;
}

/** A complete police drop-off, every field filled. */
export const police: MethodInput<'encounters.create'> = {
  referralSource: 'law_enforcement',
  agency: 'Tucson Police Department',
  officerName: 'Dana Reyes',
  badgeNumber: '4471',
  firstName: 'Jordan',
  lastName: 'Miles',
  dateOfBirth: '1991-04-12',
  legalStatus: 'involuntary_hold',
  presentingConcerns: ['suicidal_ideation'],
};
