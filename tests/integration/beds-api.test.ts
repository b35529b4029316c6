import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
let manager: UserRow;
let intake: UserRow;
beforeEach(async () => {
  ({ t, manager, intake } = await setUpBackend());
});
afterEach(() => t.cleanup());

const counts = () =>
  t.db
    .prepare(
      `SELECT (SELECT count(*) FROM units) units, (SELECT count(*) FROM beds) beds,
              (SELECT count(*) FROM bed_history) history, (SELECT count(*) FROM capacity_history) cap,
              (SELECT group_concat(status) FROM beds) statuses`,
    )
    .get();

function addEncounter(first = 'Wanda', last = 'Zephyr', source = 'walk_in'): number {
  const now = t.clock.now();
  return Number(
    t.db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, first_name, last_name, arrived_at, created_at, updated_at)
         VALUES (?, 'arrived', ?, ?, ?, ?, ?, ?)`,
      )
      .run(`T-${Math.random()}`, source, first, last, now, now, now).lastInsertRowid,
  );
}

async function recliners(count = 4, staffedLimit: number | null = null) {
  const unit = await t.must(
    'units.create',
    { name: 'Recliners', kind: 'chair', staffedLimit },
    manager,
  );
  return t.must('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 1, to: count }, manager);
}

describe('units and beds configuration', () => {
  it('creates 16 recliners C1–C16 in one step, in order', async () => {
    const unit = await recliners(16);
    expect(unit.beds.map((b) => b.label)).toEqual(
      Array.from({ length: 16 }, (_, i) => `C${i + 1}`),
    );
    expect(unit).toMatchObject({ total: 16, available: 16, kind: 'chair' });
  });

  it('refuses bad configuration with a clear error and changes nothing', async () => {
    const unit = await recliners(2);
    const before = counts();
    const bad = [
      await t.call('units.create', { name: 'recliners', kind: 'chair' }, manager),
      await t.callRaw('units.create', { name: 'Ward', kind: 'sofa' }, manager),
      await t.callRaw(
        'units.update',
        { id: unit.id, name: 'Recliners', staffedLimit: -1 },
        manager,
      ),
      await t.call('units.update', { id: 999, name: 'Nope' }, manager),
      await t.call('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 2, to: 3 }, manager),
      await t.call('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 5, to: 3 }, manager),
      await t.call('beds.bulkCreate', { unitId: 999, prefix: 'C', from: 1, to: 3 }, manager),
      await t.call('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 1, to: 500 }, manager),
      await t.call('beds.rename', { id: unit.beds[0]!.id, label: 'C2' }, manager),
      await t.call('beds.setStatus', { bedId: 999, status: 'cleaning' }, intake),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`))).toEqual([
      'invalid_input: There is already a unit named recliners.',
      'invalid_input: kind: Choose a kind of unit',
      'invalid_input: staffedLimit: Staffed limit cannot be below zero',
      'not_found: No unit with id 999.',
      'invalid_input: Recliners already has a bed C2.',
      'invalid_input: to: Last number must not be below the first',
      'not_found: No unit with id 999.',
      'invalid_input: to: At most 200 beds at once',
      'invalid_input: This unit already has a bed C2.',
      'not_found: No bed with id 999.',
    ]);
    expect(counts()).toEqual(before);
  });

  it('only managers configure; intake may not', async () => {
    const r = await t.call('units.create', { name: 'X', kind: 'bed' }, intake);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const m = await t.call('capacity.setManualStatus', { status: 'closed', reason: 'x' }, intake);
    expect(m).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('retires a unit only when nobody is in it or expected', async () => {
    const unit = await recliners(2);
    await t.must('beds.assign', { bedId: unit.beds[0]!.id, encounterId: addEncounter() }, intake);
    const before = counts();
    const r = await t.call('units.retire', { id: unit.id }, manager);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringContaining('Recliners still has 1 person in it'),
      },
    });
    expect(counts()).toEqual(before);
    const empty = await t.must('units.create', { name: 'Spare', kind: 'other' }, manager);
    await t.must('units.retire', { id: empty.id }, manager);
    expect((await t.must('beds.board', {}, intake)).units.map((u) => u.name)).toEqual([
      'Recliners',
    ]);
  });
});

