import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, type UserRow } from '../../db/users';
import { createSession } from '../../server/auth/sessions';
import { type RunningServer } from '../../server/http/ui-server';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import { request } from '../helpers/capacity';
import { startTestUiServer } from '../helpers/ui-server';
import { postApi, withCookie } from '../helpers/ui-server';

/**
 * The defects an outside fuzz of the HTTP API found (issue 16), each as a client on the network
 * meets it: through the real UI server, with real session cookies.
 */
let t: TestBackend;
let admin: UserRow;
let manager: UserRow;
let server: RunningServer;
const logged: unknown[] = [];
let managerCookie: string;

const post = (
  method: string,
  body: unknown,
  cookie?: string,
  headers: Record<string, string> = {},
) => postApi(server.url, `/api/call/${method}`, body, { ...withCookie(cookie), ...headers });

const auditRows = () => (t.db.prepare('SELECT count(*) n FROM audit_log').get() as { n: number }).n;
const cookieFor = (u: UserRow) =>
  `handoff_session=${createSession(t.db, u.id, 'http', t.clock.now())}`;

beforeAll(async () => {
  ({ t, admin, manager } = await setUpBackend());
  server = await startTestUiServer(t, logged);
  managerCookie = cookieFor(manager);
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

describe('1. static serving answers a client mistake with 404 or 414, never 500', () => {
  it.each([
    ['a path below a file → 404', '/index.html/x', 404],
    ['an asset path below a file → 404', '/assets/app.js/x', 404],
    ['a name of 256 characters → 404', `/${'a'.repeat(256)}`, 404],
    ['an asset name of 300 characters → 404', `/assets/${'b'.repeat(300)}.js`, 404],
    ['a path of 2,200 characters → 414', `/${'c/'.repeat(1100)}`, 414],
    ['a query of 9,000 characters → 414', `/?q=${'d'.repeat(9000)}`, 414],
  ])('GET with %s', async (_label, p, status) => {
    const res = await request(`${server.url.replace(/\/$/, '')}${p}`);
    expect(res.status).toBe(status);
    expect(res.body.length).toBeLessThan(200);
  });

  it('real files and screens still load, and nothing was logged', async () => {
    expect((await request(new URL('/assets/app.js', server.url).href)).status).toBe(200);
    expect((await request(new URL('/kiosk', server.url).href)).body).toContain('Handoff');
    expect(logged).toEqual([]);
  });
});

describe('2. error messages quote input only in part', () => {
  it.each(['capacity.get', 'setup.demo'])(
    'a 20,000-character unknown key to %s answers a small body',
    async (m) => {
      const key = 'k'.repeat(20_000);
      const res = await post(m, { [key]: 1 }, m === 'capacity.get' ? managerCookie : undefined);
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(text.length).toBeLessThan(1000);
      const body = JSON.parse(text) as { error: { message: string; fields: object } };
      expect(body.error.message).toMatch(/^Unrecognized key: "k{20,60}…"$/);
      expect(JSON.stringify(body.error.fields).length).toBeLessThan(400);
    },
  );

  it('many bad fields at once still give a bounded body', async () => {
    const input = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`${'x'.repeat(100)}${i}`, i]),
    );
    const res = await post('units.create', input, managerCookie);
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeLessThan(4000);
  });
});

