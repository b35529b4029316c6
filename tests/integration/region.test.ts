import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { testBackend, type TestBackend } from '../helpers/backend';
import { request, SECRET_STRINGS, type CapacityRig } from '../helpers/capacity';
import { buildCli } from '../helpers/cli-build';
import { readRegion, startRegionDesk, stopRegionDesk, type RegionDesk } from '../helpers/region';
import { untilRead as until } from '../helpers/until';
import { haveSchemaErrors } from '../helpers/have-schema';
import { startServe, type ServeProcess } from '../helpers/serve';

const FIXTURES = path.resolve(__dirname, '../fixtures/region');
const OTHER_VENDOR = fs.readFileSync(path.join(FIXTURES, 'other-vendor-have.xml'), 'utf8');
const LAUGHS = fs.readFileSync(path.join(FIXTURES, 'billion-laughs.xml'), 'utf8');

/** A small static server of feeds, good and hostile, written from the specification. */
async function startFeeds() {
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    switch (req.url) {
      case '/have.xml':
        return send(200, 'application/xml', OTHER_VENDOR);
      case '/garbage':
        return send(200, 'application/octet-stream', Buffer.from([0, 1, 2, 255, 254, 7]));
      case '/huge':
        return send(200, 'application/json', Buffer.alloc(10 * 1024 * 1024, 0x20));
      case '/laughs.xml':
        return send(200, 'application/xml', LAUGHS);
      case '/wrong-shape.json':
        return send(200, 'application/json', JSON.stringify({ status: 'open', beds: 3 }));
      case '/html-name.json': {
        const doc = JSON.parse(
          fs.readFileSync(
            path.join(FIXTURES, '..', '..', 'fixtures', 'region', 'peer.json'),
            'utf8',
          ),
        );
        return send(200, 'application/json', JSON.stringify(doc));
      }
      case '/loop':
        res.writeHead(302, { Location: '/loop' });
        return res.end();
      case '/slow': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const t = setInterval(() => (res.writableEnded ? clearInterval(t) : res.write(' ')), 200);
        res.on('close', () => clearInterval(t));
        return;
      }
      case '/never':
        return void hanging.push(res);
      default:
        return send(404, 'text/plain', 'no');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((r) => {
        for (const h of hanging) h.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('the regional board', () => {
  let cli: string;
  let peer: ServeProcess;
  let peerToken: ServeProcess;
  let feeds: Awaited<ReturnType<typeof startFeeds>>;
  let t: TestBackend;
  let manager: UserRow;
  let intake: UserRow;
  let rig: CapacityRig;

  beforeAll(async () => {
    cli = await buildCli();
    [peer, peerToken] = await Promise.all([
      startServe(['--demo'], { cli }),
      startServe(['--demo'], { cli }),
    ]);
    // The second peer requires a token (set in its own database, as its manager would).
    const dir = peerToken.dataDir;
    await peerToken.stop();
    const b = testBackend(dir);
    const admin = b.db
      .prepare("SELECT id FROM users WHERE username = 'admin'")
      .pluck()
      .get() as number;
    await b.must('dispatch.rotateToken', {}, b.user(admin));
    b.close();
    peerToken = await startServe([], { cli, dataDir: dir });
    feeds = await startFeeds();
  }, 90_000);
  afterAll(async () => {
    await Promise.all([peer?.stop(), peerToken?.stop(), feeds?.close()]);
    fs.rmSync(path.dirname(cli), { recursive: true, force: true });
  });
  let desk: RegionDesk;
  beforeEach(
    async () => ({ t, manager, intake, rig } = desk = await startRegionDesk({ recliners: true })),
  );
  afterEach(() => stopRegionDesk(desk));

  const region = () => readRegion(rig);

  it('the other vendor document is itself valid EDXL-HAVE 1.0', async () => {
    expect(await haveSchemaErrors(OTHER_VENDOR)).toEqual([]);
  });

  it('shows this center first, a Handoff peer and an EDXL-HAVE peer mapped onto v1; bad peers each say why, last', async () => {
    const add = (url: string, extra: { name?: string; token?: string } = {}) =>
      t.must('region.addPeer', { url, ...extra }, manager);
    await add(peer.capacityUrl!, { name: 'North Center' });
    await add(`${feeds.base}/have.xml`);
    await add(`${feeds.base}/garbage`, { name: 'Garbage' });
    await add(`${feeds.base}/huge`, { name: 'Huge' });
    await add(`${feeds.base}/laughs.xml`, { name: 'Laughs' });
    await add(`${feeds.base}/wrong-shape.json`, { name: 'Wrong shape' });
    await add(`${feeds.base}/loop`, { name: 'Loop' });
    await add(`${feeds.base}/slow`, { name: 'Slow' });
    await add(`${feeds.base}/never`, { name: 'Never' });
    await add('http://127.0.0.1:9/api/v1/capacity', { name: 'Down' });
    await add(`${feeds.base}/html-name.json`);
    await add(peerToken.capacityUrl!.replace('/api/v1/capacity', '/api/v1/capacity?x=1'), {
      name: 'Wrong token',
      token: 'not-the-token',
    });
    const v = await until(
      region,
      (r) =>
        r.centers.filter((c) => c.reachable || (c.error && c.error !== 'Not read yet')).length ===
        12,
      12_000,
    );
    const by = Object.fromEntries(v.centers.map((c) => [c.name, c]));
    const errors = Object.fromEntries(v.centers.map((c) => [c.name, c.error]));
    expect(errors).toMatchObject({ 'North Center': null });
    expect(v.version).toBe(1);
    expect(v.centers[0]).toMatchObject({
      source: null,
      name: 'Test Crisis Center',
      reachable: true,
    });
    expect(by['North Center']).toMatchObject({ reachable: true, error: null, stale: false });
    expect(by['North Center']!.capacity!.facility.name).toBe('Desert Bridge Crisis Center');
    const have = by['Saguaro Behavioral Health Pavilion']!;
    expect(have).toMatchObject({ reachable: true, source: `${feeds.base}/have.xml` });
    expect(have.capacity).toMatchObject({
      facility: { id: 'saguaro-behavioral-01', phone: '(520) 555-0177' },
      status: 'limited',
      acceptingLawEnforcement: true,
      totals: { total: 22, available: 2 },
      note: 'Adult unit nearly full',
      updatedAt: '2026-03-01T16:30:00.000Z',
    });
    expect(have.capacity!.units.map((u) => [u.kind, u.available, u.total])).toEqual([
      ['bed', 2, 16],
      ['youth_bed', 0, 6],
    ]);
    expect(by.Garbage!.error).toMatch(/neither JSON nor XML/);
    expect(by.Huge!.error).toMatch(/too large/);
    expect(by.Laughs!.error).toMatch(/DOCTYPE/);
    expect(by['Wrong shape']!.error).toMatch(/Not a capacity v1 feed/);
    expect(by.Loop!.error).toMatch(/Redirect not followed/);
    expect(by.Slow!.error).toMatch(/within 5 s/);
    expect(by.Never!.error).toMatch(/within 5 s/);
    expect(by.Down!.error).toMatch(/refused/);
    expect(by['Wrong token']!.error).toMatch(/refused the token \(HTTP 401\)/);
    // Reachable first, unreachable last.
    const reach = v.centers.map((c) => c.reachable);
    expect(reach.indexOf(false)).toBeGreaterThan(reach.lastIndexOf(true));
    // This center and the desk still answer.
    expect((await request(rig.url)).status).toBe(200);
    expect((await t.must('beds.board', {}, intake)).units).toHaveLength(1);

    // The page: every center in words, escaped, with nobody's data.
    const page = await request(`${rig.base}/region`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain(
      'Saguaro Behavioral Health Pavilion <span class="st">LIMITED</span>',
    );
    expect(page.body).toContain('UNREACHABLE');
    // A name with markup is text, escaped on the page; a peer's extra fields never pass.
    const evil = v.centers.find((c) => c.source === `${feeds.base}/html-name.json`)!;
    expect(evil.name).toBe('<img src=x onerror=alert(1)> Center');
    expect(JSON.stringify(v)).not.toContain('extraVendorField');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt; Center');
    expect(page.body).not.toContain('<img');
    for (const body of [page.body, JSON.stringify(v)])
      for (const s of SECRET_STRINGS) expect(body).not.toContain(s);
  }, 60_000);

  it('refuses its own feed, a duplicate, and bad addresses; the interval is 10–300 s', async () => {
    const own = await t.call('region.addPeer', { url: rig.url }, manager);
    expect(own.ok).toBe(false);
    if (!own.ok) expect(own.error.message).toMatch(/own feed/);
    await t.must('region.addPeer', { url: peer.capacityUrl! }, manager);
    const dup = await t.call('region.addPeer', { url: peer.capacityUrl! }, manager);
    expect(dup.ok).toBe(false);
    for (const url of ['nope', 'ftp://x.org/feed', 'http://u:p@x.org/feed']) {
      const r = await t.callRaw('region.addPeer', { url }, manager);
      expect(r.ok).toBe(false);
    }
    for (const intervalSeconds of [9, 301, 1.5]) {
      const r = await t.callRaw('region.setInterval', { intervalSeconds }, manager);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/10 to 300 seconds/);
    }
    expect(
      (await t.must('region.setInterval', { intervalSeconds: 10 }, manager)).intervalSeconds,
    ).toBe(10);
    expect((await t.call('region.addPeer', { url: 'https://x.org/feed' }, intake)).ok).toBe(false);
    // The token is never shown back.
    await t.must(
      'region.addPeer',
      { url: 'https://x.org/feed', token: 'sekrit-token-123' },
      manager,
    );
    const s = await t.must('region.settings', {}, manager);
    expect(JSON.stringify(s)).not.toContain('sekrit-token-123');
    expect(s.peers.find((p) => p.url === 'https://x.org/feed')!.hasToken).toBe(true);
  });
});
