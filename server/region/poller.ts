import os from 'node:os';
import { peerCapacitySchema } from '../../core/region/capacity-schema';
import type { RegionCapacity, RegionCenter, RegionView } from '../../core/region/types';
import { getRegionInterval, listRegionPeers, type RegionPeerRow } from '../../db/region';
import type { AppContext } from '../context';
import type { CapacitySnapshot, Representation } from '../capacity/snapshot';
import { fetchPeer, PEER_LIMITS } from './fetch';
import { FeedError, haveToCapacity } from './have';
import { renderRegionPage } from './page';
import { eventsUrlOf, openPeerStream, STREAM_LIMITS, type PeerStream } from './stream';
import { createHash } from 'node:crypto';

const MAX_BACKOFF_MS = 5 * 60_000;
/** The first retry of a dropped or refused stream: a Handoff's own `retry: 5000`. */
const STREAM_RETRY_MS = 5000;

interface PeerState {
  etag: string | null;
  capacity: RegionCapacity | null;
  error: string | null;
  /** Last successful answer (200 or 304). */
  fetchedAt: number | null;
  failures: number;
  nextAt: number;
  busy: boolean;
  /** The url and token this state was read with: a change starts over. */
  key: string;
  /** The peer answered capacity v1 JSON: it is a Handoff, which offers an event stream. */
  streamable: boolean;
  stream: PeerStream | null;
  streamFailures: number;
  /** Monotonic ms: when to try the stream again. */
  streamNextAt: number;
}

export interface RegionReps {
  json: Representation;
  html: Representation;
}

export interface RegionPoller {
  view(): RegionView;
  reps(): RegionReps;
  /** The peers or the interval changed: re-read them and poll the new ones now. */
  reload(): void;
  /** This center's own snapshot changed. */
  ownChanged(): void;
  stop(): void;
}

