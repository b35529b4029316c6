import http from 'node:http';
import net from 'node:net';
import { EventSource } from 'eventsource';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { setUpBackend, testBackend, type TestBackend } from '../helpers/backend';
import {
  request,
  SECRET_STRINGS,
  seedPeople,
  startCapacityRig,
  startFrozenEndpoint,
  type CapacityRig,
} from '../helpers/capacity';
import { startServe } from '../helpers/serve';
import { until } from '../helpers/until';
import { useBuiltCli } from '../helpers/built-cli';

interface Received {
  id: string;
  data: Record<string, unknown>;
  raw: string;
}

/** A real EventSource client (the `eventsource` package) collecting `capacity` events. */
function follow(url: string, headers: Record<string, string> = {}) {
  const got: Received[] = [];
  const es = new EventSource(url, {
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), ...headers },
      }),
  });
  es.addEventListener('capacity', (e) =>
    got.push({
      id: e.lastEventId,
      data: JSON.parse(e.data) as Record<string, unknown>,
      raw: e.data,
    }),
  );
  return { es, got };
}

/** Opens a raw stream and returns its text after `ms` (headers included). */
function rawStream(port: number, path: string, headers: Record<string, string>, ms: number) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        setTimeout(() => {
          req.destroy();
          resolve({ status: res.statusCode!, headers: res.headers, body });
        }, ms);
      });
      req.on('error', reject);
    },
  );
}

describe('GET /api/v1/capacity/events', () => {
  let t: TestBackend;
  let manager: UserRow;
  let intake: UserRow;
  let rig: CapacityRig;
  let beds: number[];
  const streams: EventSource[] = [];

  beforeEach(async () => {
    ({ t, manager, intake } = await setUpBackend());
    const unit = await t.must('units.create', { name: 'Recliners', kind: 'chair' }, manager);
    beds = (
      await t.must('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 1, to: 6 }, manager)
    ).beds.map((b) => b.id);
    seedPeople(t.db, t.clock.now());
    rig = await startCapacityRig(t);
  });
  afterEach(async () => {
    for (const es of streams.splice(0)) es.close();
    await rig.stop();
    t.cleanup();
  });
  const events = `/api/v1/capacity/events`;

  it('sends the state on connect, then one message per change with the newest state (≤ 1/s)', async () => {
    const { es, got } = follow(`${rig.base}${events}`);
    streams.push(es);
    await until(() => got.length === 1, 5000, 'first message');
    const json = await request(rig.url);
    expect(got[0]!.id).toBe(json.headers.etag!.slice(1, -1));
    expect(got[0]!.data).toEqual(JSON.parse(json.body));
    expect(got[0]!.raw).not.toContain('\n');

    // Five changes at once: coalesced, and what arrives last is the newest state.
    for (const id of beds.slice(0, 5))
      await t.must(
        'beds.setStatus',
        { bedId: id, status: 'out_of_service', reason: 'repair' },
        intake,
      );
    await until(
      () => (got.at(-1)?.data.totals as { available: number } | undefined)?.available === 1,
      5000,
      'the newest state',
    );
    await new Promise((r) => setTimeout(r, 1200));
    expect(got.length).toBeLessThanOrEqual(3);
    expect(got.at(-1)!.id).toBe((await request(rig.url)).headers.etag!.slice(1, -1));
    // A read changes nothing: no message.
    const n = got.length;
    await t.must('beds.board', {}, intake);
    await new Promise((r) => setTimeout(r, 1200));
    expect(got.length).toBe(n);
  });

  it('wire format: retry 5000, id/event/data lines, CORS; Last-Event-ID of the current state skips the first', async () => {
    const fresh = await rawStream(rig.port, events, {}, 400);
    expect(fresh.status).toBe(200);
    expect(fresh.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(fresh.headers['cache-control']).toBe('no-cache');
    expect(fresh.headers['access-control-allow-origin']).toBe('*');
    const id = (await request(rig.url)).headers.etag!.slice(1, -1);
    expect(fresh.body).toMatch(
      new RegExp(
        `^retry: 5000\\n\\nid: ${id.replace(/[-_]/g, '\\$&')}\\nevent: capacity\\ndata: \\{.*\\}\\n\\n$`,
      ),
    );
    const seen = await rawStream(rig.port, events, { 'Last-Event-ID': id }, 400);
    expect(seen.body).toBe('retry: 5000\n\n');
    const old = await rawStream(rig.port, events, { 'Last-Event-ID': 'something-older' }, 400);
    expect(old.body).toContain(`id: ${id}\n`);
  });

  it('same token rule as the JSON (header, or ?token= for a browser EventSource)', async () => {
    await t.must('dispatch.rotateToken', {}, manager);
    const token = t.db
      .prepare("SELECT value FROM settings WHERE key = 'dispatch'")
      .pluck()
      .get() as string;
    const secret = (JSON.parse(token) as { token: string }).token;
    await until(() => rig.sharing.status().running, 2000);
    expect((await rawStream(rig.port, events, {}, 200)).status).toBe(401);
    expect((await rawStream(rig.port, `${events}?token=wrong`, {}, 200)).status).toBe(401);
    const withHeader = follow(`${rig.base}${events}`, { Authorization: `Bearer ${secret}` });
    const withQuery = follow(`${rig.base}${events}?token=${encodeURIComponent(secret)}`);
    streams.push(withHeader.es, withQuery.es);
    await until(() => withHeader.got.length === 1 && withQuery.got.length === 1, 5000, 'both');
  });

  it('no person data in any message', async () => {
    const { es, got } = follow(`${rig.base}${events}`);
    streams.push(es);
    await until(() => got.length === 1, 5000, 'first message');
    await t.must(
      'beds.setStatus',
      { bedId: beds[0]!, status: 'out_of_service', reason: 'repair' },
      intake,
    );
    await until(() => got.length >= 2, 5000, 'a change');
    for (const g of got) for (const s of SECRET_STRINGS) expect(g.raw).not.toContain(s);
  });
});

describe('stream limits and heartbeats', () => {
  let t: TestBackend;
  beforeEach(async () => {
    ({ t } = await setUpBackend());
  });
  afterEach(() => t.cleanup());

  it('20 per client address and the total cap give 503 + Retry-After; others are still served; `: ping`', async () => {
    const ep = await startFrozenEndpoint(t, { eventLimits: { total: 22, pingMs: 150 } });
    const sockets: http.ClientRequest[] = [];
    const open = (localAddress: string) =>
      new Promise<number>((resolve) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: ep.port,
            path: '/api/v1/capacity/events',
            localAddress,
            agent: false,
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
            if (res.statusCode === 503) expect(res.headers['retry-after']).toBe('10');
          },
        );
        req.on('error', () => undefined);
        sockets.push(req);
      });
    try {
      const first = await Promise.all(Array.from({ length: 20 }, () => open('127.0.0.1')));
      expect(first.every((s) => s === 200)).toBe(true);
      expect(await open('127.0.0.1')).toBe(503);
      // Another address is still served, up to the total.
      expect(await open('127.0.0.2')).toBe(200);
      expect(await open('127.0.0.3')).toBe(200);
      expect(await open('127.0.0.3')).toBe(503);
      const json = await request(ep.url);
      expect(json.status).toBe(200);
      const ping = await new Promise<string>((resolve) => {
        let body = '';
        const req = http.get(
          { host: '127.0.0.1', port: ep.port, path: '/api/v1/capacity/events', agent: false },
          (res) => {
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
          },
        );
        sockets.push(req);
        setTimeout(() => resolve(body), 300);
      });
      expect(ping).toContain('Too many open event streams'); // refused: the total is reached
      // Closing streams frees places.
      for (const s of sockets.splice(0, 5)) s.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const after = await rawStream(ep.port, '/api/v1/capacity/events', {}, 400);
      expect(after.status).toBe(200);
      expect(after.body).toContain(': ping\n\n');
    } finally {
      for (const s of sockets) s.destroy();
      await ep.close();
    }
  });
});

