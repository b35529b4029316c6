import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  ALLOWED_METHODS,
  bearerToken,
  etagMatches,
  RateLimiter,
  routeOf,
  tokenMatches,
} from './http-policy';
import { CapacityEventStreams, EVENT_LIMITS } from './events';
import { PAGE_CSP } from './page';
import { REGION_PAGE_CSP } from '../region/page';
import type { RegionReps } from '../region/poller';
import type { CapacitySnapshot, Representation } from './snapshot';

export interface CapacityEndpointOptions {
  host: string;
  port: number;
  /** Bearer token; null = no token needed. */
  token: string | null;
  /** Requests per second per client; 0 = off. */
  rateLimit: number;
  /** The current snapshot (bytes + ETags), or null before first-run setup. */
  snapshot(): CapacitySnapshot | null;
  /** The regional board's bytes (GET /api/v1/region, GET /region), when this process has one. */
  region?: () => RegionReps | null;
  /** Monotonic milliseconds, for the rate limiter (tests may pass their own). */
  monotonicNow?: () => number;
  /** Tests shorten the timeouts to watch them work. */
  limits?: Partial<typeof LIMITS>;
  /** Tests lower the event-stream limits and timings. */
  eventLimits?: Partial<typeof EVENT_LIMITS>;
}

export interface RunningCapacityEndpoint {
  /** The URL of /api/v1/capacity. */
  url: string;
  host: string;
  port: number;
  setToken(token: string | null): void;
  setRateLimit(rate: number): void;
  /** The snapshot may have changed: the event streams get the newest state (coalesced). */
  refresh(): void;
  close(): Promise<void>;
}

/** Slow or huge requests cannot hold the listener (slowloris, header floods). */
export const LIMITS = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node looks for connections past those timeouts (its default is 30 s). */
  checkIntervalMs: 1_000,
  maxHeaderSize: 8 * 1024,
  maxHeadersCount: 50,
};

const HEALTH: Representation = {
  body: Buffer.from('{"ok":true}\n'),
  etag: '"healthz-ok"',
  contentType: 'application/json; charset=utf-8',
};

const BASE_HEADERS = {
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
} as const;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  head: boolean,
  extra: Record<string, string> = {},
): void {
  const bytes = Buffer.from(`${JSON.stringify(body)}\n`);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': bytes.length,
    ...extra,
  });
  res.end(head ? undefined : bytes);
}

/** A representation's 200 headers, built once per snapshot (polls are the hot path). */
const okHeaderCache = new WeakMap<Representation, Record<string, string | number>>();
function okHeaders(
  rep: Representation,
  extra: Record<string, string>,
): Record<string, string | number> {
  const build = () => ({
    ...BASE_HEADERS,
    ETag: rep.etag,
    ...extra,
    'Content-Type': rep.contentType,
    'Content-Length': rep.body.length,
  });
  // The status page's extra headers are constant, so caching by representation is exact.
  let h = okHeaderCache.get(rep);
  if (!h) okHeaderCache.set(rep, (h = build()));
  return h;
}

function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
  head: boolean,
  extra: Record<string, string> = {},
): void {
  if (etagMatches(req.headers['if-none-match'], rep.etag)) {
    res.writeHead(304, { ...BASE_HEADERS, ETag: rep.etag, ...extra });
    res.end();
    return;
  }
  res.writeHead(200, okHeaders(rep, extra));
  res.end(head ? undefined : rep.body);
}