describe('3. failed pairing is throttled; attempts while locked do not grow the audit log', () => {
  it('kiosk.pair from one address locks after 10 failures, and the lock is audited once', async () => {
    const before = auditRows();
    for (let i = 0; i < 10; i++)
      expect((await post('kiosk.pair', { code: `AAAA-BBBB-CC${i}C` })).status).toBe(401);
    const locked = await post('kiosk.pair', { code: 'AAAA-BBBB-CCCC' });
    expect(locked.status).toBe(423);
    const afterLock = auditRows();
    expect(afterLock - before).toBe(10);
    for (let i = 0; i < 40; i++) await post('kiosk.pair', { code: 'AAAA-BBBB-CCCC' });
    expect(auditRows()).toBe(afterLock);
  });

  it('sign-ins while the address is locked are counted into one audit row, naming what was tried', async () => {
    for (let i = 0; i < 10; i++) await post('auth.signIn', { username: 'max', password: `g${i}` });
    expect((await post('auth.signIn', { username: 'ada', password: 'x' })).status).toBe(423);
    const afterLock = auditRows();
    for (let i = 0; i < 30; i++)
      await post('auth.signIn', { username: i % 2 ? 'ada' : 'ida', password: 'x' });
    expect(auditRows()).toBe(afterLock);
    // When the lock ends, its tally is written once: how many, which accounts, from where.
    t.clock.advance(16 * 60_000);
    await post('auth.signIn', { username: 'nobody', password: 'x' });
    const rows = t.db
      .prepare("SELECT action, detail FROM audit_log WHERE action LIKE '%whileLocked' ORDER BY id")
      .all() as { action: string; detail: string }[];
    const signIn = rows.find(
      (r) => r.action === 'auth.signIn.refusedWhileLocked' && r.detail.includes('address_locked'),
    );
    expect(signIn).toBeDefined();
    expect(JSON.parse(signIn!.detail)).toMatchObject({
      reason: 'address_locked',
      count: 31,
      usernames: ['ada', 'ida'],
    });
    const pair = rows.find((r) => r.action === 'kiosk.pair.refusedWhileLocked');
    expect(JSON.parse(pair!.detail)).toMatchObject({ reason: 'address_locked', count: 41 });
  });

  it('sign-ins to a locked account from elsewhere are tallied the same way', async () => {
    // Five wrong passwords lock the account; what follows is refused as locked, and tallied.
    for (let i = 0; i < 5; i++) await t.callRaw('auth.signIn', { username: 'max', password: 'n' });
    const afterLock = auditRows();
    for (let i = 0; i < 20; i++) {
      const r = await t.callRaw('auth.signIn', { username: 'max', password: 'n' });
      expect(r.ok ? '' : r.error.code).toBe('locked');
    }
    // One row more: the tenth failure from this address locked the address too (on record).
    expect(auditRows()).toBe(afterLock + 1);
    const last = t.db.prepare('SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      detail: string;
    };
    expect(JSON.parse(last.detail)).toMatchObject({ reason: 'locked', addressLocked: true });
    t.clock.advance(16 * 60_000);
    await t.callRaw('auth.signIn', { username: 'max', password: 'n' });
    const tallies = t.db
      .prepare(
        "SELECT entity, detail FROM audit_log WHERE action = 'auth.signIn.refusedWhileLocked' ORDER BY id DESC LIMIT 2",
      )
      .all() as { entity: string | null; detail: string }[];
    const account = tallies.find((r) => r.entity === 'users');
    expect(JSON.parse(account!.detail)).toMatchObject({
      reason: 'account_locked',
      usernames: ['max'],
    });
    expect(tallies.map((r) => JSON.parse(r.detail).reason).sort()).toEqual([
      'account_locked',
      'address_locked',
    ]);
  });
});

describe('4. an oversized body gets 413 with a JSON error', () => {
  const big = (n: number) => JSON.stringify({ x: 'y'.repeat(n) });

  it('with a Content-Length over the cap', async () => {
    const res = await post('capacity.get', big(3 * 1024 * 1024), managerCookie);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('sent chunked, without a length', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(new URL('/api/call/capacity.get', server.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-handoff-request': '1',
          cookie: managerCookie,
        },
      });
      req.on('response', (r) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => resolve({ status: r.statusCode!, body }));
      });
      req.on('error', reject);
      const piece = 'y'.repeat(256 * 1024);
      req.write('{"x":"');
      for (let i = 0; i < 10; i++) req.write(piece);
      req.end('"}');
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });
});

