import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { addRecliners, setUpBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
let intake: UserRow;
let admin: UserRow;
let beds: Record<string, number>;

beforeEach(async () => {
  ({ t, intake, admin } = await setUpBackend());
  await addRecliners(t, admin, 2);
  beds = Object.fromEntries(
    (t.db.prepare('SELECT label, id FROM beds').all() as { label: string; id: number }[]).map(
      (b) => [b.label, b.id],
    ),
  );
});
afterEach(() => t.cleanup());

const bedStatus = (label: string) =>
  t.db.prepare('SELECT status, encounter_id FROM beds WHERE label = ?').get(label) as {
    status: string;
    encounter_id: number | null;
  };

const police = {
  referralSource: 'law_enforcement' as const,
  agency: 'Tucson Police Department',
  officerName: 'Dana Reyes',
  firstName: 'Jordan',
  lastName: 'Miles',
};

describe('encounters and beds', () => {
  it("the board's assign follows the same lifecycle and timeline as the encounter page", async () => {
    const e = await t.must('encounters.create', police, intake);
    await t.must('beds.assign', { bedId: beds.C1!, encounterId: e.id }, intake);
    const detail = await t.must('encounters.get', { id: e.id }, intake);
    expect(detail.events.map((x) => x.kind)).toEqual(['arrived', 'bed_assigned']);
    await t.must('encounters.accept', { id: e.id }, intake);
    await t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'shelter', followUp: { consent: 'not_asked' } },
      intake,
    );
    const again = await t.call('beds.assign', { bedId: beds.C2!, encounterId: e.id }, intake);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(bedStatus('C2')).toEqual({ status: 'available', encounter_id: null });
  });

  it('renaming a bed relabels the encounter in it (CSV bed_label follows)', async () => {
    const e = await t.must('encounters.create', police, intake);
    await t.must('encounters.assignBed', { id: e.id, bedId: beds.C1! }, intake);
    await t.must('beds.rename', { id: beds.C1!, label: 'R1' }, admin);
    const detail = await t.must('encounters.get', { id: e.id }, intake);
    expect(detail.encounter.bedLabel).toBe('R1');
  });

  it('assign, move, then discharge: the bed goes to cleaning and the timeline says so', async () => {
    const e = await t.must('encounters.create', police, intake);
    // A bed can be assigned before the handoff is accepted.
    const a = await t.must('encounters.assignBed', { id: e.id, bedId: beds.C1! }, intake);
    expect(a.bedLabel).toBe('C1');
    expect(a.unitKind).toBe('chair');
    expect(bedStatus('C1')).toEqual({ status: 'occupied', encounter_id: e.id });
    await t.must('encounters.accept', { id: e.id }, intake);
    const moved = await t.must('encounters.assignBed', { id: e.id, bedId: beds.C2! }, intake);
    expect(moved.bedLabel).toBe('C2');
    expect(bedStatus('C1').status).toBe('cleaning');
    const d = await t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'shelter', followUp: { consent: 'not_asked' } },
      intake,
    );
    expect(d.bedId).toBeNull();
    expect(d.bedLabel).toBe('C2'); // the bed held last (CSV)
    expect(bedStatus('C2').status).toBe('cleaning');
    const detail = await t.must('encounters.get', { id: e.id }, intake);
    expect(detail.events.map((x) => x.kind)).toEqual([
      'arrived',
      'bed_assigned',
      'accepted',
      'bed_moved',
      'discharged',
    ]);
    expect(detail.events[3]!.detail).toMatchObject({ from: 'C1', to: 'C2' });
  });

  it('a move is one capacity change: history records its end state, not the step between', async () => {
    const e = await t.must('encounters.create', police, intake);
    await t.must('encounters.accept', { id: e.id }, intake);
    await t.must('encounters.assignBed', { id: e.id, bedId: beds.C1! }, intake);
    const history = () =>
      t.db.prepare('SELECT available, occupied FROM capacity_history ORDER BY id').all() as {
        available: number;
        occupied: number;
      }[];
    const before = history().length;
    // Vacating C1 then occupying C2 happen in one transaction: dispatch never saw "nobody in a
    // bed, one available", so capacity history must not claim it did.
    await t.must('encounters.assignBed', { id: e.id, bedId: beds.C2! }, intake);
    expect(history().slice(before)).toEqual([{ available: 0, occupied: 1 }]);
    const capacity = await t.must('capacity.get', {}, intake);
    expect(capacity.totals).toMatchObject({ available: 0, occupied: 1 });
  });

  it('a bed taken by someone else is refused naming the bed; nothing changes', async () => {
    const one = await t.must('encounters.create', police, intake);
    const two = await t.must('encounters.create', { ...police, firstName: 'Sam' }, intake);
    await t.must('encounters.assignBed', { id: one.id, bedId: beds.C1! }, intake);
    const r = await t.call('encounters.assignBed', { id: two.id, bedId: beds.C1! }, intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('bedId');
    const after = await t.must('encounters.get', { id: two.id }, intake);
    expect(after.encounter.bedId).toBeNull();
    expect(after.events.map((x) => x.kind)).toEqual(['arrived']);
  });

  it('a pre-arrival call holds a bed of the chosen kind; arrival takes it; a decline frees it', async () => {
    const x = await t.must(
      'encounters.expect',
      { ...police, eta: t.clock.now() + 15 * 60_000, unitKind: 'chair' },
      intake,
    );
    expect(bedStatus('C1')).toEqual({ status: 'reserved', encounter_id: x.id });
    const arrived = await t.must('encounters.arrive', { id: x.id }, intake);
    expect(arrived.bedLabel).toBe('C1');
    expect(bedStatus('C1')).toEqual({ status: 'occupied', encounter_id: x.id });

    const y = await t.must(
      'encounters.expect',
      { ...police, eta: t.clock.now() + 15 * 60_000, unitKind: 'chair' },
      intake,
    );
    expect(bedStatus('C2').status).toBe('reserved');
    await t.must('encounters.decline', { id: y.id, reason: 'at_capacity' }, intake);
    expect(bedStatus('C2').status).toBe('available');

    // No bed of the kind left: the call is refused on the field, nothing recorded.
    const count = () =>
      (t.db.prepare('SELECT count(*) AS n FROM encounters').get() as { n: number }).n;
    const before = count();
    await t.must('encounters.assignBed', { id: x.id, bedId: beds.C2! }, intake); // C1 → cleaning
    const r = await t.call(
      'encounters.expect',
      { ...police, eta: t.clock.now(), unitKind: 'chair' },
      intake,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('unitKind');
    expect(count()).toBe(before);
  });

  it('a lapsed pre-arrival call releases its bed', async () => {
    await t.must('encounters.expect', { ...police, eta: t.clock.now(), unitKind: 'chair' }, intake);
    expect(bedStatus('C1').status).toBe('reserved');
    t.clock.advance(31 * 60_000);
    await t.must('encounters.active', {}, intake);
    expect(bedStatus('C1').status).toBe('available');
  });

  it('officers waiting reach the dispatch figures', async () => {
    // What the capacity endpoint publishes (the snapshot the beds capability keeps).
    const officers = () =>
      (
        JSON.parse(
          (t.db.prepare('SELECT figures FROM capacity_state').get() as { figures: string }).figures,
        ) as { officersWaiting: number }
      ).officersWaiting;
    const e = await t.must('encounters.create', police, intake);
    expect(officers()).toBe(1);
    await t.must('encounters.accept', { id: e.id }, intake);
    expect(officers()).toBe(0);
  });

  it('an arrival after a diversion expired stores the automatic status again', async () => {
    const stored = () =>
      t.db.prepare('SELECT status, manual_status FROM capacity_state').get() as {
        status: string;
        manual_status: string | null;
      };
    await t.must(
      'capacity.setManualStatus',
      { status: 'diverting', reason: 'Water leak in the lobby', durationMinutes: 10 },
      admin,
    );
    expect(stored()).toEqual({ status: 'diverting', manual_status: 'diverting' });
    t.clock.advance(11 * 60_000);
    // A walk-in moves no officers-waiting figure; the expired diversion is still noticed.
    await t.must('encounters.create', { referralSource: 'walk_in', lastName: 'Ortiz' }, intake);
    expect(stored()).toEqual({ status: 'limited', manual_status: null }); // 2 chairs free
  });
});
