/** HTTP request policy for serve mode, kept pure so it is unit-tested on its own. */

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Host header allow-list against DNS rebinding: a page on evil.example resolving to 127.0.0.1
 * still sends `Host: evil.example`, which is refused.
 */
export function isAllowedHost(
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (!hostHeader) return false;
  return allowed.has(hostHeader.toLowerCase());
}

export function allowedHostSet(
  listenHost: string,
  port: number,
  extra: readonly string[] = [],
): Set<string> {
  const names = new Set<string>([
    'localhost',
    '127.0.0.1',
    '[::1]',
    ...extra.map((e) => e.toLowerCase()),
  ]);
  if (listenHost !== '0.0.0.0' && listenHost !== '::')
    names.add(listenHost.includes(':') ? `[${listenHost}]` : listenHost);
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80 || port === 443) out.add(n);
  }
  return out;
}

/** A state-changing call must come from our own pages: same origin, or no Origin (non-browser). */
export function isSameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === (hostHeader ?? '').toLowerCase();
  } catch {
    return false;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k && !(k in out)) {
      try {
        out[k] = decodeURIComponent(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return out;
}

/** Maps an error code to the HTTP status a client or proxy expects. */
export function statusForError(code: string): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'locked':
      return 423;
    case 'rate_limited':
      return 429;
    case 'too_large':
      return 413;
    case 'unavailable':
      return 503;
    default:
      return 500;
  }
}

/**
 * The segments of a URL path (percent-decoded), or null when it would escape its root (`..`,
 * encoded or not, either slash) or holds a NUL. The one traversal check: the HTTP server's
 * static files and the desktop app's app:// protocol both resolve paths through it.
 */
export function safeSegments(urlPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const parts: string[] = [];
  for (const seg of decoded.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return null;
    parts.push(seg);
  }
  return parts;
}

/** `parts` under `root`, joined with `sep` (the root itself when there are none). */
export function joinUnder(root: string, parts: readonly string[], sep = '/'): string {
  const base = root.endsWith(sep) ? root.slice(0, -1) : root;
  return parts.length ? `${base}${sep}${parts.join(sep)}` : base;
}

/** Resolves a URL path inside `root`, or null when it would escape it (`..`, encoded or not). */
export function safeJoin(root: string, urlPath: string, sep = '/'): string | null {
  const parts = safeSegments(urlPath.split('?')[0] ?? '');
  return parts && joinUnder(root, parts, sep);
}
