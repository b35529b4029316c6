import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RegionCenter, RegionView } from '../../core/region/types';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import {
  request,
  SECRET_STRINGS,
  startFrozenEndpoint,
  type CapacityRig,
} from '../helpers/capacity';
import { buildCli } from '../helpers/cli-build';
import {
  confirmCensusAt,
  freePort,
  readRegion,
  startRegionDesk,
  stopRegionDesk,
  type RegionDesk,
} from '../helpers/region';
import { untilRead as until } from '../helpers/until';
import { startServe, type ServeProcess } from '../helpers/serve';
import { openPeerStream, STREAM_LIMITS, type PeerStream } from '../../server/region/stream';

const PEER_JSON = fs.readFileSync(path.resolve(__dirname, '../fixtures/region/peer.json'), 'utf8');

/** Handoff-shaped feeds whose event stream is refused in each way a server refuses one. */
async function startRefusingFeeds() {
  const hits = new Map<string, number>();
  let open = 0;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    if (url.endsWith('/api/v1/capacity')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(PEER_JSON);
    }
    if (url === '/sse/api/v1/capacity/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`id: sse-1\nevent: capacity\ndata: ${JSON.stringify(JSON.parse(PEER_JSON))}\n\n`);
      open += 1;
      res.on('close', () => (open -= 1));
      return;
    }
    if (url === '/busy/api/v1/capacity/events') {
      res.writeHead(503, { 'Retry-After': '10', 'Content-Type': 'application/json' });
      return res.end('{"error":"Too many open event streams"}');
    }
    if (url === '/plain/api/v1/capacity/events') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('hello');
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    base,
    hits: (p: string) => hits.get(p) ?? 0,
    openStreams: () => open,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('the regional board follows a Handoff peer’s event stream', () => {
  let cli: string;
  let peer: ServeProcess | null = null;
  let peerPort: number;
  let feeds: Awaited<ReturnType<typeof startRefusingFeeds>>;
  let t: TestBackend;
  let manager: UserRow;
  let rig: CapacityRig;

  beforeAll(async () => {
    cli = await buildCli();
    peerPort = await freePort();
    peer = await startServe(['--demo', '--capacity-port', String(peerPort)], { cli });
    feeds = await startRefusingFeeds();
  }, 90_000);
  afterAll(async () => {
    await Promise.all([peer?.stop(), feeds?.close()]);
    fs.rmSync(path.dirname(cli), { recursive: true, force: true });
  });
  let desk: RegionDesk;
  let stopped = false;
  // 300 s: anything that arrives within seconds came over the stream, not a poll.
  beforeEach(async () => {
    ({ t, manager, rig } = desk = await startRegionDesk({ intervalSeconds: 300 }));
    stopped = false;
  });
  afterEach(() => stopRegionDesk(desk, stopped));

  const region = () => readRegion(rig);
  const center = (v: RegionView, source: string): RegionCenter | undefined =>
    v.centers.find((c) => c.source === source);

  it('a change at the peer reaches /api/v1/region within 2 s though polls are 300 s apart; a restart is followed', async () => {
    const url = peer!.capacityUrl!;
    await t.must('region.addPeer', { url, name: 'North Center' }, manager);
    const first = await until(region, (v) => center(v, url)?.reachable === true, 10_000);
    expect(center(first, url)).toMatchObject({ reachable: true, error: null, stale: false });
    // Give the stream its moment to open after the first poll.
    await new Promise((r) => setTimeout(r, 1000));

    const confirmedAt = await confirmCensusAt(peer!);
    const started = Date.now();
    const seen = await until(
      region,
      (v) => center(v, url)?.capacity?.confirmedAt === confirmedAt,
      2500,
    );
    expect(center(seen, url)!.capacity!.confirmedAt).toBe(confirmedAt);
    expect(Date.now() - started).toBeLessThan(2500);

    // The peer restarts (same port, same data): the region picks the stream up again.
    const dataDir = peer!.dataDir;
    await peer!.stop();
    peer = await startServe(['--capacity-port', String(peerPort)], { cli, dataDir });
    await new Promise((r) => setTimeout(r, 500));
    const again = await confirmCensusAt(peer);
    expect(again).not.toBe(confirmedAt);
    const after = await until(
      region,
      (v) => center(v, url)?.capacity?.confirmedAt === again,
      20_000,
    );
    expect(center(after, url)).toMatchObject({ reachable: true, error: null });
    expect(center(after, url)!.capacity!.confirmedAt).toBe(again);

    const page = await request(`${rig.base}/region`);
    for (const body of [JSON.stringify(after), page.body])
      for (const s of SECRET_STRINGS) expect(body).not.toContain(s);
  }, 60_000);

  it('a peer whose stream is refused (404, 503 + Retry-After, not text/event-stream) is polled instead', async () => {
    for (const name of ['missing', 'busy', 'plain'])
      await t.must(
        'region.addPeer',
        { url: `${feeds.base}/${name}/api/v1/capacity`, name: `Refuses ${name}` },
        manager,
      );
    await until(
      async () => ['missing', 'busy', 'plain'].map((n) => feeds.hits(`/${n}/api/v1/capacity`)),
      (h) => h.every((n) => n >= 2),
      8000,
    );
    for (const name of ['missing', 'busy', 'plain']) {
      expect(feeds.hits(`/${name}/api/v1/capacity/events`)).toBeGreaterThanOrEqual(1);
      // After the refusal the feed was read again at once, though the interval is 300 s.
      expect(feeds.hits(`/${name}/api/v1/capacity`)).toBeGreaterThanOrEqual(2);
    }
    const v = await region();
    for (const name of ['missing', 'busy', 'plain'])
      expect(center(v, `${feeds.base}/${name}/api/v1/capacity`)).toMatchObject({
        reachable: true,
        error: null,
      });
    expect(JSON.stringify(v)).not.toContain('extraVendorField');
  }, 30_000);

  it('a stopped region closes every stream it follows', async () => {
    const url = `${feeds.base}/sse/api/v1/capacity`;
    await t.must('region.addPeer', { url, name: 'Streaming' }, manager);
    await until(
      async () => feeds.openStreams(),
      (n) => n === 1,
      8000,
    );
    expect(feeds.openStreams()).toBe(1);
    expect(center(await region(), url)).toMatchObject({ reachable: true, error: null });
    await rig.stop();
    stopped = true;
    await until(
      async () => feeds.openStreams(),
      (n) => n === 0,
      3000,
    );
    expect(feeds.openStreams()).toBe(0);
  }, 20_000);

  it('GET /api/v1/region/events pushes the region on every change; the page follows it', async () => {
    const url = peer!.capacityUrl!;
    await t.must('region.addPeer', { url, name: 'North Center' }, manager);
    await until(region, (v) => center(v, url)?.reachable === true, 10_000);
    const got: { id: string; view: RegionView; raw: string }[] = [];
    const es = new EventSource(`${rig.base}/api/v1/region/events`);
    es.addEventListener('region', (e) =>
      got.push({ id: e.lastEventId, view: JSON.parse(e.data) as RegionView, raw: e.data }),
    );
    try {
      await until(
        async () => got.length,
        (n) => n >= 1,
        5000,
      );
      // The first message is the region as /api/v1/region serves it, its id that answer's ETag.
      const now = await request(`${rig.base}/api/v1/region`);
      expect(got[0]!.view).toEqual(JSON.parse(now.body));
      expect(`"${got.at(-1)!.id}"`).toBe(now.headers.etag);

      const confirmedAt = await confirmCensusAt(peer!);
      await until(
        async () => got.at(-1)!.view,
        (v) => center(v, url)?.capacity?.confirmedAt === confirmedAt,
        3000,
      );
      expect(center(got.at(-1)!.view, url)!.capacity!.confirmedAt).toBe(confirmedAt);
      for (const m of got) for (const secret of SECRET_STRINGS) expect(m.raw).not.toContain(secret);

      // The page listens to that stream (CSP allows connecting to itself only) and names the
      // event it shows, so it fetches its markup again only when something changed.
      const page = await request(`${rig.base}/region`);
      expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(page.body).toContain("new EventSource('/api/v1/region/events'");
      const etag = (await request(`${rig.base}/api/v1/region`)).headers.etag as string;
      expect(page.body).toContain(`data-id="${etag.slice(1, -1)}"`);
    } finally {
      es.close();
    }
  }, 30_000);

  it('the region stream keeps the token rule (header, or ?token= for a browser EventSource)', async () => {
    await t.must('dispatch.rotateToken', {}, manager);
    const secret = (
      JSON.parse(
        t.db.prepare("SELECT value FROM settings WHERE key = 'dispatch'").pluck().get() as string,
      ) as { token: string }
    ).token;
    const events = `${rig.base}/api/v1/region/events`;
    await until(
      async () => (await request(`${rig.base}/api/v1/region`)).status,
      (st) => st === 401,
      3000,
    );
    expect((await request(events)).status).toBe(401);
    expect((await request(`${events}?token=wrong`)).status).toBe(401);
    const got: string[] = [];
    const withHeader = new EventSource(events, {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init.headers, Authorization: `Bearer ${secret}` } }),
    });
    const withQuery = new EventSource(`${events}?token=${encodeURIComponent(secret)}`);
    try {
      withHeader.addEventListener('region', () => got.push('header'));
      withQuery.addEventListener('region', () => got.push('query'));
      await until(
        async () => got,
        (g) => g.includes('header') && g.includes('query'),
        5000,
      );
      expect(got).toContain('header');
      expect(got).toContain('query');
    } finally {
      withHeader.close();
      withQuery.close();
    }
  });
});

