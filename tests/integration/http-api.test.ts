import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../core/contract';
import { isPublic } from '../../core/roles';
import { startUiServer, type RunningServer } from '../../server/http/ui-server';
import { setUpBackend, tempDir, type TestBackend } from '../helpers/backend';
import { postApi } from '../helpers/ui-server';

let t: TestBackend;
let server: RunningServer;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  postApi(server.url, path, body, headers);

beforeAll(async () => {
  t = (await setUpBackend()).t;
  const ui = tempDir();
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Handoff</title>');
  server = await startUiServer(t, { rendererDir: ui, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

describe('the API over HTTP', () => {
  it('every non-public contract method refuses an unauthenticated call with 401 and changes nothing', async () => {
    const before = t.db
      .prepare('SELECT (SELECT count(*) FROM users) u, (SELECT count(*) FROM audit_log) a')
      .get();
    const guarded = METHOD_NAMES.filter((m) => !isPublic(contract[m].access));
    expect(guarded.length).toBeGreaterThan(5);
    for (const m of guarded) {
      const res = await post(`/api/call/${m}`, {});
      expect(res.status, m).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(
      t.db
        .prepare('SELECT (SELECT count(*) FROM users) u, (SELECT count(*) FROM audit_log) a')
        .get(),
    ).toEqual(before);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie, and signs out', async () => {
    const res = await post('/api/call/auth.signIn', {
      username: 'ida',
      password: 'intake password 1',
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/handoff_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    const status = await (await post('/api/call/session.status', {}, { cookie: session })).json();
    expect(status).toMatchObject({ ok: true, value: { user: { username: 'ida' } } });
    const forbidden = await post('/api/call/users.list', {}, { cookie: session });
    expect(forbidden.status).toBe(403);
    await post('/api/call/auth.signOut', {}, { cookie: session });
    expect((await post('/api/call/users.list', {}, { cookie: session })).status).toBe(401);
  });

  it('malformed payloads get invalid_input with fields; unknown methods get not_found', async () => {
    const badJson = await post('/api/call/auth.signIn', '{"username":');
    expect(badJson.status).toBe(400);
    const missing = await post('/api/call/auth.signIn', { username: 42 });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { username: expect.any(String), password: expect.any(String) },
      },
    });
    const unknown = await post('/api/call/beds.explode', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses cross-site requests: no CSRF header, a foreign Origin, or a foreign Host', async () => {
    const noHeader = await fetch(new URL('/api/call/session.status', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noHeader.status).toBe(403);
    expect(
      (await post('/api/call/session.status', {}, { origin: 'http://evil.example' })).status,
    ).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(
        new URL('/api/call/session.status', server.url),
        {
          method: 'POST',
          headers: {
            host: 'evil.example',
            'content-type': 'application/json',
            'x-handoff-request': '1',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('odd paths get a page or a 404, never a server error', async () => {
    const { request } = await import('node:http');
    for (const p of ['//', '//evil.example/x', '/%', '/api//call/x', '/assets/../../etc/passwd']) {
      const status = await new Promise<number>((resolve) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: p, method: 'GET' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.end();
      });
      expect(status, p).toBeLessThan(500);
    }
  });

  it('sends security headers and refuses oversized bodies', async () => {
    const res = await post('/api/call/session.status', {});
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Answered, not reset: 413 with the JSON error every client already reads.
    const huge = await post(
      '/api/call/auth.signIn',
      JSON.stringify({ username: 'x', password: 'y'.repeat(3 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });
});
