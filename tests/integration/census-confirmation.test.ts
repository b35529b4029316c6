import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { UNIT_KINDS, type UnitKind } from '../../core/vocab';
import { backendWithEveryRole } from '../helpers/roles';
import type { TestBackend } from '../helpers/backend';
import {
  request,
  SECRET_STRINGS,
  seedPeople,
  startCapacityRig,
  type CapacityRig,
} from '../helpers/capacity';
import { addRecliners } from '../helpers/backend';
import { untilRead } from '../helpers/until';

let t: TestBackend;
let manager: UserRow;
let intake: UserRow;
let kiosk: UserRow;
let rig: CapacityRig;
const HOUR = 3_600_000;

beforeEach(async () => {
  ({ t, manager, intake, kiosk } = await backendWithEveryRole());
  await addRecliners(t, manager);
  seedPeople(t.db, t.clock.now());
  rig = await startCapacityRig(t);
});
afterEach(async () => {
  await rig.stop();
  t.cleanup();
});

const capacity = async () => {
  const res = await request(`${rig.base}/api/v1/capacity`);
  return { etag: res.headers.etag, body: JSON.parse(res.body) as Record<string, unknown> };
};

/** The Capacity rules form's input: the stored settings, every unit kind's thresholds. */
async function rulesInput() {
  const s = await t.must('capacity.getSettings', {}, manager);
  const stay = (k: UnitKind) => s.stayThresholds[k] ?? { warnMinutes: null, alertMinutes: null };
  return {
    ...s,
    stayThresholds: Object.fromEntries(UNIT_KINDS.map((k) => [k, stay(k)])) as Record<
      UnitKind,
      ReturnType<typeof stay>
    >,
  };
}

// The snapshot is rebuilt on the next turn after a write, or within a second for the clock,
// hence untilRead around the reads that follow one.
describe('census confirmation', () => {
  it('staff confirm: confirmedAt set, not stale, ETag moves; past the window it turns stale by itself', async () => {
    const before = await capacity();
    expect(before.body).toMatchObject({ confirmedAt: null, stale: true });

    const view = await t.must('census.confirm', {}, intake);
    expect(view).toMatchObject({ confirmedBy: 'intake', windowHours: 8, stale: false });
    const at = new Date(view.confirmedAt!).toISOString();
    const after = await untilRead(capacity, (c) => c.body.confirmedAt === at);
    expect(after.body).toMatchObject({ confirmedAt: at, stale: false });
    expect(after.etag).not.toBe(before.etag);

    // 7 h 59 min later: still fresh. Past 8 h: stale, with no write at all.
    t.clock.advance(8 * HOUR - 60_000);
    await new Promise((r) => setTimeout(r, 1300));
    expect((await capacity()).body.stale).toBe(false);
    t.clock.advance(2 * 60_000);
    const stale = await untilRead(capacity, (c) => c.body.stale === true);
    expect(stale.body).toMatchObject({ confirmedAt: at, stale: true });
    const page = await request(`${rig.base}/`);
    expect(page.body).toContain('STALE: these counts may be out of date.');
    expect(page.body).toContain('by intake staff');
    expect((await t.must('census.confirmation', {}, manager)).stale).toBe(true);
    expect((await t.must('beds.board', {}, intake)).capacity.census.stale).toBe(true);
  });

  it('is audited with the role, and the feed names the role, never the person', async () => {
    await t.must('census.confirm', {}, manager);
    const row = t.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'census.confirm'")
      .get() as { detail: string };
    expect(JSON.parse(row.detail)).toEqual({ role: 'manager' });
    const page = await untilRead(
      () => request(`${rig.base}/`),
      (p) => p.body.includes('by a manager'),
    );
    expect(page.body).toContain('by a manager');
    for (const path of ['/api/v1/capacity', '/api/v1/capacity.xml', '/']) {
      const body = (await request(`${rig.base}${path}`)).body;
      for (const secret of [...SECRET_STRINGS, 'Max Manager', 'Ida Intake'])
        expect(body.includes(secret), `${path} contains ${secret}`).toBe(false);
    }
  });

  it('window 0 turns staleness off; the window is validated and a bad one changes nothing', async () => {
    const s = await rulesInput();
    expect(s.confirmWindowHours).toBe(8);
    for (const bad of [-1, 169, 2.5, 'soon']) {
      const r = await t.callRaw(
        'capacity.updateSettings',
        { ...s, confirmWindowHours: bad },
        manager,
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/Confirmation window/);
    }
    expect((await t.must('capacity.getSettings', {}, manager)).confirmWindowHours).toBe(8);
    await t.must('capacity.updateSettings', { ...s, confirmWindowHours: 0 }, manager);
    const off = await untilRead(capacity, (c) => c.body.stale === false);
    expect(off.body).toMatchObject({ confirmedAt: null, stale: false });
    // Saving the rules without the field keeps the window.
    const { confirmWindowHours: _w, ...rest } = s;
    await t.must('capacity.updateSettings', rest, manager);
    expect((await t.must('capacity.getSettings', {}, manager)).confirmWindowHours).toBe(0);
  });

  it('a kiosk cannot confirm, and intake cannot change the window', async () => {
    const k = await t.call('census.confirm', {}, kiosk);
    expect(k.ok).toBe(false);
    const s = await rulesInput();
    const i = await t.call('capacity.updateSettings', { ...s, confirmWindowHours: 1 }, intake);
    expect(i.ok).toBe(false);
    expect(t.db.prepare('SELECT count(*) FROM census_confirmations').pluck().get()).toBe(0);
  });
});
