import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../../db/retention';
import type { UserRow } from '../../db/users';
import { addRecliners, setUpBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
let intake: UserRow;
let admin: UserRow;

beforeEach(async () => {
  ({ t, intake, admin } = await setUpBackend());
  await addRecliners(t, admin, 2);
});
afterEach(() => t.cleanup());

const call = {
  referralSource: 'law_enforcement' as const,
  agency: 'Pima County Sheriff',
  officerName: 'Deputy Cruz',
};
const count = () => (t.db.prepare('SELECT count(*) AS n FROM encounters').get() as { n: number }).n;

describe('pre-arrival call (#15 point 12)', () => {
  it('records the person, the concern and a callback number, and says which bed is held', async () => {
    const x = await t.must(
      'encounters.expect',
      {
        ...call,
        eta: t.clock.now() + 15 * 60_000,
        unitKind: 'chair',
        firstName: 'Ana',
        lastName: 'Okafor',
        presentingConcerns: ['suicidal_ideation'],
        callbackPhone: '(520) 555-0134',
      },
      intake,
    );
    expect(x.heldBedLabel).toBe('C1');
    // The encounter page reads back what the caller said; the number is stored as E.164.
    const { encounter } = await t.must('encounters.get', { id: x.id }, intake);
    expect(encounter).toMatchObject({
      status: 'expected',
      firstName: 'Ana',
      lastName: 'Okafor',
      presentingConcerns: ['suicidal_ideation'],
      callbackPhone: '+15205550134',
    });
    // Without a bed kind nothing is held, and the person may be unknown.
    const y = await t.must('encounters.expect', { ...call, eta: t.clock.now() }, intake);
    expect(y.heldBedLabel).toBeNull();
    expect(y.firstName).toBeNull();
    expect(y.callbackPhone).toBeNull();
  });

  it('a callback number libphonenumber refuses is an error on the field and records nothing', async () => {
    const before = count();
    const r = await t.call(
      'encounters.expect',
      { ...call, eta: t.clock.now(), unitKind: 'chair', callbackPhone: '555-01' },
      intake,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.error.fields ?? {})).toEqual(['callbackPhone']);
    expect(count()).toBe(before);
    const held = t.db.prepare("SELECT count(*) AS n FROM beds WHERE status = 'reserved'").get();
    expect(held).toEqual({ n: 0 });
  });

  it('retention clears the callback number with the names', async () => {
    const x = await t.must(
      'encounters.expect',
      { ...call, eta: t.clock.now(), lastName: 'Okafor', callbackPhone: '520 555 0134' },
      intake,
    );
    await t.must('encounters.arrive', { id: x.id }, intake);
    await t.must('encounters.accept', { id: x.id }, intake);
    await t.must(
      'encounters.discharge',
      { id: x.id, disposition: 'shelter', followUp: { consent: 'no' } },
      intake,
    );
    const now = t.clock.now() + 1000;
    t.db.transaction(() => applyRetention(t.db, now, now, false))();
    const row = t.db
      .prepare('SELECT last_name, callback_phone, deidentified_at FROM encounters WHERE id = ?')
      .get(x.id) as Record<string, unknown>;
    expect(row).toMatchObject({ last_name: null, callback_phone: null });
    expect(row.deidentified_at).not.toBeNull();
  });
});
