import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCapacityEndpoint } from '../../server/capacity/endpoint';
import { rawExchange, request } from '../helpers/capacity';
import { useCapacityEndpoint } from '../helpers/capacity-endpoint';

const c = useCapacityEndpoint();
const { get } = c;

describe('HTTP rules', () => {
  it('HEAD wherever GET; 405 with Allow; 404 JSON; CORS preflight; healthz', async () => {
    for (const path of ['/api/v1/capacity', '/api/v1/capacity.xml', '/', '/healthz']) {
      const g = await get(path);
      const h = await request(`${c.rig.base}${path}`, { method: 'HEAD' });
      expect(h.status, path).toBe(200);
      expect(h.body).toBe('');
      expect(h.headers.etag).toBe(g.headers.etag);
      expect(h.headers['content-length']).toBe(String(Buffer.byteLength(g.body)));
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const r = await request(`${c.rig.base}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
      }
    }
    const missing = await get('/api/v2/capacity');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ error: 'Not found. Try /api/v1/capacity.' });
    const pre = await request(`${c.rig.base}/api/v1/capacity`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
    expect(JSON.parse((await get('/healthz')).body)).toEqual({ ok: true });
  });

  it('the status page is large, self-refreshing, escaped and shows the facts', async () => {
    const page = await get('/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="30"></noscript>');
    expect(page.body).toContain('Keep this page up to date (live, and every 30 seconds)');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(page.body).toContain('Tom &amp; Jerry&#39;s &lt;Crisis&gt;');
    expect(page.body).toContain('OPEN');
    expect(page.body).toContain('Accepting police drop-offs: <strong>YES</strong>');
    expect(page.body).toContain('Officers waiting: <strong>1</strong>');
  });

  it('with a token: 401 without it or with a wrong one; constant-time match lets the right one in', async () => {
    const v = await c.t.must('dispatch.rotateToken', {}, c.manager);
    const token = v.token!;
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect((await get('/api/v1/capacity')).status).toBe(401);
    const wrong = await get('/api/v1/capacity', { authorization: `Bearer ${token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('Bearer');
    expect((await get('/api/v1/capacity', { authorization: `Basic ${token}` })).status).toBe(401);
    expect((await get('/api/v1/capacity', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get(`/?token=${token}`)).status).toBe(200);
    expect((await get('/?token=nope')).status).toBe(401);
    expect((await get('/healthz')).status).toBe(200); // liveness carries no facts
    await c.t.must('dispatch.clearToken', {}, c.manager);
    expect((await get('/api/v1/capacity')).status).toBe(200);
    // Only managers may see or change the token.
    expect(await c.t.call('dispatch.get', {}, c.intake)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('rate-limits each client on its own: 429 + Retry-After, others still served', async () => {
    let clock = 0;
    const ep = await startCapacityEndpoint({
      host: '127.0.0.1',
      port: 0,
      token: null,
      rateLimit: 2,
      snapshot: () => c.rig.sharing.snapshot(),
      monotonicNow: () => clock,
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(ep.url)).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
      const limited = await request(ep.url);
      expect(limited.headers['retry-after']).toBe('1');
      // Another client (another loopback address) is unaffected.
      expect((await request(ep.url, { localAddress: '127.0.0.2' })).status).toBe(200);
      clock += 1000;
      expect((await request(ep.url)).status).toBe(200);
    } finally {
      await ep.close();
    }
  });

  it('malformed requests, huge headers, bodies and slow clients do not hold it', async () => {
    expect(await rawExchange(c.rig.port, 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    const huge = `GET /api/v1/capacity HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    expect(await rawExchange(c.rig.port, huge)).toMatch(/^HTTP\/1\.1 431/);
    // A slow client that never finishes its headers...
    const slow = net.connect(c.rig.port, '127.0.0.1');
    slow.on('error', () => undefined);
    slow.write('GET /api/v1/capacity HTTP/1.1\r\nHost: x\r\n');
    // ...and a body of 10 MB announced: answered without reading it, connection closed.
    const withBody = await rawExchange(
      c.rig.port,
      'POST /api/v1/capacity HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\nabc',
    );
    expect(withBody).toMatch(/^HTTP\/1\.1 405/);
    expect(withBody).toMatch(/connection: close/i);
    // Everyone else is still served meanwhile.
    expect((await get('/api/v1/capacity')).status).toBe(200);
    slow.destroy();
    expect(await rawExchange(c.rig.port, 'GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 400/,
    );
  });
});

describe('timeouts', () => {
  it('a client that never finishes its headers is cut off (408) while others are served', async () => {
    const ep = await startCapacityEndpoint({
      host: '127.0.0.1',
      port: 0,
      token: null,
      rateLimit: 0,
      snapshot: () => c.rig.sharing.snapshot(),
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 },
    });
    try {
      const port = Number(new URL(ep.url).port);
      const slow = rawExchange(port, 'GET /api/v1/capacity HTTP/1.1\r\nHost: x\r\n', 5000);
      expect((await request(ep.url)).status).toBe(200);
      expect(await slow).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await ep.close();
    }
  });
});

describe('zero database work per poll', () => {
  it('a thousand polls of every representation run no query', async () => {
    await get('/api/v1/capacity'); // warm
    let queries = 0;
    const db = c.t.db;
    const prepare = db.prepare.bind(db);
    const exec = db.exec.bind(db);
    const pragma = db.pragma.bind(db);
    db.prepare = ((sql: string) => {
      queries++;
      return prepare(sql);
    }) as typeof db.prepare;
    db.exec = ((sql: string) => {
      queries++;
      return exec(sql);
    }) as typeof db.exec;
    db.pragma = ((...a: Parameters<typeof db.pragma>) => {
      queries++;
      return pragma(...a);
    }) as typeof db.pragma;
    try {
      const etag = (await get('/api/v1/capacity')).headers.etag!;
      const paths = ['/api/v1/capacity', '/api/v1/capacity.xml', '/', '/healthz'];
      for (let i = 0; i < 1000; i += 10) {
        await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            get(paths[(i + j) % 4]!, j % 3 === 0 ? { 'if-none-match': etag } : {}),
          ),
        );
      }
      expect(queries).toBe(0);
      // The counter works: a change is counted.
      await c.t.must('beds.setStatus', { bedId: c.bedIds[2]!, status: 'cleaning' }, c.intake);
      expect(queries).toBeGreaterThan(0);
    } finally {
      db.prepare = prepare;
      db.exec = exec;
      db.pragma = pragma;
    }
  });
});