describe('across a restart of handoff serve', () => {
  const built = useBuiltCli();

  it('the EventSource reconnects by itself and receives the newest state', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    built.serve = await startServe(['--demo', '--capacity-port', String(port)], { cli: built.cli });
    const dataDir = built.serve.dataDir;
    const { es, got } = follow(
      built.serve.capacityUrl!.replace('/api/v1/capacity', '/api/v1/capacity/events'),
    );
    try {
      await until(() => got.length === 1, 8000, 'first message');
      const before = got[0]!;
      await built.serve.stop();
      built.serve = null;

      // While it is down, intake confirms the census at this center (the same database).
      const b = testBackend(dataDir);
      const intake = b.db
        .prepare("SELECT id FROM users WHERE username = 'intake'")
        .pluck()
        .get() as number;
      await b.must('census.confirm', {}, b.user(intake));
      const confirmedAt = new Date(
        b.db.prepare('SELECT max(at) FROM census_confirmations').pluck().get() as number,
      ).toISOString();
      b.close();

      built.serve = await startServe(['--capacity-port', String(port)], {
        cli: built.cli,
        dataDir,
      });
      await until(() => got.length >= 2, 15_000, 'a message after the restart');
      const after = got.at(-1)!;
      expect(after.id).not.toBe(before.id);
      expect(after.data.confirmedAt).toBe(confirmedAt);
      const json = await (await fetch(built.serve.capacityUrl!)).json();
      expect(after.data).toEqual(json);
    } finally {
      es.close();
    }
  }, 60_000);
});
