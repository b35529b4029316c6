import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Representation } from './snapshot';

/** What a stream sends: a JSON representation (the capacity snapshot, or the region's). */
interface HasJson {
  json: Representation;
}

/** GET /api/v1/capacity/events (DESIGN.md "Dispatch in real time"): Server-Sent Events. */
export const EVENT_LIMITS = {
  perClient: 20,
  total: 500,
  /** At most one message per this many milliseconds, always the newest state. */
  coalesceMs: 1000,
  pingMs: 15_000,
  retryMs: 5000,
  /** A client that reads slower than this much queued output is dropped (it reconnects). */
  maxBufferedBytes: 1024 * 1024,
  retryAfterSeconds: 10,
};

interface Stream {
  res: ServerResponse;
  client: string;
  /** The id (unquoted ETag) of the last message this stream was sent. */
  lastId: string | null;
}

/** The event's id: the JSON representation's ETag without its quotes. */
export const eventIdOf = (snap: HasJson): string => snap.json.etag.slice(1, -1);

/** One message: the v1 JSON on one line (it has no newline inside; the trailing one is cut). */
function message(snap: HasJson, event: string): { id: string; bytes: string } {
  const id = eventIdOf(snap);
  const json = snap.json.body.toString('utf8').trimEnd();
  return { id, bytes: `id: ${id}\nevent: ${event}\ndata: ${json}\n\n` };
}

export class CapacityEventStreams {
  private streams = new Set<Stream>();
  private perClient = new Map<string, number>();
  private lastBroadcast = 0;
  private pending: NodeJS.Timeout | null = null;
  private readonly ping: NodeJS.Timeout;
  private readonly limits: typeof EVENT_LIMITS;

  constructor(
    private readonly snapshot: () => HasJson | null,
    limits: Partial<typeof EVENT_LIMITS> = {},
    private readonly monotonic: () => number = () => performance.now(),
    /** The SSE event name: `capacity`, or `region` for GET /api/v1/region/events. */
    private readonly event = 'capacity',
  ) {
    this.limits = { ...EVENT_LIMITS, ...limits };
    this.ping = setInterval(() => this.writeAll(': ping\n\n'), this.limits.pingMs);
    this.ping.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  /** Seconds to wait when a new stream would pass a limit, else 0. */
  refusal(client: string): number {
    if (this.streams.size >= this.limits.total) return this.limits.retryAfterSeconds;
    if ((this.perClient.get(client) ?? 0) >= this.limits.perClient)
      return this.limits.retryAfterSeconds;
    return 0;
  }

  /** Opens a stream (limits already checked): headers, retry, and the state unless already seen. */
  open(
    req: IncomingMessage,
    res: ServerResponse,
    client: string,
    headers: Record<string, string>,
  ): void {
    const snap = this.snapshot()!;
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true, 30_000);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const stream: Stream = { res, client, lastId: null };
    this.streams.add(stream);
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    const forget = () => {
      if (!this.streams.delete(stream)) return;
      const n = (this.perClient.get(client) ?? 1) - 1;
      if (n <= 0) this.perClient.delete(client);
      else this.perClient.set(client, n);
    };
    res.on('close', forget);
    req.on('close', forget);
    res.write(`retry: ${this.limits.retryMs}\n\n`);
    const m = message(snap, this.event);
    const seen = req.headers['last-event-id'];
    if (seen !== m.id) res.write(m.bytes);
    stream.lastId = m.id;
  }

  /** The snapshot may have changed: tell every stream, at most once per coalescing period. */
  changed(): void {
    if (this.pending) return;
    const wait = this.lastBroadcast + this.limits.coalesceMs - this.monotonic();
    if (wait <= 0) return this.broadcast();
    this.pending = setTimeout(() => {
      this.pending = null;
      this.broadcast();
    }, wait);
    this.pending.unref();
  }

  private broadcast(): void {
    const snap = this.snapshot();
    if (!snap || this.streams.size === 0) return;
    const m = message(snap, this.event);
    let sent = false;
    for (const s of this.streams) {
      if (s.lastId === m.id) continue;
      s.lastId = m.id;
      this.write(s, m.bytes);
      sent = true;
    }
    if (sent) this.lastBroadcast = this.monotonic();
  }

  private writeAll(bytes: string): void {
    for (const s of this.streams) this.write(s, bytes);
  }

  private write(s: Stream, bytes: string): void {
    if (s.res.writableLength > this.limits.maxBufferedBytes) {
      s.res.destroy();
      return;
    }
    s.res.write(bytes);
  }

  close(): void {
    clearInterval(this.ping);
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.streams) s.res.end();
    this.streams.clear();
    this.perClient.clear();
  }
}
