import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { reachableUrls } from '../../server/capacity/sharing';
import { addRecliners, setUpBackend, type TestBackend } from '../helpers/backend';
import { request, startCapacityRig, type CapacityRig } from '../helpers/capacity';

describe('the address dispatch can use (#15 point 13)', () => {
  const url = 'http://0.0.0.0:8787/api/v1/capacity';
  const here = ['127.0.0.1', '192.168.1.20', '10.0.0.5'];

  it('listening on every network: one URL per address of this computer, never loopback', () => {
    expect(reachableUrls({ url, host: '0.0.0.0' }, here)).toEqual([
      'http://192.168.1.20:8787/api/v1/capacity',
      'http://10.0.0.5:8787/api/v1/capacity',
    ]);
    // No network at all: nothing dispatch could use (the settings say so).
    expect(reachableUrls({ url, host: '0.0.0.0' }, ['127.0.0.1'])).toEqual([]);
  });

  it('on one LAN address: that address; on loopback: none (local only)', () => {
    const lan = 'http://192.168.1.20:8787/api/v1/capacity';
    expect(reachableUrls({ url: lan, host: '192.168.1.20' }, here)).toEqual([lan]);
    const local = 'http://127.0.0.1:8787/api/v1/capacity';
    expect(reachableUrls({ url: local, host: '127.0.0.1' }, here)).toEqual([]);
    expect(reachableUrls({ url: null, host: '0.0.0.0' }, here)).toEqual([]);
  });
});

describe('dispatch settings and the status page, on a running listener', () => {
  let t: TestBackend;
  let admin: UserRow;
  let manager: UserRow;
  let rig: CapacityRig;

  beforeEach(async () => {
    ({ t, admin, manager } = await setUpBackend());
    t.clock.set(Date.UTC(2026, 2, 8, 16, 0)); // 09:00 in Phoenix
    await t.must(
      'facility.update',
      { name: 'Desert Crisis Center', timeZone: 'America/Phoenix', phone: '' },
      admin,
    );
    await addRecliners(t, manager, 2);
    rig = await startCapacityRig(t);
  });
  afterEach(async () => {
    await rig.stop();
    t.cleanup();
  });

  it('a listener on 127.0.0.1 is reported local only, with no address to give dispatch', async () => {
    const v = await t.must('dispatch.get', {}, admin);
    expect(v.running).toBe(true);
    expect(v.localOnly).toBe(true);
    expect(v.urls).toEqual([]);
    // The status page still opens in a browser on this computer.
    expect(v.statusPageUrls).toEqual([`${rig.base}/`]);
  });

  it("the status page says when a diversion ends, in the facility's time zone; the JSON keeps its keys", async () => {
    const keysBefore = Object.keys(JSON.parse((await request(rig.url)).body) as object);
    await t.must(
      'capacity.setManualStatus',
      { status: 'diverting', reason: 'Staffing', durationMinutes: 90 },
      manager,
    );
    await expect
      .poll(async () => (await request(`${rig.base}/`)).body)
      .toContain('Diverting until <strong><time datetime="2026-03-08T17:30:');
    const page = (await request(`${rig.base}/`)).body;
    expect(page).toContain('Mar 8, 2026, 10:30 AM</time></strong> (America/Phoenix).');
    const json = JSON.parse((await request(rig.url)).body) as Record<string, unknown>;
    expect(json.status).toBe('diverting');
    expect(Object.keys(json)).toEqual(keysBefore);

    // Closed with no end time: the page says so instead of inventing one.
    await t.must('capacity.setManualStatus', { status: 'closed', reason: 'Water leak' }, manager);
    await expect
      .poll(async () => (await request(`${rig.base}/`)).body)
      .toContain('Closed until staff lift it (no end time set).');
    await t.must('capacity.setManualStatus', { status: null }, manager);
    await expect
      .poll(async () => (await request(`${rig.base}/`)).body)
      .not.toContain('until staff lift it');
  });
});