describe('5. a kiosk session reaches check-in and its own status, nothing else', () => {
  let kioskCookie: string;
  beforeAll(() => {
    const kiosk = insertUser(
      t.db,
      { username: 'kiosk-scope', displayName: 'Kiosk', role: 'kiosk', passwordHash: 'x' },
      t.clock.now(),
    );
    kioskCookie = cookieFor(kiosk);
  });

  it.each(['setup.demo', 'setup.create', 'auth.signIn', 'kiosk.pair'])(
    '%s answers 403 to a kiosk',
    async (m) => {
      const res = await post(m, {}, kioskCookie);
      expect(res.status).toBe(403);
    },
  );

  it('session.status still answers (the kiosk page needs its facility name)', async () => {
    const res = await post('session.status', {}, kioskCookie);
    expect(res.status).toBe(200);
  });

  it('the change stream is refused', async () => {
    const res = await fetch(new URL('/api/events', server.url), {
      headers: { cookie: kioskCookie },
    });
    expect(res.status).toBe(403);
  });
});

describe('6. inputs that mean nothing are refused', () => {
  it('an arrival at 1970, before 2000 or after 2099 is refused and creates nothing', async () => {
    const cookie = cookieFor(admin);
    const before = t.db.prepare('SELECT count(*) n FROM encounters').get();
    for (const arrivedAt of [0, Date.UTC(1999, 11, 31), Date.UTC(2100, 0, 1)]) {
      const res = await post(
        'encounters.create',
        { referralSource: 'walk_in', arrivedAt, legalStatus: 'voluntary' },
        cookie,
      );
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(res.status).toBe(400);
      expect(body.error.fields.arrivedAt).toMatch(/2000|2099/);
    }
    expect(t.db.prepare('SELECT count(*) n FROM encounters').get()).toEqual(before);
  });

  it('a blank staffed limit is refused, not read as 0', async () => {
    const res = await post(
      'units.create',
      { name: 'Blank', kind: 'bed', staffedLimit: ' ' },
      managerCookie,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: { staffedLimit: /whole number/ } } });
  });

  it('a body of null (or any non-object) is refused, so no write runs on it', async () => {
    const cookie = cookieFor(admin);
    const token = () => t.db.prepare('SELECT key, value FROM settings ORDER BY key').all();
    const before = token();
    for (const body of ['null', '[]', '7', '"x"']) {
      const res = await post('dispatch.rotateToken', body, cookie);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /JSON object/,
      );
    }
    expect(token()).toEqual(before);
    // No body at all is still "no input".
    expect((await post('capacity.get', '', managerCookie)).status).toBe(200);
  });

  it('an id that is no whole number says so', async () => {
    for (const id of [1e20, 1.5, -3, 0]) {
      const res = await post('encounters.get', { id }, cookieFor(admin));
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(body.error.fields.id).toBe('An id must be a whole number of 1 or more');
    }
    const missing = await post('encounters.get', {}, cookieFor(admin));
    expect(await missing.json()).toMatchObject({ error: { fields: { id: 'An id is required' } } });
  });
});

describe('7. upload slots are capped per user and in all', () => {
  const files = () => fs.readdirSync(path.join(t.dataDir, 'imports')).length;

  it('one user beginning uploads again and again keeps at most 3 files', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await post('encounters.importBegin', { name: 'a.csv', size: 10 }, managerCookie);
      expect(r.status).toBe(200);
      ids.push(((await r.json()) as { value: { uploadId: string } }).value.uploadId);
    }
    expect(files()).toBe(3);
    // The newest ones are the ones kept.
    const last = await post(
      'encounters.importAppend',
      { uploadId: ids.at(-1), data: Buffer.from('x').toString('base64') },
      managerCookie,
    );
    expect(last.status).toBe(200);
  });

  it('all users together hold at most 20 open uploads', async () => {
    const statuses: number[] = [];
    for (let u = 0; u < 10; u++) {
      const user = insertUser(
        t.db,
        { username: `mgr${u}`, displayName: `Manager ${u}`, role: 'manager', passwordHash: 'x' },
        t.clock.now(),
      );
      const cookie = cookieFor(user);
      for (let i = 0; i < 3; i++) {
        const r = await post('encounters.importBegin', { name: 'a.csv', size: 10 }, cookie);
        statuses.push(r.status);
      }
    }
    expect(files()).toBe(20);
    expect(statuses.filter((s) => s === 429).length).toBe(30 + 3 - 20);
  });
});
