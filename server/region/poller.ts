import os from 'node:os';
import { peerCapacitySchema } from '../../core/region/capacity-schema';
import type { RegionCapacity, RegionCenter, RegionView } from '../../core/region/types';
import { getRegionInterval, listRegionPeers, type RegionPeerRow } from '../../db/region';
import type { AppContext } from '../context';
import type { CapacitySnapshot, Representation } from '../capacity/snapshot';
import { fetchPeer, PEER_LIMITS } from './fetch';
import { FeedError, haveToCapacity } from './have';
import { renderRegionPage } from './page';
import { createHash } from 'node:crypto';

const MAX_BACKOFF_MS = 5 * 60_000;

interface PeerState {
  etag: string | null;
  capacity: RegionCapacity | null;
  error: string | null;
  /** Last successful answer (200 or 304). */
  fetchedAt: number | null;
  failures: number;
  nextAt: number;
  busy: boolean;
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
): RegionPoller {
  let peers: RegionPeerRow[] = [];
  let intervalMs = 30_000;
  const states = new Map<number, PeerState>();
  let stopped = false;
  let built: RegionReps | null = null;

  const stateOf = (id: number): PeerState => {
    let s = states.get(id);
    if (!s) {
      s = {
        etag: null,
        capacity: null,
        error: null,
        fetchedAt: null,
        failures: 0,
        nextAt: 0,
        busy: false,
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
      const old = s.fetchedAt === null || now - s.fetchedAt > 2 * intervalMs;
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
    built = {
      json: rep(`${JSON.stringify(v)}\n`, 'application/json; charset=utf-8'),
      html: rep(
        renderRegionPage(v, own()?.data?.facility.timeZone ?? 'UTC'),
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

  const tick = () => {
    if (stopped) return;
    const now = app.clock.now();
    for (const p of peers) {
      const s = stateOf(p.id);
      if (!s.busy && s.nextAt <= now) void poll(p);
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
    for (const id of states.keys()) if (!ids.has(id)) states.delete(id);
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
    },
  };
}