describe('region stream limits', () => {
  it('per client address: beyond the limit 503 + Retry-After, as the capacity stream', async () => {
    const { t } = await setUpBackend();
    try {
      const json = Buffer.from(
        '{"version":1,"generatedAt":"2026-01-01T00:00:00.000Z","centers":[]}\n',
      );
      const reps = {
        json: { body: json, etag: '"region-1"', contentType: 'application/json' },
        html: { body: Buffer.from('<!doctype html>'), etag: '"page-1"', contentType: 'text/html' },
      };
      const ep = await startFrozenEndpoint(t, {
        region: () => reps,
        eventLimits: { perClient: 2 },
      });
      const url = `http://127.0.0.1:${ep.port}/api/v1/region/events`;
      const open: EventSource[] = [];
      try {
        const ids: string[] = [];
        for (let i = 0; i < 2; i++) {
          const es = new EventSource(url);
          es.addEventListener('region', (e) => ids.push(e.lastEventId));
          open.push(es);
        }
        await until(
          async () => ids.length,
          (n) => n === 2,
          3000,
        );
        expect(ids).toEqual(['region-1', 'region-1']);
        const third = await request(url);
        expect(third.status).toBe(503);
        expect(third.headers['retry-after']).toBe('10');
        // The capacity stream counts on its own: still open to this client.
        const cap = await new Promise<number>((resolve) => {
          const req = http.get(`http://127.0.0.1:${ep.port}/api/v1/capacity/events`, (res) => {
            resolve(res.statusCode!);
            req.destroy();
          });
        });
        expect(cap).toBe(200);
      } finally {
        for (const es of open) es.close();
        await ep.close();
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('a peer stream’s safety rules (openPeerStream against hostile servers)', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/quiet') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        return void res.write('id: a\nevent: capacity\ndata: {}\n\n');
      }
      if (req.url === '/huge') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        return void res.write(`event: capacity\ndata: ${'x'.repeat(600 * 1024)}`);
      }
      res.writeHead(302, { Location: '/quiet' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const run = (p: string, limits = STREAM_LIMITS) =>
    new Promise<{ messages: string[]; ended: string | null; stream: PeerStream }>((resolve) => {
      const out: { messages: string[]; ended: string | null; stream: PeerStream } = {
        messages: [],
        ended: null,
        stream: { alive: () => false, close: () => undefined },
      };
      out.stream = openPeerStream(
        `${base}${p}`,
        null,
        {
          message: (id) => out.messages.push(id),
          ended: (reason) => {
            out.ended = reason;
            resolve(out);
          },
        },
        limits,
      );
      setTimeout(() => resolve(out), 1500);
    });

  it('refuses a redirect and a message over 512 KB; a stream quiet past its limit is not alive', async () => {
    expect((await run('/redirect')).ended).toMatch(/Redirect not followed \(HTTP 302\)/);
    const huge = await run('/huge');
    expect(huge.ended).toMatch(/Event too large \(over 512 KB\)/);
    expect(huge.messages).toEqual([]);
    const quiet = await run('/quiet', { ...STREAM_LIMITS, quietMs: 500 });
    expect(quiet.messages).toEqual(['a']);
    expect(quiet.ended).toBeNull();
    expect(quiet.stream.alive(performance.now())).toBe(false);
    quiet.stream.close();
  });
});
