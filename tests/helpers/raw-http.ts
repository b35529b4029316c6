import http from 'node:http';
import fc from 'fast-check';

/** How a fuzzed request sends its body: none, with a Content-Length, or chunked. */
export type BodyShape = { kind: 'none' } | { kind: 'declared' | 'chunked'; size: number };

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodyShape;
}

export interface FuzzAnswer {
  status: number;
  body: string;
}

/**
 * Sends one request as a careless client would: any method and path, a body declared or chunked
 * (in 64 KB pieces). Resolves `null` when the server closed without an answer.
 */
export function sendFuzzRequest(port: number, r: FuzzRequest): Promise<FuzzAnswer | null> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...r.headers };
    if (r.body.kind === 'declared') headers['content-length'] = String(r.body.size);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: r.method,
      path: r.path,
      headers,
      agent: false,
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => {
        if (body.length < 100_000) body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', () => resolve(null));
    if (r.body.kind === 'none') return void req.end();
    let left = r.body.size;
    const piece = Buffer.alloc(64 * 1024, 'x');
    const write = () => {
      while (left > 0) {
        const n = Math.min(left, piece.length);
        left -= n;
        if (!req.write(piece.subarray(0, n))) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

export const FUZZ_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'PROPFIND',
  'GETX',
] as const;

/** Paths of every length a file system or a URL parser may trip on. */
export const fuzzPath = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.string({ maxLength: 40 }).map((s) => `/${encodeURIComponent(s)}`),
    fc.webPath().map((p) => p || '/'),
    fc
      .tuple(
        fc.constantFrom(...known),
        fc.integer({ min: 200, max: 3000 }),
        fc.constantFrom('a', '/a', '%2e'),
      )
      .map(([base, n, unit]) => `${base}${unit.repeat(Math.ceil(n / unit.length))}`),
    fc.constantFrom(
      '/index.html/x',
      '/assets/x.js/y',
      '/%00',
      '/..%2f..%2fetc/passwd',
      '/%E0%A4%A',
    ),
  );

/** Mostly small bodies, some just over a 2 MB cap, declared or chunked. */
export const fuzzBody = (cap: number): fc.Arbitrary<BodyShape> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant<BodyShape>({ kind: 'none' }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constantFrom('declared' as const, 'chunked' as const),
        size: fc.integer({ min: 0, max: 4096 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constantFrom('declared' as const, 'chunked' as const),
        size: fc.integer({ min: cap + 1, max: cap + 200_000 }),
      }),
    },
  );