/** Parses a peer's answer as capacity v1 JSON or an EDXL-HAVE 1.0 document. */
export function parsePeerFeed(body: string, contentType: string, now: number): RegionCapacity {
  const first = body.trimStart()[0];
  if (first === '<' || /xml/i.test(contentType)) return haveToCapacity(body, now);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new FeedError('The answer is neither JSON nor XML.');
  }
  const parsed = peerCapacitySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedError(
      `Not a capacity v1 feed: ${issue.path.join('.') || 'the document'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Capacity v1 JSON (another Handoff), as opposed to an EDXL-HAVE document. */
const isJsonFeed = (body: string, contentType: string): boolean =>
  body.trimStart()[0] !== '<' && !/xml/i.test(contentType);

/** A URL that points at this center's own capacity listener (any of its addresses). */
export function isOwnFeed(url: string, ownPort: number | null): boolean {
  if (ownPort === null) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  if (port !== ownPort) return false;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const own = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0']);
  for (const addrs of Object.values(os.networkInterfaces()))
    for (const a of addrs ?? []) own.add(a.address);
  return own.has(host) || /^127\./.test(host);
}

const etagOf = (b: Buffer) =>
  `"${createHash('sha256').update(b).digest('base64url').slice(0, 27)}"`;
const rep = (text: string, contentType: string): Representation => {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: etagOf(body), contentType };
};

/**
 * The regional board: polls each peer's feed (interval a setting, 10–300 s) with If-None-Match,
 * backs off after failures up to 5 min, and keeps one error per center; a bad peer never
 * affects another or this center. The JSON and page bytes are rebuilt on every change.
 */
export function startRegionPoller(
  app: AppContext,
  own: () => CapacitySnapshot | null,
  ownPort: () => number | null,
  onChange: () => void,
  limits = PEER_LIMITS,
  streamLimits = STREAM_LIMITS,
): RegionPoller {
  const monotonic = () => performance.now();
  let peers: RegionPeerRow[] = [];
  let intervalMs = 30_000;
  const states = new Map<number, PeerState>();
  let stopped = false;
  let built: RegionReps | null = null;

  const stateOf = (id: number, key = ''): PeerState => {
    let s = states.get(id);
    if (s && key && s.key !== key) {
      s.stream?.close();
      s = undefined;
    }
    if (!s) {
      s = {
        etag: null,
        capacity: null,
        error: null,
        fetchedAt: null,
        failures: 0,
        nextAt: 0,
        busy: false,
        key,
        streamable: false,
        stream: null,
        streamFailures: 0,
        streamNextAt: 0,
      };
      states.set(id, s);
    }
    return s;
  };

  const view = (): RegionView => {
    const now = app.clock.now();
    const snap = own();
    const self: RegionCenter[] = snap?.data
      ? [
          {
            source: null,
            name: snap.data.facility.name,
            reachable: true,
            error: null,
            fetchedAt: snap.data.generatedAt,
            stale: snap.data.stale,
            capacity: snap.data,
          },
        ]
      : [];
    const others = peers.map((p): RegionCenter => {
      const s = stateOf(p.id);
      const old =
        !s.stream?.alive(monotonic()) &&
        (s.fetchedAt === null || now - s.fetchedAt > 2 * intervalMs);
      return {
        source: p.url,
        name: (p.name ?? s.capacity?.facility.name ?? new URL(p.url).host).slice(0, 120),
        reachable: s.error === null && s.capacity !== null,
        error: s.error ?? (s.capacity ? null : 'Not read yet'),
        fetchedAt: s.fetchedAt === null ? null : new Date(s.fetchedAt).toISOString(),
        stale: (s.capacity?.stale ?? false) || old,
        capacity: s.capacity,
      };
    });
    // Reachable and fresh first (by name); unreachable and stale last.
    const rank = (c: RegionCenter) => (!c.reachable ? 2 : c.stale ? 1 : 0);
    others.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
    return { version: 1, generatedAt: new Date(now).toISOString(), centers: [...self, ...others] };
  };

  const rebuild = () => {
    const v = view();
    const json = rep(`${JSON.stringify(v)}\n`, 'application/json; charset=utf-8');
    built = {
      json,
      html: rep(
        renderRegionPage(v, own()?.data?.facility.timeZone ?? 'UTC', json.etag.slice(1, -1)),
        'text/html; charset=utf-8',
      ),
    };
    onChange();
  };

  const poll = async (p: RegionPeerRow) => {
    const s = stateOf(p.id);
    s.busy = true;
    const before = JSON.stringify([s.capacity, s.error]);
    try {
      if (isOwnFeed(p.url, ownPort())) throw new FeedError('This is this center’s own feed.');
      const answer = await fetchPeer(p.url, { token: p.token, etag: s.etag }, limits);
      const now = app.clock.now();
      if (answer.kind === 'error') throw new FeedError(answer.error);
      if (answer.kind === 'body') {
        const capacity = parsePeerFeed(answer.body, answer.contentType, now);
        if (capacity.facility.id === own()?.data?.facility.id)
          throw new FeedError('This is this center’s own feed.');
        s.capacity = capacity;
        s.etag = answer.etag;
        s.streamable = isJsonFeed(answer.body, answer.contentType);
      }
      s.error = null;
      s.fetchedAt = now;
      s.failures = 0;
      s.nextAt = now + intervalMs;
    } catch (err) {
      s.error = err instanceof FeedError ? err.message : 'The feed could not be read.';
      s.etag = null;
      s.failures += 1;
      s.nextAt = app.clock.now() + Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** (s.failures - 1));
    } finally {
      s.busy = false;
    }
    if (!stopped && JSON.stringify([s.capacity, s.error]) !== before) rebuild();
  };

  /** A stream message: the same checks as a polled answer; the stream stands in for the poll. */
  const streamed = (p: RegionPeerRow, s: PeerState, id: string, data: string) => {
    if (stopped || s.stream === null) return;
    const before = JSON.stringify([s.capacity, s.error]);
    const now = app.clock.now();
    try {
      const capacity = parsePeerFeed(data, 'application/json', now);
      if (capacity.facility.id === own()?.data?.facility.id)
        throw new FeedError('This is this center’s own feed.');
      s.capacity = capacity;
      s.etag = `"${id}"`;
      s.error = null;
      s.fetchedAt = now;
      s.failures = 0;
      s.nextAt = now + intervalMs;
      s.streamFailures = 0;
    } catch (err) {
      // A bad message ends the stream: the poller reads the feed and says why.
      s.stream.close();
      streamEnded(p, s, err instanceof FeedError ? err.message : 'Bad event', null);
      return;
    }
    if (JSON.stringify([s.capacity, s.error]) !== before) rebuild();
  };

  /** The stream is over: poll now, try the stream again later (backing off up to 5 min). */
  const streamEnded = (
    _p: RegionPeerRow,
    s: PeerState,
    _reason: string,
    retryAfterMs: number | null,
  ) => {
    s.stream = null;
    s.streamFailures += 1;
    const backoff = Math.min(MAX_BACKOFF_MS, STREAM_RETRY_MS * 2 ** (s.streamFailures - 1));
    s.streamNextAt = monotonic() + Math.max(backoff, Math.min(MAX_BACKOFF_MS, retryAfterMs ?? 0));
    s.nextAt = 0;
    if (!stopped) tick();
  };

  const follow = (p: RegionPeerRow, s: PeerState) => {
    const url = eventsUrlOf(p.url);
    if (!url) return (s.streamable = false);
    const stream = openPeerStream(
      url,
      p.token,
      {
        message: (id, data) => {
          if (s.stream === stream) streamed(p, s, id, data);
        },
        ended: (reason, retryAfterMs) => {
          if (s.stream === stream) streamEnded(p, s, reason, retryAfterMs);
        },
      },
      streamLimits,
      monotonic,
    );
    s.stream = stream;
  };

  const tick = () => {
    if (stopped) return;
    const now = app.clock.now();
    const mono = monotonic();
    for (const p of peers) {
      const s = stateOf(p.id);
      if (s.stream) {
        if (s.stream.alive(mono)) {
          // Pings confirm the counts as a 304 would: the age moves on at the poll's pace.
          if (s.fetchedAt !== null && now - s.fetchedAt >= intervalMs && s.error === null) {
            s.fetchedAt = now;
            rebuild();
          }
          continue;
        }
        const quiet = s.stream;
        quiet.close();
        if (s.stream === quiet) streamEnded(p, s, 'Event stream went quiet', null);
        continue;
      }
      if (s.streamable && mono >= s.streamNextAt) follow(p, s);
      else if (!s.busy && s.nextAt <= now) void poll(p);
    }
  };

  const reload = () => {
    try {
      peers = listRegionPeers(app.db);
      intervalMs = getRegionInterval(app.db) * 1000;
    } catch {
      return;
    }
    const ids = new Set(peers.map((p) => p.id));
    for (const [id, s] of states)
      if (!ids.has(id)) {
        s.stream?.close();
        states.delete(id);
      }
    for (const p of peers) stateOf(p.id, `${p.url}\n${p.token ?? ''}`);
    rebuild();
    tick();
  };

  reload();
  const timer = setInterval(() => {
    tick();
    // Ages move with time: "stale" is re-evaluated even when nothing answers.
    const next = JSON.stringify(view().centers.map((c) => c.stale));
    if (next !== lastStale) {
      lastStale = next;
      rebuild();
    }
  }, 1000);
  let lastStale = '';
  timer.unref();

  return {
    view,
    reps: () => built!,
    reload,
    ownChanged: rebuild,
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const s of states.values()) {
        s.stream?.close();
        s.stream = null;
      }
    },
  };
}
