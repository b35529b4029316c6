import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../db/audit';
import { LOCKOUT_MS } from '../../server/api/handlers/auth';
import { setUpBackend, testBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

describe('first-run setup and people', () => {
  it('a new database asks for setup; setup creates the facility and an administrator once', async () => {
    t = testBackend();
    expect(await t.must('session.status', {})).toMatchObject({
      setupRequired: true,
      user: null,
      facility: null,
    });
    const bad = await t.call('setup.create', {
      facility: { name: '', timeZone: 'Mars/Olympus' },
      admin: { displayName: 'A', username: 'ok', password: 'too short' },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(Object.keys(bad.error.fields ?? {})).toEqual(
        expect.arrayContaining(['facility.name', 'facility.timeZone', 'admin.password']),
      );
    }
    expect(t.db.prepare('SELECT count(*) n FROM users').get()).toEqual({ n: 0 });

    const s = await t.must('setup.create', {
      facility: { name: 'North Crisis Center', timeZone: 'America/Denver' },
      admin: { displayName: 'Ada', username: 'Ada', password: 'twelve chars!' },
    });
    expect(s.user).toMatchObject({ username: 'ada', role: 'admin' });
    expect(s.facility).toMatchObject({ name: 'North Crisis Center', timeZone: 'America/Denver' });
    const again = await t.call('setup.create', {
      facility: { name: 'Other', timeZone: 'UTC' },
      admin: { displayName: 'Eve', username: 'eve', password: 'twelve chars!' },
    });
    expect(again.ok).toBe(false);
    expect((await t.call('setup.demo', {})).ok).toBe(false);
  });

  it('stores passwords only as scrypt hashes', async () => {
    const s = await setUpBackend();
    t = s.t;
    const row = t.db.prepare("SELECT password_hash FROM users WHERE username = 'ada'").get() as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('a wrong password and an unknown user get the same message; 5 failures lock for 15 minutes', async () => {
    const s = await setUpBackend();
    t = s.t;
    const wrong = await t.call('auth.signIn', { username: 'ida', password: 'not it' });
    const unknown = await t.call('auth.signIn', { username: 'nobody', password: 'not it' });
    expect(wrong).toEqual(unknown);
    for (let i = 0; i < 4; i++)
      await t.call('auth.signIn', { username: 'ida', password: 'not it' });
    const locked = await t.call('auth.signIn', { username: 'ida', password: 'intake password 1' });
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error.code).toBe('locked');
    t.clock.advance(LOCKOUT_MS + 1000);
    expect(
      (await t.call('auth.signIn', { username: 'ida', password: 'intake password 1' })).ok,
    ).toBe(true);
  });

  it('admins create, disable and reset users; a disabled user cannot sign in; the last admin stays', async () => {
    const s = await setUpBackend();
    t = s.t;
    const dup = await t.call(
      'users.create',
      { displayName: 'Again', username: 'IDA', role: 'intake', password: 'intake password 2' },
      s.admin,
    );
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.fields).toHaveProperty('username');

    await t.must('users.update', { id: s.intake.id, disabled: true }, s.admin);
    expect(
      (await t.call('auth.signIn', { username: 'ida', password: 'intake password 1' })).ok,
    ).toBe(false);
    await t.must('users.update', { id: s.intake.id, disabled: false }, s.admin);
    await t.must(
      'users.resetPassword',
      { id: s.intake.id, password: 'a brand new password' },
      s.admin,
    );
    expect(
      (await t.call('auth.signIn', { username: 'ida', password: 'a brand new password' })).ok,
    ).toBe(true);

    const lastAdmin = await t.call('users.update', { id: s.admin.id, role: 'intake' }, s.admin);
    expect(lastAdmin.ok).toBe(false);
    expect(t.user(s.admin.id).role).toBe('admin');

    const byIntake = await t.call(
      'users.create',
      { displayName: 'X', username: 'x1', role: 'admin', password: 'some password 1' },
      s.intake,
    );
    expect(byIntake).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('every sign-in, failure and change lands in a verifiable audit chain', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.call('auth.signIn', { username: 'ida', password: 'wrong' });
    await t.call('auth.signIn', { username: 'ida', password: 'intake password 1' });
    const actions = (
      t.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual([
      'setup.create',
      'users.create',
      'users.create',
      'auth.signIn.failed',
      'auth.signIn',
    ]);
    expect(verifyAudit(t.db)).toMatchObject({ ok: true, rows: 5 });
    expect(() => t!.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('demo data makes a signed-in, living center', async () => {
    t = testBackend();
    const s = await t.must('setup.demo', {});
    expect(s.user?.role).toBe('admin');
    expect(s.facility?.name).toBeTruthy();
    expect(
      (await t.call('auth.signIn', { username: 'intake', password: 'demo-intake-password' })).ok,
    ).toBe(true);
  });
});