/** A request that carries a body is answered and its connection closed: the body is never read. */
function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  return (len !== undefined && len !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** An event stream (capacity or region), within its limits (503 + Retry-After beyond them). */
function openStream(
  set: CapacityEventStreams,
  req: IncomingMessage,
  res: ServerResponse,
  head: boolean,
): void {
  const client = req.socket.remoteAddress ?? 'unknown';
  const full = set.refusal(client);
  if (full > 0)
    return sendJson(res, 503, { error: 'Too many open event streams; try again later.' }, head, {
      'Retry-After': String(full),
    });
  if (head) {
    res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8' });
    res.end();
    return;
  }
  set.open(req, res, client, BASE_HEADERS);
}

/**
 * The dispatch capacity listener (docs/capacity-endpoint.md): its own node:http server,
 * separate from the UI server, serving prebuilt snapshot bytes. A poll does no database work.
 */
export async function startCapacityEndpoint(
  options: CapacityEndpointOptions,
): Promise<RunningCapacityEndpoint> {
  let token = options.token;
  const limiter = new RateLimiter(options.rateLimit);
  const monotonic = options.monotonicNow ?? (() => performance.now());
  const streams = new CapacityEventStreams(options.snapshot, options.eventLimits, monotonic);
  const regionStreams = new CapacityEventStreams(
    () => options.region?.() ?? null,
    options.eventLimits,
    monotonic,
    'region',
  );

  const handle = (req: IncomingMessage, res: ServerResponse, body: boolean) => {
    if (body) res.setHeader('Connection', 'close');
    const method = req.method ?? '';
    const head = method === 'HEAD';
    const target = routeOf(req.url);
    if (!target) return sendJson(res, 400, { error: 'Bad request target.' }, head);

    // Reading the peer address costs a system call: only when a limit is set (the hot path).
    const wait = limiter.active
      ? limiter.take(req.socket.remoteAddress ?? 'unknown', monotonic())
      : 0;
    if (wait > 0)
      return sendJson(res, 429, { error: 'Too many requests; slow down.' }, head, {
        'Retry-After': String(wait),
      });

    if (!target.route)
      return sendJson(res, 404, { error: 'Not found. Try /api/v1/capacity.' }, head);
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        ...BASE_HEADERS,
        Allow: ALLOWED_METHODS,
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Allow-Headers': 'Authorization, If-None-Match, Last-Event-ID',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    if (method !== 'GET' && !head)
      return sendJson(res, 405, { error: 'Method not allowed.' }, false, {
        Allow: ALLOWED_METHODS,
      });

    if (target.route === 'health') return sendRepresentation(req, res, HEALTH, head);

    // The status page and a browser's EventSource cannot send a header: they may carry ?token=.
    const given =
      bearerToken(req.headers.authorization) ??
      (target.route === 'page' ||
      target.route === 'events' ||
      target.route === 'regionPage' ||
      target.route === 'regionEvents'
        ? target.query.get('token')
        : null);
    if (token !== null && !tokenMatches(given, token))
      return sendJson(res, 401, { error: 'A valid bearer token is required.' }, head, {
        'WWW-Authenticate': 'Bearer realm="handoff-capacity"',
      });

    const snap = options.snapshot();
    if (!snap)
      return sendJson(res, 503, { error: 'This Handoff is not set up yet.' }, head, {
        'Retry-After': '60',
      });
    if (
      target.route === 'region' ||
      target.route === 'regionPage' ||
      target.route === 'regionEvents'
    ) {
      const reps = options.region?.() ?? null;
      if (!reps)
        return sendJson(res, 503, { error: 'The regional board is not available yet.' }, head, {
          'Retry-After': '10',
        });
      if (target.route === 'region') return sendRepresentation(req, res, reps.json, head);
      if (target.route === 'regionEvents') return openStream(regionStreams, req, res, head);
      return sendRepresentation(req, res, reps.html, head, {
        'Content-Security-Policy': REGION_PAGE_CSP,
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
      });
    }
    if (target.route === 'events') return openStream(streams, req, res, head);
    if (target.route === 'json') return sendRepresentation(req, res, snap.json, head);
    if (target.route === 'xml') return sendRepresentation(req, res, snap.xml, head);
    return sendRepresentation(req, res, snap.html, head, {
      'Content-Security-Policy': PAGE_CSP,
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
  };

  const limits = { ...LIMITS, ...options.limits };
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      maxHeaderSize: limits.maxHeaderSize,
    },
    (req, res) => {
      const body = hasBody(req);
      try {
        handle(req, res, body);
      } catch {
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' }, false);
        else res.destroy();
      }
      // Never read a body: drop the connection once answered instead of draining it.
      if (body) res.on('finish', () => req.socket.destroy());
    },
  );
  server.maxHeadersCount = limits.maxHeadersCount;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}/api/v1/capacity`,
    host: address.address,
    port: address.port,
    setToken(t) {
      token = t;
    },
    setRateLimit(rate) {
      limiter.setRate(rate);
    },
    refresh() {
      streams.changed();
      regionStreams.changed();
    },
    close: () =>
      new Promise<void>((resolve) => {
        streams.close();
        regionStreams.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
