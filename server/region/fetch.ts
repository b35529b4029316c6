import http from 'node:http';
import https from 'node:https';

export const PEER_LIMITS = { timeoutMs: 5000, maxBytes: 512 * 1024 };

export type PeerAnswer =
  | { kind: 'not-modified' }
  | { kind: 'body'; body: string; contentType: string; etag: string | null }
  | { kind: 'error'; error: string };

/**
 * One GET of a peer's feed: If-None-Match, a bearer token if set, the whole exchange cut off
 * after 5 s (a peer sending byte by byte included), at most 512 KB read, redirects not followed.
 */
export function fetchPeer(
  url: string,
  opts: { token: string | null; etag: string | null },
  limits = PEER_LIMITS,
): Promise<PeerAnswer> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: PeerAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(a);
    };
    const target = new URL(url);
    const headers: Record<string, string> = {
      Accept: 'application/json, application/xml;q=0.9',
      'User-Agent': 'Handoff-Region/1',
    };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (opts.etag) headers['If-None-Match'] = opts.etag;
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'GET',
      agent: false,
      headers,
    });
    const timer = setTimeout(
      () =>
        finish({ kind: 'error', error: `No complete answer within ${limits.timeoutMs / 1000} s` }),
      limits.timeoutMs,
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish({
        kind: 'error',
        error:
          err.code === 'ECONNREFUSED'
            ? 'Connection refused (the center is down?)'
            : `Cannot reach it: ${err.code ?? err.message}`,
      }),
    );
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status === 304) return finish({ kind: 'not-modified' });
      if (status >= 300 && status < 400)
        return finish({ kind: 'error', error: `Redirect not followed (HTTP ${status})` });
      if (status === 401 || status === 403)
        return finish({ kind: 'error', error: `The center refused the token (HTTP ${status})` });
      if (status !== 200) return finish({ kind: 'error', error: `HTTP ${status}` });
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > limits.maxBytes)
        return finish({
          kind: 'error',
          error: `Answer too large (over ${limits.maxBytes / 1024} KB)`,
        });
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limits.maxBytes)
          return finish({
            kind: 'error',
            error: `Answer too large (over ${limits.maxBytes / 1024} KB)`,
          });
        chunks.push(c);
      });
      res.on('end', () =>
        finish({
          kind: 'body',
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: String(res.headers['content-type'] ?? ''),
          etag: typeof res.headers.etag === 'string' ? res.headers.etag : null,
        }),
      );
      res.on('error', () => finish({ kind: 'error', error: 'The answer was cut off' }));
    });
    req.end();
  });
}