describe('bed statuses', () => {
  it('moves a bed cleaning → available and keeps who/when/from/to/why', async () => {
    const unit = await recliners(2);
    const bedId = unit.beds[0]!.id;
    await t.must('beds.setStatus', { bedId, status: 'cleaning' }, intake);
    t.clock.advance(60_000);
    await t.must(
      'beds.setStatus',
      { bedId, status: 'out_of_service', reason: 'Broken footrest' },
      intake,
    );
    const history = await t.must('beds.history', { bedId }, intake);
    expect(history.map((h) => [h.from, h.to, h.user, h.reason])).toEqual([
      ['cleaning', 'out_of_service', 'Ida Intake', 'Broken footrest'],
      ['available', 'cleaning', 'Ida Intake', null],
      [null, 'available', 'Max Manager', 'created'],
    ]);
  });

  it('refuses a forbidden transition or a missing reason, changing nothing', async () => {
    const unit = await recliners(2);
    const [c1, c2] = unit.beds;
    await t.must('beds.assign', { bedId: c1!.id, encounterId: addEncounter() }, intake);
    const before = counts();
    const occupiedToAvailable = await t.call(
      'beds.setStatus',
      { bedId: c1!.id, status: 'available' },
      intake,
    );
    expect(occupiedToAvailable).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'Bed C1: The bed is occupied: discharge the person or move them to another bed first.',
      },
    });
    const noReason = await t.call(
      'beds.setStatus',
      { bedId: c2!.id, status: 'out_of_service' },
      intake,
    );
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { reason: expect.any(String) } },
    });
    const markOccupied = await t.call(
      'beds.setStatus',
      { bedId: c2!.id, status: 'occupied' },
      intake,
    );
    expect(markOccupied).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknownEncounter = await t.call(
      'beds.assign',
      { bedId: c2!.id, encounterId: 4242 },
      intake,
    );
    expect(unknownEncounter).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(counts()).toEqual(before);
  });

  it('shows initials and never the full name on the board', async () => {
    const unit = await recliners(1);
    await t.must(
      'beds.assign',
      { bedId: unit.beds[0]!.id, encounterId: addEncounter('Wanda', 'Zephyr') },
      intake,
    );
    const board = await t.must('beds.board', {}, intake);
    expect(board.units[0]!.beds[0]).toMatchObject({ status: 'occupied', initials: 'WZ' });
    expect(JSON.stringify(board)).not.toMatch(/Wanda|Zephyr/);
  });
});

describe('capacity', () => {
  it('counts available as vacant and staffed', async () => {
    const unit = await recliners(6, 3);
    await t.must('beds.assign', { bedId: unit.beds[0]!.id, encounterId: addEncounter() }, intake);
    await t.must('beds.setStatus', { bedId: unit.beds[1]!.id, status: 'reserved' }, intake);
    const board = await t.must('beds.board', {}, intake);
    expect(board.units[0]).toMatchObject({ vacant: 4, available: 1, occupied: 1, reserved: 1 });
    expect(board.capacity).toMatchObject({ status: 'limited', totals: { available: 1 } });
  });

  it('full still accepts police by default; the setting can change that', async () => {
    const unit = await recliners(1);
    await t.must('beds.assign', { bedId: unit.beds[0]!.id, encounterId: addEncounter() }, intake);
    expect(await t.must('capacity.get', {}, intake)).toMatchObject({
      status: 'full',
      acceptingLawEnforcement: true,
    });
    const s = await t.must('capacity.getSettings', {}, manager);
    const stay = (k: string) =>
      s.stayThresholds[k as 'chair'] ?? { warnMinutes: null, alertMinutes: null };
    await t.must(
      'capacity.updateSettings',
      {
        ...s,
        acceptWhenFull: false,
        stayThresholds: {
          chair: stay('chair'),
          bed: stay('bed'),
          youth_bed: stay('youth_bed'),
          withdrawal_bed: stay('withdrawal_bed'),
          other: stay('other'),
        },
      },
      manager,
    );
    expect((await t.must('capacity.get', {}, intake)).acceptingLawEnforcement).toBe(false);
  });

  it('diverting with a reason reverts by itself after its expiry, and history keeps both', async () => {
    await recliners(5);
    const set = await t.must(
      'capacity.setManualStatus',
      { status: 'diverting', reason: 'Water leak in the lobby', durationMinutes: 30 },
      manager,
    );
    expect(set).toMatchObject({
      status: 'diverting',
      acceptingLawEnforcement: false,
      manual: { reason: 'Water leak in the lobby' },
    });
    t.clock.advance(29 * 60_000);
    expect((await t.must('capacity.get', {}, intake)).status).toBe('diverting');
    t.clock.advance(2 * 60_000);
    expect(await t.must('capacity.get', {}, intake)).toMatchObject({
      status: 'open',
      acceptingLawEnforcement: true,
      manual: null,
    });
    const history = t.db
      .prepare(
        'SELECT status, accepting_law_enforcement a, reason FROM capacity_history ORDER BY id',
      )
      .all();
    expect(history.slice(-2)).toEqual([
      { status: 'diverting', a: 0, reason: 'Water leak in the lobby' },
      { status: 'open', a: 1, reason: 'diverting expired' },
    ]);
  });

  it('refuses diverting without a reason, and changes nothing', async () => {
    await recliners(5);
    const before = counts();
    const r = await t.call(
      'capacity.setManualStatus',
      { status: 'diverting', reason: '' },
      manager,
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { reason: expect.any(String) } },
    });
    expect(counts()).toEqual(before);
  });
});
