import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../core/result';
import { msg } from '../../core/messages';
import { createSession, endSession, resolveSession } from '../auth/sessions';
import { dispatch } from '../api/dispatch';
import type { AppContext, Caller, ChangeEvent } from '../context';
import { serveStatic } from './static';
import {
  SECURITY_HEADERS,
  allowedHostSet,
  isAllowedHost,
  isSameOrigin,
  parseCookies,
  statusForError,
} from './security';

export const SESSION_COOKIE = 'handoff_session';
/** Every API call must carry this header: a cross-site form or image cannot set it (CSRF). */
export const CSRF_HEADER = 'x-handoff-request';
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Longer request targets answer 414: no screen, file or API path of ours comes near it. */
export const MAX_URL_LENGTH = 2048;
/**
 * After a 413, this much more of the body is read and dropped so the client, still sending,
 * sees the answer instead of a reset connection; a longer one is cut off.
 */
const DRAIN_BYTES = 4 * MAX_BODY_BYTES;

/** A route of a build of its own (the test build's clock): the parsed JSON body → the value. */
export type ExtraRoute = (body: Record<string, unknown>) => unknown;

export interface UiServerOptions {
  rendererDir: string;
  host: string;
  port: number;
  tls?: { cert: Buffer; key: Buffer };
  /** Extra host names (e.g. the workstation's DNS name) accepted in the Host header. */
  hostNames?: readonly string[];
  /**
   * JSON routes a build adds (POST, body → value). The shipped CLI adds none; the test build
   * (tests/helpers/test-cli.ts) adds the clock the e2e tests move, so it exists nowhere else.
   */
  extraRoutes?: Readonly<Record<string, ExtraRoute>>;
  log?: { error(message: string, err: unknown): void };
}

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(bytes);
}

function sendError(res: ServerResponse, err: ApiError, extra: Record<string, string> = {}): void {
  sendJson(res, statusForError(err.code), { ok: false, error: err.toBody() }, extra);
}

const tooLarge = () =>
  new ApiError('too_large', msg('requestTooLarge', { max: MAX_BODY_BYTES / (1024 * 1024) }));

/**
 * Drops the rest of a refused body, then closes: the answer was sent with `Connection: close`,
 * and draining (up to a bound) lets the client read it instead of meeting a reset.
 */
function drainAndClose(req: IncomingMessage): void {
  let drained = 0;
  req.removeAllListeners('data');
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > DRAIN_BYTES) req.socket.destroy();
  });
  req.on('end', () => req.socket.end());
  req.on('error', () => req.socket.destroy());
  req.resume();
}

/** The body as text; over MAX_BODY_BYTES (declared or sent chunked) rejects with `too_large`. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The UI + API server of serve mode (other desks' browsers, and the e2e tests). */
export async function startUiServer(
  app: AppContext,
  options: UiServerOptions,
): Promise<RunningServer> {
  const secure = Boolean(options.tls);
  let allowedHosts = new Set<string>();
  const sseClients = new Set<ServerResponse>();

  const cookieFor = (token: string | null): string =>
    `${SESSION_COOKIE}=${token ?? ''}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}${token ? '' : '; Max-Age=0'}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    if ((req.url ?? '').length > MAX_URL_LENGTH) {
      res.writeHead(414, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end('URI too long');
      return;
    }
    if (!isAllowedHost(req.headers.host, allowedHosts)) {
      sendError(res, new ApiError('forbidden', msg('unknownHost')));
      return;
    }
    // Prefixing keeps "//x" a path: as a relative URL it would name a host (and throw).
    const url = new URL(`http://x${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
    const pathname = url.pathname;
    const method = req.method ?? 'GET';

    if (pathname.startsWith('/api/')) {
      const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      const now = app.clock.now();
      const user = resolveSession(app.db, token, now);

      if (pathname === '/api/events' && method === 'GET') {
        if (!user) return sendError(res, new ApiError('unauthenticated', msg('signInFirst')));
        // A kiosk sees nothing of the desk: the change stream names what changed, and when.
        if (user.role === 'kiosk')
          return sendError(res, new ApiError('forbidden', msg('roleNotAllowed')));
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write('retry: 1000\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }

      const routes = options.extraRoutes;
      if (routes && Object.prototype.hasOwnProperty.call(routes, pathname)) {
        const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
        return sendJson(res, 200, { ok: true, value: routes[pathname]!(body) });
      }

      const m = /^\/api\/call\/([A-Za-z0-9_.]{1,80})$/.exec(pathname);
      if (!m) return sendError(res, new ApiError('not_found', msg('noSuchApiPath')));
      if (method !== 'POST')
        return sendError(res, new ApiError('not_found', msg('apiUsesPost')), { Allow: 'POST' });
      if (req.headers[CSRF_HEADER] !== '1' || !isSameOrigin(req.headers.origin, req.headers.host)) {
        return sendError(res, new ApiError('forbidden', msg('crossSiteRefused')));
      }
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return sendError(res, new ApiError('invalid_input', msg('sendJson')));
      }
      let input: unknown;
      try {
        const raw = await readBody(req);
        // No body is "no input"; any JSON value, null included, goes to the dispatcher as sent.
        input = raw === '' ? undefined : JSON.parse(raw);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'too_large') {
          sendError(res, err, { Connection: 'close' });
          drainAndClose(req);
          return;
        }
        return sendError(
          res,
          err instanceof ApiError ? err : new ApiError('invalid_input', msg('bodyNotJson')),
        );
      }
      let setCookie: string | null = null;
      const caller: Caller = {
        user,
        address: req.socket.remoteAddress ?? 'unknown',
        startSession(userId) {
          if (token) endSession(app.db, token);
          setCookie = cookieFor(createSession(app.db, userId, 'http', app.clock.now()));
        },
        endSession() {
          endSession(app.db, token);
          setCookie = cookieFor(null);
        },
      };
      const result = await dispatch(app, m[1]!, input, caller, options.log);
      const extra: Record<string, string> = setCookie ? { 'Set-Cookie': setCookie } : {};
      if (result.ok) sendJson(res, 200, result, extra);
      else sendJson(res, statusForError(result.error.code), result, extra);
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Method not allowed');
      return;
    }
    serveStatic(options.rendererDir, pathname, res, method === 'HEAD');
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      // A refusal (ApiError) is the client's mistake, answered as such; only our own faults log.
      if (!(err instanceof ApiError) || err.code === 'internal')
        options.log?.error('request failed', err);
      if (!res.headersSent)
        sendError(
          res,
          err instanceof ApiError ? err : new ApiError('internal', msg('internalError')),
        );
      else res.destroy();
    });
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : http.createServer(listener);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  const onChange = (e: ChangeEvent) => {
    const frame = `event: change\ndata: ${JSON.stringify(e)}\n\n`;
    for (const c of sseClients) c.write(frame);
  };
  app.events.on('change', onChange);
  const heartbeat = setInterval(() => {
    for (const c of sseClients) c.write(': keep-alive\n\n');
  }, 20_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostSet(options.host, port, options.hostNames);
  const shownHost =
    options.host === '0.0.0.0' || options.host === '::'
      ? 'localhost'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host;
  return {
    server,
    port,
    url: `${secure ? 'https' : 'http'}://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        app.events.off('change', onChange);
        for (const c of sseClients) c.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
