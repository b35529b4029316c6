import net from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { startCapacityMonitor } from '../../server/capacity/monitor';
import { startDispatchSharing } from '../../server/capacity/sharing';
import { startCapacityEndpoint } from '../../server/capacity/endpoint';
import { notifyChange } from '../../server/context';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import { brokenWorker, buildWorker } from '../helpers/workers';
import { haveSchemaErrors } from '../helpers/have-schema';
import {
  rawExchange,
  request,
  SECRET_STRINGS,
  seedPeople,
  startCapacityRig,
  type CapacityRig,
} from '../helpers/capacity';

let t: TestBackend;
let admin: UserRow;
let manager: UserRow;
let intake: UserRow;
let rig: CapacityRig;
let bedIds: number[];
const NASTY_NAME = `Tom & Jerry's <Crisis> "Center" >`;

beforeEach(async () => {
  ({ t, admin, manager, intake } = await setUpBackend());
  await t.must(
    'facility.update',
    { name: NASTY_NAME, timeZone: 'America/Phoenix', phone: '(520) 555-0199' },
    admin,
  );
  const chairs = await t.must('units.create', { name: 'Recliners', kind: 'chair' }, manager);
  const c = await t.must(
    'beds.bulkCreate',
    { unitId: chairs.id, prefix: 'C', from: 1, to: 4 },
    manager,
  );
  const adults = await t.must(
    'units.create',
    { name: 'Adult beds', kind: 'bed', staffedLimit: 2 },
    manager,
  );
  const b = await t.must(
    'beds.bulkCreate',
    { unitId: adults.id, prefix: 'B', from: 1, to: 3 },
    manager,
  );
  const youth = await t.must('units.create', { name: 'Youth', kind: 'youth_bed' }, manager);
  await t.must('beds.bulkCreate', { unitId: youth.id, prefix: 'Y', from: 1, to: 2 }, manager);
  bedIds = [...c.beds, ...b.beds].map((x) => x.id);
  const people = seedPeople(t.db, t.clock.now());
  await t.must('beds.assign', { bedId: c.beds[0]!.id, encounterId: people.walkIn }, intake);
  await t.must('beds.assign', { bedId: b.beds[0]!.id, encounterId: people.police }, intake);
  // The police drop-off is assigned a bed but the officer has not been released yet.
  t.db.prepare("UPDATE encounters SET status = 'arrived' WHERE id = ?").run(people.police);
  rig = await startCapacityRig(t);
});
afterEach(async () => {
  await rig.stop();
  t.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  request(`${rig.base}${path}`, { headers });

describe('GET /api/v1/capacity', () => {
  it('answers exactly the v1 contract', async () => {
    const res = await get('/api/v1/capacity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const body = JSON.parse(res.body);
    expect(Object.keys(body)).toEqual([
      'facility',
      'status',
      'acceptingLawEnforcement',
      'units',
      'totals',
      'officersWaiting',
      'accepts',
      'note',
      'updatedAt',
      'confirmedAt',
      'stale',
      'generatedAt',
    ]);
    // Nothing confirmed yet: stale by definition (window 8 h by default).
    expect(body.confirmedAt).toBeNull();
    expect(body.stale).toBe(true);
    expect(body.facility).toEqual({
      id: expect.any(String),
      name: NASTY_NAME,
      timeZone: 'America/Phoenix',
      phone: '(520) 555-0199',
    });
    expect(body.units).toEqual([
      {
        id: expect.any(String),
        name: 'Recliners',
        kind: 'chair',
        total: 4,
        available: 3,
        occupied: 1,
        reserved: 0,
        outOfService: 0,
      },
      {
        id: expect.any(String),
        name: 'Adult beds',
        kind: 'bed',
        total: 3,
        available: 1,
        occupied: 1,
        reserved: 0,
        outOfService: 0,
      },
      {
        id: expect.any(String),
        name: 'Youth',
        kind: 'youth_bed',
        total: 2,
        available: 2,
        occupied: 0,
        reserved: 0,
        outOfService: 0,
      },
    ]);
    expect(body.totals).toEqual({
      total: 9,
      available: 6,
      occupied: 2,
      reserved: 0,
      outOfService: 0,
    });
    expect(body).toMatchObject({
      status: 'open',
      acceptingLawEnforcement: true,
      officersWaiting: 1,
      accepts: {
        adults: true,
        youth: true,
        involuntaryHolds: true,
        intoxicated: true,
        medicalClearanceRequired: false,
      },
      note: null,
    });
    expect(new Date(body.updatedAt).toISOString()).toBe(body.updatedAt);
    expect(new Date(body.generatedAt).toISOString()).toBe(body.generatedAt);
  });

  it('says diverting with the reason as the note, and refuses police', async () => {
    await t.must(
      'capacity.setManualStatus',
      { status: 'diverting', reason: 'Generator test' },
      manager,
    );
    const body = JSON.parse((await get('/api/v1/capacity')).body);
    expect(body).toMatchObject({
      status: 'diverting',
      acceptingLawEnforcement: false,
      note: 'Generator test',
    });
  });

  it('ETag: 304 on If-None-Match; changes when a bed changes and not otherwise', async () => {
    const first = await get('/api/v1/capacity');
    const etag = first.headers.etag!;
    const again = await get('/api/v1/capacity', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/v1/capacity', { 'if-none-match': `"x", W/${etag}` })).status).toBe(304);

    // Unrelated writes and reads: same bytes, same tag.
    await t.must(
      'users.create',
      {
        displayName: 'New Person',
        username: 'newp',
        role: 'intake',
        password: 'a long password 1',
      },
      admin,
    );
    await t.must('beds.board', {}, intake);
    t.clock.advance(60_000);
    rig.monitor.rebuild();
    const unchanged = await get('/api/v1/capacity');
    expect(unchanged.headers.etag).toBe(etag);
    expect(unchanged.body).toBe(first.body);

    await t.must('beds.setStatus', { bedId: bedIds[1]!, status: 'cleaning' }, intake);
    const changed = await get('/api/v1/capacity', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(JSON.parse(changed.body).units[0].available).toBe(2);
  });
});

describe('EDXL-HAVE 1.0', () => {
  it('is well-formed XML with the HAVE elements, and escapes every text', async () => {
    const res = await get('/api/v1/capacity.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers.etag).toBeTruthy();
    expect(res.body).toContain('Tom &amp; Jerry&apos;s &lt;Crisis&gt; &quot;Center&quot; &gt;');
    const doc = new XMLParser({
      ignoreAttributes: false,
      removeNSPrefix: true,
      isArray: (n) => n === 'BedCapacity',
    }).parse(res.body);
    expect(XMLValidator.validate(res.body)).toBe(true);
    const raw = new XMLParser({ ignoreAttributes: false }).parse(res.body);
    expect(raw['have:HospitalStatus']['@_xmlns:have']).toBe(
      'urn:oasis:names:tc:emergency:EDXL:HAVE:1.0',
    );
    const h = doc.HospitalStatus.Hospital;
    expect(String(h.Organization.OrganizationInformation.OrganisationName.NameElement)).toBe(
      NASTY_NAME,
    );
    expect(h.EmergencyDepartmentStatus.EMSTraffic.EMSTrafficStatus).toBe('Normal');
    expect(h.HospitalBedCapacityStatus.BedCapacity).toEqual([
      {
        BedType: 'AdultPsychiatric',
        SubCategoryBedType: 'chair',
        Capacity: { CapacityStatus: 'Vacant/Available', AvailableCount: 3, BaselineCount: 4 },
      },
      {
        BedType: 'AdultPsychiatric',
        SubCategoryBedType: 'bed',
        Capacity: { CapacityStatus: 'Vacant/Available', AvailableCount: 1, BaselineCount: 3 },
      },
      {
        BedType: 'PediatricPsychiatric',
        SubCategoryBedType: 'youth_bed',
        Capacity: { CapacityStatus: 'Vacant/Available', AvailableCount: 2, BaselineCount: 2 },
      },
    ]);
    expect(await haveSchemaErrors(res.body)).toEqual([]);
    expect(h.HospitalFacilityStatus.Activity24Hr).toEqual({ Admissions: 2, Discharges: 0 });
    expect(h.LastUpdateTime).toBe(JSON.parse((await get('/api/v1/capacity')).body).updatedAt);
  });

  it('marks closed traffic when diverting', async () => {
    await t.must(
      'capacity.setManualStatus',
      { status: 'closed', reason: 'Fire <drill> & evacuation' },
      manager,
    );
    const res = await get('/api/v1/capacity.xml');
    const doc = new XMLParser({ removeNSPrefix: true }).parse(res.body);
    expect(doc.HospitalStatus.Hospital.EmergencyDepartmentStatus.EMSTraffic).toEqual({
      EMSTrafficStatus: 'Closed',
      EMSTrafficReason: 'Fire <drill> & evacuation',
    });
    expect(doc.HospitalStatus.Hospital.HospitalFacilityStatus.FacilityStatus).toBe('Closed');
    expect(await haveSchemaErrors(res.body)).toEqual([]);
  });
});

describe('HTTP rules', () => {
  it('HEAD wherever GET; 405 with Allow; 404 JSON; CORS preflight; healthz', async () => {
    for (const path of ['/api/v1/capacity', '/api/v1/capacity.xml', '/', '/healthz']) {
      const g = await get(path);
      const h = await request(`${rig.base}${path}`, { method: 'HEAD' });
      expect(h.status, path).toBe(200);
      expect(h.body).toBe('');
      expect(h.headers.etag).toBe(g.headers.etag);
      expect(h.headers['content-length']).toBe(String(Buffer.byteLength(g.body)));
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const r = await request(`${rig.base}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
      }
    }
    const missing = await get('/api/v2/capacity');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ error: 'Not found. Try /api/v1/capacity.' });
    const pre = await request(`${rig.base}/api/v1/capacity`, { method: 'OPTIONS' });
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
    const v = await t.must('dispatch.rotateToken', {}, manager);
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
    await t.must('dispatch.clearToken', {}, manager);
    expect((await get('/api/v1/capacity')).status).toBe(200);
    // Only managers may see or change the token.
    expect(await t.call('dispatch.get', {}, intake)).toMatchObject({
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
      snapshot: () => rig.sharing.snapshot(),
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
    expect(await rawExchange(rig.port, 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    const huge = `GET /api/v1/capacity HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    expect(await rawExchange(rig.port, huge)).toMatch(/^HTTP\/1\.1 431/);
    // A slow client that never finishes its headers...
    const slow = net.connect(rig.port, '127.0.0.1');
    slow.on('error', () => undefined);
    slow.write('GET /api/v1/capacity HTTP/1.1\r\nHost: x\r\n');
    // ...and a body of 10 MB announced: answered without reading it, connection closed.
    const withBody = await rawExchange(
      rig.port,
      'POST /api/v1/capacity HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\nabc',
    );
    expect(withBody).toMatch(/^HTTP\/1\.1 405/);
    expect(withBody).toMatch(/connection: close/i);
    // Everyone else is still served meanwhile.
    expect((await get('/api/v1/capacity')).status).toBe(200);
    slow.destroy();
    expect(await rawExchange(rig.port, 'GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(
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
      snapshot: () => rig.sharing.snapshot(),
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
    const db = t.db;
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
      await t.must('beds.setStatus', { bedId: bedIds[2]!, status: 'cleaning' }, intake);
      expect(queries).toBeGreaterThan(0);
    } finally {
      db.prepare = prepare;
      db.exec = exec;
      db.pragma = pragma;
    }
  });
});

describe('no person data, ever', () => {
  it('JSON, XML and the status page carry no names, birth dates, agencies, officers, legal status or arrival times', async () => {
    const arrivals = (
      t.db.prepare("SELECT arrived_at FROM encounters WHERE reference LIKE 'SECRET-%'").all() as {
        arrived_at: number;
      }[]
    ).map((r) => new Date(r.arrived_at).toISOString());
    for (const path of ['/api/v1/capacity', '/api/v1/capacity.xml', '/']) {
      const body = (await get(path)).body;
      for (const secret of [...SECRET_STRINGS, ...arrivals])
        expect(body, `${path} leaks ${secret}`).not.toContain(secret);
    }
    const settingsView = await t.must('dispatch.get', {}, manager);
    for (const secret of SECRET_STRINGS) expect(settingsView.json).not.toContain(secret);
  });
});

describe('a port already in use', () => {
  it('gives a clear message and the rest keeps working', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    await rig.stop();
    const monitor = startCapacityMonitor(t);
    const sharing = await startDispatchSharing(t, monitor, { host: '127.0.0.1', port });
    try {
      expect(sharing.status()).toMatchObject({ running: false, url: null });
      expect(sharing.status().error).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      const view = await t.must('dispatch.get', {}, manager);
      expect(view.error).toContain('already in use');
      expect(view.json).toContain('"status":"open"'); // the figures are still there
      expect((await t.must('beds.board', {}, intake)).units).toHaveLength(3);
    } finally {
      await sharing.stop();
      monitor.stop();
      blocker.close();
      rig = await startCapacityRig(t);
    }
  });
});

describe('the listener on its own thread (serve mode and the desktop app)', () => {
  const withSharing = async (
    overrides: Parameters<typeof startDispatchSharing>[2],
    fn: (sharing: Awaited<ReturnType<typeof startDispatchSharing>>) => Promise<void>,
  ) => {
    await rig.stop();
    const monitor = startCapacityMonitor(t);
    const sharing = await startDispatchSharing(t, monitor, overrides);
    try {
      await fn(sharing);
    } finally {
      await sharing.stop();
      monitor.stop();
      rig = await startCapacityRig(t);
    }
  };

  it('answers exactly as the main-thread listener, and follows changes', async () => {
    const inProcess = (await get('/api/v1/capacity')).body;
    const workerFile = await buildWorker('server/capacity/worker.ts');
    await withSharing({ host: '127.0.0.1', port: 0, workerFile }, async (sharing) => {
      const url = sharing.status().url!;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      // Same document; only its build time differs (a new listener builds its own snapshot).
      const { generatedAt, ...figures } = (await first.json()) as { generatedAt: string };
      const { generatedAt: _, ...expected } = JSON.parse(inProcess) as { generatedAt: string };
      expect(figures).toEqual(expected);
      expect(Date.parse(generatedAt)).not.toBeNaN();
      const before = JSON.parse(inProcess).officersWaiting as number;
      await t.must(
        'encounters.create',
        { referralSource: 'law_enforcement', agency: 'Tucson Police Department', lastName: 'T' },
        intake,
      );
      await expect
        .poll(async () => (await (await fetch(url)).json()).officersWaiting)
        .toBe(before + 1);
    });
  }, 30_000);

  it('a port in use gives the same clear message from the thread', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const workerFile = await buildWorker('server/capacity/worker.ts');
    try {
      await withSharing({ host: '127.0.0.1', port, workerFile }, async (sharing) => {
        expect(sharing.status()).toMatchObject({ running: false, url: null });
        expect(sharing.status().error).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      });
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('a thread that cannot start leaves dispatch a listener on the main thread', async () => {
    await withSharing(
      { host: '127.0.0.1', port: 0, workerFile: brokenWorker() },
      async (sharing) => {
        expect(sharing.status()).toMatchObject({ running: true, error: null });
        const res = await fetch(sharing.status().url!);
        expect(res.status).toBe(200);
        expect((await res.json()).status).toBe('open');
      },
    );
  });
});

describe('officers waiting', () => {
  it('follows arrivals and releases even when the writer only says "encounters"', async () => {
    const before = JSON.parse((await get('/api/v1/capacity')).body).officersWaiting;
    const now = t.clock.now();
    t.db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, arrived_at, created_at, updated_at)
         VALUES ('W-1', 'arrived', 'co_responder', ?, ?, ?)`,
      )
      .run(now, now, now);
    notifyChange(t, ['encounters']);
    expect(JSON.parse((await get('/api/v1/capacity')).body).officersWaiting).toBe(before + 1);
    t.db.prepare("UPDATE encounters SET officer_released_at = ? WHERE reference = 'W-1'").run(now);
    notifyChange(t, ['encounters']);
    expect(JSON.parse((await get('/api/v1/capacity')).body).officersWaiting).toBe(before);
  });
});
