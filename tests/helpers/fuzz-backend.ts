import { afterAll, beforeAll } from 'vitest';
import type { UserRow } from '../../db/users';
import { addRecliners, setUpBackend, type TestBackend } from './backend';

export interface FuzzBackend {
  t: TestBackend;
  manager: UserRow;
}

/**
 * Registers hooks for one backend with three recliners, set up once and shared by every test and
 * property run of the file (not one per test: the runs see what earlier runs left).
 */
export function useSharedBackendWithRecliners(): FuzzBackend {
  const s = {} as FuzzBackend;
  beforeAll(async () => {
    const { t, manager } = await setUpBackend();
    Object.assign(s, { t, manager });
    await addRecliners(t, manager);
  });
  afterAll(() => s.t.cleanup());
  return s;
}
