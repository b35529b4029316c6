import { EventSource, type EventSourceFetchInit } from 'eventsource';
import { PEER_LIMITS } from './fetch';

export const STREAM_LIMITS = {
  ...PEER_LIMITS,
  /** A Handoff pings every 15 s: silence past two pings means the stream is dead. */
  quietMs: 30_000,
};

export interface PeerStreamHandlers {
  /** One `capacity` message: its id (an unquoted ETag) and its data (the v1 JSON). */
  message(id: string, data: string): void;
  /** The stream is over (refused, dropped, too large): poll instead; retry after `retryMs`. */
  ended(reason: string, retryAfterMs: number | null): void;
}

export interface PeerStream {
  /** Bytes arrived within the quiet limit (pings included). */
  alive(now: number): boolean;
  close(): void;
}

/** A peer that is another Handoff offers its capacity as events next to its JSON feed. */
export function eventsUrlOf(feedUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(feedUrl);
  } catch {
    return null;
  }
  const path = u.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/api/v1/capacity')) return null;
  u.pathname = `${path}/events`;
  return u.toString();
}

/**
 * Cuts a stream whose pending message grows past `max` bytes (a blank line ends a message) and
 * notes when bytes last arrived, pings included (eventsource does not surface comments).
 */
function guard(max: number, onBytes: () => void, onTooLarge: () => void) {
  let pending = 0;
  let lastWasLf = false;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      onBytes();
      let end = -1;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 0x0a) {
          if (lastWasLf) end = i;
          lastWasLf = true;
        } else if (chunk[i] !== 0x0d) lastWasLf = false;
      }
      pending = end >= 0 ? chunk.length - end - 1 : pending + chunk.length;
      if (pending > max) {
        onTooLarge();
        ctl.error(new Error('too large'));
        return;
      }
      ctl.enqueue(chunk);
    },
  });
}

/**
 * Follows a Handoff peer's `/api/v1/capacity/events` with the `eventsource` client: the token as
 * a bearer header, 5 s to connect, no redirects, each message capped at 512 KB. It never
 * reconnects by itself: any end goes back to the poller, which decides when to try again.
 */
export function openPeerStream(
  url: string,
  token: string | null,
  handlers: PeerStreamHandlers,
  limits = STREAM_LIMITS,
  monotonic: () => number = () => performance.now(),
): PeerStream {
  let lastBytes = monotonic();
  let closed = false;
  let retryAfterMs: number | null = null;
  let tooLarge = false;

  const end = (reason: string) => {
    if (closed) return;
    closed = true;
    es.close();
    handlers.ended(reason, retryAfterMs);
  };

  const guardedFetch = async (input: string | URL, init: EventSourceFetchInit) => {
    const connect = new AbortController();
    const timer = setTimeout(() => connect.abort(), limits.timeoutMs);
    const signals: AbortSignal[] = [
      connect.signal,
      ...(init.signal ? [init.signal as AbortSignal] : []),
    ];
    try {
      const res = await fetch(input, {
        ...init,
        headers: {
          ...init.headers,
          'User-Agent': 'Handoff-Region/1',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
      const after = Number(res.headers.get('retry-after'));
      if (res.status === 503 && after > 0) retryAfterMs = after * 1000;
      if (!res.ok || !res.body) return res;
      const body = res.body.pipeThrough(
        guard(
          limits.maxBytes,
          () => (lastBytes = monotonic()),
          () => (tooLarge = true),
        ),
      );
      return new Response(body, { status: res.status, headers: res.headers });
    } finally {
      clearTimeout(timer);
    }
  };

  const es = new EventSource(url, { fetch: guardedFetch });
  es.addEventListener('capacity', (e) => {
    lastBytes = monotonic();
    handlers.message(e.lastEventId, e.data);
  });
  es.addEventListener('error', (e) => {
    if (tooLarge) return end(`Event too large (over ${limits.maxBytes / 1024} KB)`);
    if (e.code === 301 || e.code === 302 || e.code === 307 || e.code === 308)
      return end(`Redirect not followed (HTTP ${e.code})`);
    if (e.code === 200) return end('Event stream refused: not text/event-stream');
    if (e.code) return end(`Event stream refused (HTTP ${e.code})`);
    end(e.message ? `Event stream ended: ${e.message}` : 'Event stream ended');
  });

  return {
    alive: (now) => !closed && now - lastBytes <= limits.quietMs,
    close() {
      closed = true;
      es.close();
    },
  };
}
