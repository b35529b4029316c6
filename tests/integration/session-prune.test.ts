import { afterEach, describe, expect, it } from 'vitest';
import {
  createSession,
  hashToken,
  resolveSession,
  SESSION_IDLE_MS,
  startSessionPruner,
} from '../../server/auth/sessions';
import { setUpBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

describe('expired sessions', () => {
  it('go at the next sign-in anywhere, even when their browser never comes back; live ones stay', async () => {
    const s = await setUpBackend();
    t = s.t;
    const t0 = t.clock.now();
    const count = () => t!.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
    const before = count();
    const abandoned = createSession(t.db, s.intake.id, 'http', t0); // a laptop closed mid-shift
    const recent = createSession(t.db, s.manager.id, 'ipc', t0 + SESSION_IDLE_MS - 60_000);
    expect(count()).toBe(before + 2);

    // The next morning someone signs in at another desk.
    const next = t0 + SESSION_IDLE_MS + 1;
    createSession(t.db, s.manager.id, 'http', next);
    const hashes = t.db.prepare('SELECT user_id, transport FROM sessions').all();
    expect(hashes).not.toContainEqual({ user_id: s.intake.id, transport: 'http' });
    expect(resolveSession(t.db, abandoned, next)).toBeNull();
    expect(resolveSession(t.db, recent, next)?.id).toBe(s.manager.id);
  });
});

describe('the hourly session prune', () => {
  it('removes an expired session with nobody signing in and keeps a live one', async () => {
    const s = await setUpBackend();
    t = s.t;
    const t0 = t.clock.now();
    const expired = createSession(t.db, s.intake.id, 'http', t0 - SESSION_IDLE_MS - 1);
    const live = createSession(t.db, s.manager.id, 'ipc', t0 - 60_000);
    const stored = (token: string) =>
      t!.db
        .prepare('SELECT count(*) FROM sessions WHERE token_hash = ?')
        .pluck()
        .get(hashToken(token));
    expect(stored(expired)).toBe(1);

    const pruner = startSessionPruner(t, { error: () => undefined });
    pruner.stop();
    expect(stored(expired)).toBe(0);
    expect(stored(live)).toBe(1);
    expect(resolveSession(t.db, live, t0)?.id).toBe(s.manager.id);
  });
});
