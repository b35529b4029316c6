import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../core/contract';
import { isAllowed, isPublic, ROLES, type Role } from '../../core/roles';
import {
  ADDRESS_LOCKOUT_MS,
  MAX_FAILED_SIGN_INS_PER_ADDRESS,
} from '../../server/auth/address-throttle';
import { createSession } from '../../server/auth/sessions';
import { startUiServer, type RunningServer } from '../../server/http/ui-server';
import { tempDir, type TestBackend } from '../helpers/backend';
import { backendWithEveryRole, tableCounts } from '../helpers/roles';
import type { UserRow } from '../../db/users';

/**
 * Every contract method, called as every role, as a kiosk and signed out: allowed callers get
 * past the permission check (and then fail on the deliberately invalid input), everyone else is
 * refused. The contract is iterated, so methods added later are covered without editing this.
 */
const PROBE = 42; // no method's input schema accepts a bare number

type Who = Role | 'signed out';
const WHO: readonly Who[] = [...ROLES, 'signed out'];

function expected(method: (typeof METHOD_NAMES)[number], who: Who): string {
  const role = who === 'signed out' ? null : who;
  if (isAllowed(contract[method].access, role)) return 'invalid_input';
  return role === null ? 'unauthenticated' : 'forbidden';
}

let t: TestBackend;
let users: Record<Role, UserRow>;
let server: RunningServer;

beforeAll(async () => {
  const s = await backendWithEveryRole();
  t = s.t;
  users = s.byRole;
  server = await startUiServer(t, { rendererDir: tempDir(), host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

describe('permissions: every method × every caller', () => {
  it('the probe input is invalid for every method (so an allowed call cannot do anything)', () => {
    for (const m of METHOD_NAMES) expect(contract[m].input.safeParse(PROBE).success, m).toBe(false);
  });

  it('through the dispatcher, each caller is allowed or refused exactly as the contract says', async () => {
    const before = tableCounts(t.db);
    const table: string[] = [];
    for (const m of METHOD_NAMES) {
      for (const who of WHO) {
        const user = who === 'signed out' ? null : users[who];
        const r = await t.callRaw(m, PROBE, user);
        const got = r.ok ? 'ok' : r.error.code;
        table.push(`${m} as ${who}: ${got}`);
        expect(got, `${m} as ${who}`).toBe(expected(m, who));
      }
    }
    expect(table.length).toBe(METHOD_NAMES.length * WHO.length);
    expect(tableCounts(t.db)).toEqual(before);
  });

  it('over HTTP with real session cookies, the same table holds (401 / 403 / 400)', async () => {
    const cookies: Partial<Record<Role, string>> = {};
    for (const r of ROLES)
      cookies[r] = `handoff_session=${createSession(t.db, users[r].id, 'http', t.clock.now())}`;
    const status = { invalid_input: 400, unauthenticated: 401, forbidden: 403 } as const;
    for (const m of METHOD_NAMES) {
      for (const who of WHO) {
        const res = await fetch(new URL(`/api/call/${m}`, server.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-handoff-request': '1',
            ...(who === 'signed out' ? {} : { cookie: cookies[who]! }),
          },
          body: JSON.stringify(PROBE),
        });
        const want = expected(m, who) as keyof typeof status;
        expect(res.status, `${m} as ${who}`).toBe(status[want]);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(want);
      }
    }
  });

  it('the sensitive methods are limited to administrators', () => {
    for (const m of [
      'users.create',
      'users.update',
      'users.resetPassword',
      'audit.verify',
      'backup.create',
      'backup.restore',
      'backup.list',
      'security.updateSettings',
    ] as const)
      expect(contract[m].access, m).toEqual(['admin']);
  });

  it('a kiosk (an unattended lobby device) shares only reviewed, person-free methods with staff', () => {
    // Adding a method that both a kiosk and staff may call means adding it here, after review.
    const sharedWithStaff = new Set(['auth.signOut', 'facility.get']);
    for (const m of METHOD_NAMES) {
      const access = contract[m].access;
      if (isPublic(access) || !access.includes('kiosk')) continue;
      const staffToo = access.some((r) => r !== 'kiosk');
      expect(!staffToo || sharedWithStaff.has(m), `${m} lets a kiosk in beside staff`).toBe(true);
    }
  });
});

describe('sign-in lockout by client address (serve mode)', () => {
  const signIn = (username: string, password: string) =>
    fetch(new URL('/api/call/auth.signIn', server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-handoff-request': '1',
      },
      body: JSON.stringify({ username, password }),
    });

  it(`${MAX_FAILED_SIGN_INS_PER_ADDRESS} failures from one address, spread over accounts, lock that address for 15 minutes`, async () => {
    // Password spraying: a few guesses per account, never enough to lock any one account.
    const names = ['ada', 'max', 'ida', 'nobody'];
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS; i++) {
      const res = await signIn(names[i % names.length]!, `guess number ${i}`);
      expect(res.status).toBe(401);
    }
    for (const u of ['ada', 'max', 'ida'])
      expect(t.db.prepare('SELECT locked_until FROM users WHERE username = ?').get(u)).toEqual({
        locked_until: null,
      });
    // Even the right password is refused from this address now, with a message saying why.
    const locked = await signIn('ida', 'intake password 1');
    expect(locked.status).toBe(423);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/from this computer.*15 minutes/);
    expect(locked.headers.get('set-cookie')).toBeNull();
    const audit = t.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'auth.signIn.failed' ORDER BY id")
      .all() as { detail: string }[];
    expect(audit.some((a) => a.detail.includes('"addressLocked":true'))).toBe(true);
    // The refusal while locked is no row of its own: it is tallied until the lock ends.
    expect(audit.at(-1)!.detail).toContain('"addressLocked":true');

    // The desktop window (IPC) is one local user: unaffected by the network lockout.
    const ipcCaller = {
      user: null,
      address: 'ipc',
      startSession: () => undefined,
      endSession: () => undefined,
    };
    const { dispatch } = await import('../../server/api/dispatch');
    expect(
      await dispatch(
        t,
        'auth.signIn',
        { username: 'ida', password: 'intake password 1' },
        ipcCaller,
      ),
    ).toMatchObject({ ok: true });

    t.clock.advance(ADDRESS_LOCKOUT_MS + 1000);
    expect((await signIn('ida', 'intake password 1')).status).toBe(200);
    const tally = t.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'auth.signIn.refusedWhileLocked'")
      .get() as { detail: string };
    expect(JSON.parse(tally.detail)).toMatchObject({
      reason: 'address_locked',
      address: '127.0.0.1',
      count: 1,
      usernames: ['ida'],
    });
  });
});
