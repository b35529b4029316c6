import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../core/contract';
import { countOfficersWaiting } from '../../db/officers-waiting';
import type { UserRow } from '../../db/users';
import { startUiServer, type RunningServer } from '../../server/http/ui-server';
import { setUpBackend, tempDir, type TestBackend } from '../helpers/backend';
import { postApi, withCookie } from '../helpers/ui-server';

let t: TestBackend;
let admin: UserRow;
let intake: UserRow;
let server: RunningServer;

const post = (path: string, body: unknown, cookie?: string) =>
  postApi(server.url, path, body, withCookie(cookie));

beforeAll(async () => {
  ({ t, admin, intake } = await setUpBackend());
  server = await startUiServer(t, { rendererDir: tempDir(), host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

const checkIn = {
  agency: 'Tucson Police Department',
  officerName: 'Dana Reyes',
  badgeNumber: '4471',
  firstName: 'Jordan',
  lastName: 'Miles',
  legalStatus: 'involuntary_hold',
};

describe('officer self-check-in kiosk', () => {
  let cookie: string;
  let kioskId: number;

  it('an administrator issues a kiosk code; only administrators may', async () => {
    const denied = await t.call('kiosk.issue', { name: 'Sally port' }, intake);
    expect(denied.ok).toBe(false);
    const issued = await t.must('kiosk.issue', { name: 'Sally port' }, admin);
    expect(issued.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    kioskId = issued.device.id;
    // The code is stored only as a hash, and the kiosk is no staff account.
    const stored = t.db.prepare('SELECT code_hash FROM kiosk_devices').get() as {
      code_hash: string;
    };
    expect(stored.code_hash).not.toContain(issued.code.replace(/-/g, ''));
    expect((await t.must('users.list', {}, admin)).map((u) => u.role)).not.toContain('kiosk');

    const wrong = await post('/api/call/kiosk.pair', { code: 'AAAA-BBBB-CCCC' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { fields: { code: /Unknown/ } } });

    // Typed in lower case with spaces: still the same code.
    const res = await post('/api/call/kiosk.pair', {
      code: issued.code.toLowerCase().replace(/-/g, ' '),
    });
    expect(res.status).toBe(200);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(await res.json()).toMatchObject({ value: { user: { role: 'kiosk' } } });
  });

  it('creates an arrived police encounter that appears for staff to accept', async () => {
    const res = await post('/api/call/kiosk.checkIn', checkIn, cookie);
    const body = (await res.json()) as { ok: boolean; value: { reference: string } };
    expect(body.ok).toBe(true);
    expect(body.value.reference).toMatch(/^H-\d{4}-\d{5}$/);
    expect(Object.keys(body.value).sort()).toEqual(['arrivedAt', 'reference']);
    expect(countOfficersWaiting(t.db)).toBe(1);
    const active = await t.must('encounters.active', {}, intake);
    expect(active.waiting[0]).toMatchObject({ officerName: 'Dana Reyes', fromKiosk: true });
  });

  it('bad kiosk input names the field and writes nothing', async () => {
    const res = await post('/api/call/kiosk.checkIn', { ...checkIn, badgeNumber: ' ' }, cookie);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: { badgeNumber: /required/ } } });
    expect(countOfficersWaiting(t.db)).toBe(1);
  });

  it('every other method, public ones included, is refused for the kiosk', async () => {
    // session.status stays open to it: the kiosk page reads its facility and session from it.
    const others = METHOD_NAMES.filter((m) => m !== 'kiosk.checkIn' && m !== 'session.status');
    expect(others.length).toBeGreaterThan(20);
    for (const m of others) {
      const res = await post(`/api/call/${m}`, {}, cookie);
      expect(res.status, m).toBe(403);
      expect(await res.json(), m).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // The kiosk cannot sign in as staff with its own account either.
    const row = t.db.prepare("SELECT username FROM users WHERE role = 'kiosk'").get() as {
      username: string;
    };
    const signIn = await post('/api/call/auth.signIn', { username: row.username, password: 'x' });
    expect(signIn.status).toBe(401);
  });

  it('revoking the kiosk ends its session at once', async () => {
    await t.must('kiosk.revoke', { id: kioskId }, admin);
    const res = await post('/api/call/kiosk.checkIn', checkIn, cookie);
    expect(res.status).toBe(401);
    expect(countOfficersWaiting(t.db)).toBe(1);
    const list = await t.must('kiosk.list', {}, admin);
    expect(list[0]!.revokedAt).not.toBeNull();
  });
});
