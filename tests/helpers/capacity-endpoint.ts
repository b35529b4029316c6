import { afterEach, beforeEach } from 'vitest';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from './backend';
import {
  request,
  seedPeople,
  startCapacityRig,
  type CapacityRig,
  type RawResponse,
} from './capacity';

/** A facility name that needs escaping in JSON, XML and HTML alike. */
export const NASTY_NAME = `Tom & Jerry's <Crisis> "Center" >`;

export interface CapacityEndpointRig {
  t: TestBackend;
  admin: UserRow;
  manager: UserRow;
  intake: UserRow;
  /** Tests may stop it and start another; the one here at the end is stopped. */
  rig: CapacityRig;
  /** The four chairs, then the three adult beds. */
  bedIds: number[];
  get(path: string, headers?: Record<string, string>): Promise<RawResponse>;
}

/**
 * Registers the hooks that give each test a facility with chairs, adult beds (staffed limit 2)
 * and youth beds, two seeded people holding a chair and a bed (the police officer still
 * waiting), and the sharing stack listening; the returned object is refilled before every test.
 */
export function useCapacityEndpoint(): CapacityEndpointRig {
  const s = {
    get: (path: string, headers: Record<string, string> = {}) =>
      request(`${s.rig.base}${path}`, { headers }),
  } as CapacityEndpointRig;
  beforeEach(async () => {
    const { t, admin, manager, intake } = await setUpBackend();
    Object.assign(s, { t, admin, manager, intake });
    await t.must(
      'facility.update',
      { name: NASTY_NAME, timeZone: 'America/Phoenix', phone: '(520) 555-0199' },
      admin,
    );
    const chairs = await t.must('units.create', { name: 'Recliners', kind: 'chair' }, manager);
    const c = await t.must(
      'beds.bulkCreate',
      { unitId: chairs.id, prefix: 'C', from: 1, to: 4 },
      manager,
    );
    const adults = await t.must(
      'units.create',
      { name: 'Adult beds', kind: 'bed', staffedLimit: 2 },
      manager,
    );
    const b = await t.must(
      'beds.bulkCreate',
      { unitId: adults.id, prefix: 'B', from: 1, to: 3 },
      manager,
    );
    const youth = await t.must('units.create', { name: 'Youth', kind: 'youth_bed' }, manager);
    await t.must('beds.bulkCreate', { unitId: youth.id, prefix: 'Y', from: 1, to: 2 }, manager);
    s.bedIds = [...c.beds, ...b.beds].map((x) => x.id);
    const people = seedPeople(t.db, t.clock.now());
    await t.must('beds.assign', { bedId: c.beds[0]!.id, encounterId: people.walkIn }, intake);
    await t.must('beds.assign', { bedId: b.beds[0]!.id, encounterId: people.police }, intake);
    // The police drop-off is assigned a bed but the officer has not been released yet.
    t.db.prepare("UPDATE encounters SET status = 'arrived' WHERE id = ?").run(people.police);
    s.rig = await startCapacityRig(t);
  });
  afterEach(async () => {
    await s.rig.stop();
    s.t.cleanup();
  });
  return s;
}
