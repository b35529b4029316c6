import { createHash, timingSafeEqual } from 'node:crypto';

/** Small pure pieces of the dispatch listener's request policy, unit-tested on their own. */

export const CAPACITY_PATHS = {
  '/api/v1/capacity': 'json',
  '/api/v1/capacity.xml': 'xml',
  '/api/v1/capacity/events': 'events',
  '/api/v1/region': 'region',
  '/api/v1/region/events': 'regionEvents',
  '/region': 'regionPage',
  '/healthz': 'health',
  '/': 'page',
} as const;
export type CapacityRoute = (typeof CAPACITY_PATHS)[keyof typeof CAPACITY_PATHS];

export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

/** The path of a request target, or null when it is not a sane origin-form path. */
const NO_QUERY = new URLSearchParams();

export function routeOf(
  target: string | undefined,
): { route: CapacityRoute | null; query: URLSearchParams } | null {
  if (!target || target.length > 2048 || !target.startsWith('/')) return null;
  // Fast path for a poll of an exact path without a query (nearly every request): the same
  // answer the URL parser would give, without parsing.
  if (Object.prototype.hasOwnProperty.call(CAPACITY_PATHS, target))
    return { route: CAPACITY_PATHS[target as keyof typeof CAPACITY_PATHS], query: NO_QUERY };
  let url: URL;
  try {
    url = new URL(target, 'http://capacity.invalid');
  } catch {
    return null;
  }
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const route = Object.prototype.hasOwnProperty.call(CAPACITY_PATHS, path)
    ? CAPACITY_PATHS[path as keyof typeof CAPACITY_PATHS]
    : null;
  return { route, query: url.searchParams };
}

/** `If-None-Match` may list several tags, weak ones, or `*`. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison (hashing first makes lengths equal and leaks nothing about them). */
export function tokenMatches(given: string | null, expected: string): boolean {
  return timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== null;
}

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/**
 * Per-client token bucket: `rate` requests per second with bursts of up to `rate` (at least 1).
 * Bounded memory: the oldest clients are forgotten beyond `maxClients`.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private rate: number,
    private readonly maxClients = 10_000,
  ) {}

  /** False when limiting is off (rate 0): callers may skip identifying the client. */
  get active(): boolean {
    return this.rate > 0;
  }

  setRate(rate: number): void {
    this.rate = rate;
    this.buckets.clear();
  }

  /** 0 when allowed, else the seconds to wait (for Retry-After). */
  take(client: string, nowMs: number): number {
    if (this.rate <= 0) return 0;
    const burst = Math.max(1, this.rate);
    let b = this.buckets.get(client);
    if (!b) {
      if (this.buckets.size >= this.maxClients) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      b = { tokens: burst, at: nowMs };
    } else {
      b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) / 1000) * this.rate);
      b.at = nowMs;
      this.buckets.delete(client); // re-insert: Map order = least recently seen first
    }
    this.buckets.set(client, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.rate));
  }
}
