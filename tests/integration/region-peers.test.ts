import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CapacityJson } from '../../core/capacity/json';
import type { RegionCenter, RegionView } from '../../core/region/types';
import type { UserRow } from '../../db/users';
import { type TestBackend } from '../helpers/backend';
import { request, SECRET_STRINGS, type CapacityRig } from '../helpers/capacity';
import { buildCli } from '../helpers/cli-build';
import {
  confirmCensusAt,
  freePort,
  signInAt,
  readRegion,
  startRegionDesk,
  stopRegionDesk,
  type RegionDesk,
} from '../helpers/region';
import { untilRead as until } from '../helpers/until';
import { startServe, type ServeProcess } from '../helpers/serve';

/**
 * A county's region as it runs: this desk's board with two real `handoff serve` centers, one
 * followed over its event stream (its JSON feed) and one polled (its EDXL-HAVE feed, as another
 * vendor's board would read it). One of them dies without warning and comes back.
 */
describe('a region of two real centers, one of which goes down and comes back', () => {
  let cli: string;
  let north: ServeProcess;
  let south: ServeProcess | null = null;
  let southPort: number;
  let t: TestBackend;
  let manager: UserRow;
  let rig: CapacityRig;

  beforeAll(async () => {
    cli = await buildCli();
    southPort = await freePort();
    [north, south] = await Promise.all([
      startServe(['--demo'], { cli }),
      startServe(['--demo', '--capacity-port', String(southPort)], { cli }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([north?.stop(), south?.stop()]);
    fs.rmSync(path.dirname(cli), { recursive: true, force: true });
  });
  let desk: RegionDesk;
  // The shortest interval the setting allows; the test clock stands in for the wait.
  beforeEach(
    async () => ({ t, manager, rig } = desk = await startRegionDesk({ intervalSeconds: 10 })),
  );
  afterEach(() => stopRegionDesk(desk));

  const region = () => readRegion(rig);
  const center = (v: RegionView, name: string): RegionCenter =>
    v.centers.find((c) => c.name === name)!;
  const peerJson = async (p: ServeProcess) =>
    (await (await fetch(p.capacityUrl!)).json()) as CapacityJson;

  it('reads both; a dead center says so and sorts last while the other keeps streaming; back after the backoff with nothing lost', async () => {
    const southXml = `${south!.capacityUrl!}.xml`;
    await t.must('region.addPeer', { url: north.capacityUrl!, name: 'North' }, manager);
    await t.must('region.addPeer', { url: southXml, name: 'South' }, manager);
    const both = await until(
      region,
      (v) => center(v, 'North').reachable && center(v, 'South').reachable,
      10_000,
    );
    // The HAVE reading of a Handoff center agrees with that center's own JSON.
    const southOwn = await peerJson(south!);
    expect(center(both, 'South').capacity).toMatchObject({
      facility: { id: southOwn.facility.id, name: southOwn.facility.name },
      status: southOwn.status,
      acceptingLawEnforcement: southOwn.acceptingLawEnforcement,
      totals: { total: southOwn.totals.total, available: southOwn.totals.available },
    });
    expect(center(both, 'North').capacity!.totals).toEqual((await peerJson(north)).totals);
    expect(both.centers.map((c) => c.name)).toEqual(['Test Crisis Center', 'North', 'South']);
    // Give North's stream its moment to open after the first poll.
    await new Promise((r) => setTimeout(r, 1000));

    // South dies without a goodbye (power cut, crash).
    const dataDir = south!.dataDir;
    south!.child.kill('SIGKILL');
    await new Promise((r) => south!.child.once('exit', r));
    south = null;
    t.clock.advance(11_000);
    const down = await until(region, (v) => !center(v, 'South').reachable, 5_000);
    expect(center(down, 'South')).toMatchObject({ reachable: false });
    expect(center(down, 'South').error).toMatch(/refused/);
    // The last good counts stay on the board, marked by their age, and the dead center is last.
    expect(center(down, 'South').capacity!.totals.total).toBe(southOwn.totals.total);
    expect(down.centers.at(-1)!.name).toBe('South');
    const page = await request(`${rig.base}/region`);
    expect(page.body).toMatch(/South[\s\S]*UNREACHABLE/);

    // North is untouched: a change there still arrives over its stream within seconds.
    const confirmedAt = await confirmCensusAt(north);
    const seen = await until(
      region,
      (v) => center(v, 'North').capacity?.confirmedAt === confirmedAt,
      2_500,
    );
    expect(center(seen, 'North')).toMatchObject({ reachable: true, error: null, stale: false });
    expect(center(seen, 'North').capacity!.confirmedAt).toBe(confirmedAt);

    // South comes back on the same address with the same data. The region does not hammer a
    // center that just failed: nothing is read before the backoff is over…
    t.clock.advance(11_000); // a second failure: the next try waits 20 s
    await until(region, () => false, 1_500);
    south = await startServe(['--capacity-port', String(southPort)], { cli, dataDir });
    const manage = await signInAt(south, 'manager');
    const diverted = await manage('capacity.setManualStatus', {
      status: 'diverting',
      reason: 'Flooded lobby',
    });
    expect(diverted.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(center(await region(), 'South').reachable).toBe(false);
    // …then it is, and the board shows the center as it now is, counts intact.
    t.clock.advance(21_000);
    const back = await until(
      region,
      (v) => center(v, 'South').reachable && center(v, 'South').capacity?.note === 'Flooded lobby',
      5_000,
    );
    expect(center(back, 'South')).toMatchObject({ reachable: true, error: null });
    expect(center(back, 'South').capacity).toMatchObject({
      status: 'diverting',
      acceptingLawEnforcement: false,
      note: 'Flooded lobby',
      totals: { total: southOwn.totals.total },
    });
    expect(back.centers.at(-1)!.name).toBe('South'); // reachable, but sorted by name after North
    for (const body of [JSON.stringify(back), (await request(`${rig.base}/region`)).body])
      for (const s of SECRET_STRINGS) expect(body).not.toContain(s);
  }, 90_000);
});
