import net from 'node:net';
import { expect } from 'vitest';
import type { RegionView } from '../../core/region/types';
import type { UserRow } from '../../db/users';
import { addRecliners, setUpBackend, type TestBackend } from './backend';
import { request, seedPeople, startCapacityRig, type CapacityRig } from './capacity';
import type { ServeProcess } from './serve';
import { postApi, withCookie } from './ui-server';

/** A port free on loopback now, so a peer can be restarted on the same address. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** Signs in at a running `handoff serve` as a demo user; returns a caller with that session. */
export async function signInAt(
  serve: ServeProcess,
  username: 'intake' | 'manager' = 'intake',
): Promise<(method: string, body: unknown) => Promise<Response>> {
  const call = (method: string, body: unknown, cookie?: string) =>
    postApi(serve.url, `/api/call/${method}`, body, withCookie(cookie));
  const signIn = await call('auth.signIn', {
    username,
    password: `demo-${username}-password`,
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  return (method, body) => call(method, body, cookie);
}

/** Confirms the census at a running `handoff serve` (a change dispatch sees); returns the
 * confirmation time once the peer publishes it. */
export async function confirmCensusAt(serve: ServeProcess): Promise<string> {
  const call = await signInAt(serve);
  const published = async () =>
    ((await (await fetch(serve.capacityUrl!)).json()) as { confirmedAt: string | null })
      .confirmedAt;
  const before = await published();
  const res = await call('census.confirm', {});
  expect(res.status).toBe(200);
  // The peer's snapshot is rebuilt just after the write (coalesced, on its listener thread):
  // wait for the new confirmation to be published before comparing what the region saw.
  for (let i = 0; i < 100; i++) {
    const now = await published();
    if (now !== before && now !== null) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the peer never published the new confirmation');
}

export interface RegionDesk {
  t: TestBackend;
  manager: UserRow;
  intake: UserRow;
  rig: CapacityRig;
}

/**
 * This center's desk for a regional-board test: a backend with the seeded people, a recliner unit
 * when asked, the region's poll interval when given, and its capacity listener (where
 * /api/v1/region is served). Stop it with `stopRegionDesk`.
 */
export async function startRegionDesk(
  opts: { intervalSeconds?: number; recliners?: boolean } = {},
): Promise<RegionDesk> {
  const { t, manager, intake } = await setUpBackend();
  if (opts.recliners) await addRecliners(t, manager);
  seedPeople(t.db, t.clock.now());
  if (opts.intervalSeconds !== undefined)
    await t.must('region.setInterval', { intervalSeconds: opts.intervalSeconds }, manager);
  return { t, manager, intake, rig: await startCapacityRig(t) };
}

export async function stopRegionDesk(desk: RegionDesk, rigStopped = false): Promise<void> {
  if (!rigStopped) await desk.rig.stop();
  desk.t.cleanup();
}

/** The regional board as dispatch reads it from this center's listener. */
export const readRegion = async (rig: CapacityRig): Promise<RegionView> =>
  JSON.parse((await request(`${rig.base}/api/v1/region`)).body) as RegionView;
