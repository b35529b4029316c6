import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../core/contract';
import { ROLES } from '../../core/roles';
import { createSession } from '../../server/auth/sessions';
import { MAX_BODY_BYTES, type RunningServer } from '../../server/http/ui-server';
import { type TestBackend } from '../helpers/backend';
import { rawExchange, request } from '../helpers/capacity';
import {
  FUZZ_METHODS,
  fuzzBody,
  fuzzPath,
  sendFuzzRequest,
  type FuzzRequest,
} from '../helpers/raw-http';
import { backendWithEveryRole } from '../helpers/roles';
import { startTestUiServer } from '../helpers/ui-server';

/**
 * Raw HTTP to the UI server as a hostile or careless client sends it: any method, paths of every
 * length, bodies declared or chunked (some over the cap), garbage bytes, and random JSON to every
 * contract method as every role. Every answer is a deliberate one (never 500), every error body
 * is small, nothing is logged as our fault, and the server still serves afterwards.
 */
const RAW_RUNS = 300;
const API_RUNS = 400;
const MAX_ERROR_BODY = 2048;

let t: TestBackend;
let server: RunningServer;
const logged: unknown[] = [];
const cookies: string[] = [];

beforeAll(async () => {
  const s = await backendWithEveryRole();
  t = s.t;
  server = await startTestUiServer(t, logged);
  for (const r of ROLES)
    cookies.push(`handoff_session=${createSession(t.db, s.byRole[r].id, 'http', t.clock.now())}`);
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

const RAW_EXPECTED = new Set([200, 400, 401, 403, 404, 405, 413, 414, 423, 429, 431]);

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe('fuzzing the UI server with raw HTTP', () => {
  it(`${RAW_RUNS} random requests (paths, lengths, methods, declared and chunked bodies) get deliberate answers`, async () => {
    const requestArb: fc.Arbitrary<FuzzRequest> = fc.record({
      method: fc.constantFrom(...FUZZ_METHODS),
      path: fuzzPath([
        '/',
        '/index.html',
        '/assets/app.js',
        '/assets/',
        '/kiosk',
        '/api/call/session.status',
        '/api/call/capacity.get',
        '/api/call/no.such',
        '/api/',
      ]),
      headers: fc.oneof(
        // As our own page sends an API call, so bodies reach the reader (and its cap)…
        fc.constant({ 'content-type': 'application/json', 'x-handoff-request': '1' }),
        // …or anything else.
        fc.record(
          {
            'content-type': fc.constantFrom('application/json', 'text/plain', ''),
            'x-handoff-request': fc.constantFrom('1', '0'),
            origin: fc.constantFrom('http://evil.example', 'null'),
            cookie: fc.stringMatching(/^[\x21-\x7e]{0,60}$/),
          },
          { requiredKeys: [] },
        ),
      ),
      body: fuzzBody(MAX_BODY_BYTES),
    });
    // Over the cap, declared and chunked, always among them (the random ones rarely get that far).
    const overCap: FuzzRequest[] = ['session.status', 'auth.signIn', 'no.such'].flatMap((m) =>
      (['declared', 'chunked'] as const).map((kind) => ({
        method: 'POST',
        path: `/api/call/${m}`,
        headers: { 'content-type': 'application/json', 'x-handoff-request': '1' },
        body: { kind, size: MAX_BODY_BYTES + 1 },
      })),
    );
    const samples = [...fc.sample(requestArb, { numRuns: RAW_RUNS, seed: 20261202 }), ...overCap];
    const seen = new Set<number>();
    await inBatches(samples, 10, async (s) => {
      const label = `${s.method} ${s.path.slice(0, 80)} body ${JSON.stringify(s.body)}`;
      const res = await sendFuzzRequest(server.port, s);
      expect(res, label).not.toBeNull();
      seen.add(res!.status);
      expect(RAW_EXPECTED.has(res!.status), `${label} → ${res!.status}`).toBe(true);
      if (res!.status >= 400) expect(res!.body.length, label).toBeLessThan(MAX_ERROR_BODY);
    });
    // Garbage that is not HTTP at all.
    const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 300 }), {
      numRuns: 30,
      seed: 7,
    });
    await inBatches(garbage, 10, async (g) => {
      await rawExchange(server.port, Buffer.from(g), 150);
    });
    for (const s of [200, 404, 413, 414]) expect(seen.has(s), `saw ${s}`).toBe(true);
    expect(logged).toEqual([]);
    const after = await request(new URL('/assets/app.js', server.url).href);
    expect(after.status).toBe(200);
  });
});

describe('fuzzing the API over HTTP', () => {
  const longKey = fc.integer({ min: 100, max: 30_000 }).map((n) => 'k'.repeat(n));
  const bodyArb = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('null', '[]', '0', '"x"', 'true', '{', '', '{"id":1e20}', '{"id":" "}'),
    fc
      .dictionary(longKey, fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 })
      .map((v) => JSON.stringify(v)),
    fc
      .record({ id: fc.oneof(fc.double(), fc.string()), arrivedAt: fc.integer() })
      .map((v) => JSON.stringify(v)),
  );

  it(`${API_RUNS} random bodies to random methods as every caller: never 500, errors stay small`, async () => {
    const callArb = fc.record({
      method: fc.constantFrom(...METHOD_NAMES),
      as: fc.integer({ min: -1, max: cookies.length - 1 }),
      body: bodyArb,
    });
    const samples = fc.sample(callArb, { numRuns: API_RUNS, seed: 16 });
    await inBatches(samples, 10, async (s) => {
      const res = await fetch(new URL(`/api/call/${s.method}`, server.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-handoff-request': '1',
          ...(s.as >= 0 ? { cookie: cookies[s.as]! } : {}),
        },
        body: s.body,
      });
      const text = await res.text();
      const label = `${s.method} as ${s.as} ${s.body.slice(0, 80)} → ${res.status}`;
      expect(res.status, label).not.toBe(500);
      if (res.status >= 400) {
        expect(text.length, label).toBeLessThan(MAX_ERROR_BODY);
        expect(JSON.parse(text), label).toMatchObject({ ok: false, error: { code: /./ } });
      }
    });
    expect(logged).toEqual([]);
  });
});
