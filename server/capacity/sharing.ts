import os from 'node:os';
import { getDispatchSettings } from '../../db/capacity';
import type { AppContext } from '../context';
import { startCapacityEndpoint, type RunningCapacityEndpoint } from './endpoint';
import { ListenError, startCapacityEndpointThread } from './endpoint-thread';
import type { CapacityMonitor } from './monitor';
import { nextSnapshot, type CapacitySnapshot } from './snapshot';
import { readCensusConfirmation } from './census';
import { startWebhookSender } from '../webhooks/sender';
import { startRegionPoller, type RegionPoller } from '../region/poller';
import { censusStaleAt } from '../../core/capacity/census';

/** Command-line choices (`handoff serve --capacity-*`) win over the stored settings. */
export interface SharingOverrides {
  host?: string | undefined;
  port?: number | undefined;
  rateLimit?: number | undefined;
  /**
   * The bundled listener thread (out/cli/capacity-worker.cjs). Given, the listener runs on its
   * own thread so polls never wait for a write's fsync on the main thread; absent (tests run
   * from source), it runs on the main thread.
   */
  workerFile?: string | undefined;
}

export interface SharingStatus {
  enabled: boolean;
  running: boolean;
  /** URL of /api/v1/capacity when listening. */
  url: string | null;
  /** Why it is not running although enabled (e.g. the port is in use). */
  error: string | null;
  host: string;
  port: number;
  overridden: boolean;
}

export interface DispatchSharing {
  status(): SharingStatus;
  snapshot(): CapacitySnapshot | null;
  /** The regional board (other centers' feeds), issue #18. */
  region: RegionPoller;
  /** Re-reads the settings and starts, restarts or stops the listener to match. */
  apply(): Promise<SharingStatus>;
  stop(): Promise<void>;
}

/** How often the 24-hour activity counts are re-checked (the only time-driven change). */
const ACTIVITY_REFRESH_MS = 5 * 60_000;

/** How often the census's stale time is compared with the clock (no database work). */
const STALE_CHECK_MS = 1000;

const registry = new WeakMap<AppContext, DispatchSharing>();

/** The running sharing of this backend, if this process runs one (serve, Electron main). */
export function sharingFor(app: AppContext): DispatchSharing | undefined {
  return registry.get(app);
}

/**
 * Publishes capacity to dispatch: keeps the snapshot (bytes + ETags) current from the capacity
 * monitor, and runs the dedicated listener according to the settings. A port in use is reported
 * in `status().error`; everything else keeps working.
 */
export async function startDispatchSharing(
  app: AppContext,
  monitor: CapacityMonitor,
  overrides: SharingOverrides = {},
): Promise<DispatchSharing> {
  let snapshot: CapacitySnapshot | null = null;
  let endpoint: RunningCapacityEndpoint | null = null;
  let error: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // Webhooks (Standard Webhooks) from the durable outbox; the first snapshot is offered to
  // every subscriber that never acknowledged it (what a restart or a crash left undelivered).
  const webhooks = startWebhookSender(app);
  // eslint-disable-next-line prefer-const -- read by rebuild() before it is assigned below
  let region: RegionPoller | undefined;
  // When the census turns stale with no change at all: the one other time-driven change.
  let staleAt: number | null = null;
  const rebuild = () => {
    try {
      const now = app.clock.now();
      const before = snapshot;
      snapshot = nextSnapshot(app.db, now, snapshot);
      if (snapshot !== before) {
        webhooks.enqueue(snapshot);
        region?.ownChanged();
      }
      const census = readCensusConfirmation(app.db, now);
      staleAt = censusStaleAt(census.confirmedAt, census.windowHours, now);
      endpoint?.refresh();
    } catch {
      // A failed rebuild (database busy) keeps serving the last good snapshot.
    }
  };
  rebuild();
  region = startRegionPoller(
    app,
    () => snapshot,
    () => endpoint?.port ?? null,
    () => endpoint?.refresh(),
  );
  // After a write the snapshot is rebuilt on the next turn of the event loop, once for however
  // many writes came together: the desk's answer (a handoff acknowledged) does not wait for the
  // dispatch bytes, and a poll arriving meanwhile gets the previous snapshot a moment longer.
  let scheduled: NodeJS.Immediate | null = null;
  const rebuildSoon = () => {
    scheduled ??= setImmediate(() => {
      scheduled = null;
      rebuild();
    });
  };
  const unsubscribe = monitor.subscribe(rebuildSoon);
  const timer = setInterval(rebuild, ACTIVITY_REFRESH_MS);
  timer.unref();
  const staleTimer = setInterval(() => {
    if (staleAt !== null && app.clock.now() >= staleAt) rebuild();
  }, STALE_CHECK_MS);
  staleTimer.unref();

  const wanted = () => {
    const s = getDispatchSettings(app.db);
    return {
      enabled: s.enabled,
      host: overrides.host ?? s.host,
      port: overrides.port ?? s.port,
      rateLimit: overrides.rateLimit ?? s.rateLimit,
      token: s.token,
    };
  };

  const status = (): SharingStatus => {
    const w = wanted();
    return {
      enabled: w.enabled,
      running: endpoint !== null,
      url: endpoint?.url ?? null,
      error,
      host: w.host,
      port: w.port,
      overridden: overrides.host !== undefined || overrides.port !== undefined,
    };
  };

  const reconcile = async () => {
    const w = wanted();
    if (
      endpoint &&
      (!w.enabled ||
        endpoint.host !== normalHost(w.host) ||
        (w.port !== 0 && endpoint.port !== w.port))
    ) {
      await endpoint.close();
      endpoint = null;
    }
    error = null;
    if (!w.enabled) return;
    if (endpoint) {
      endpoint.setToken(w.token);
      endpoint.setRateLimit(w.rateLimit);
      return;
    }
    try {
      const options = {
        host: w.host,
        port: w.port,
        token: w.token,
        rateLimit: w.rateLimit,
        snapshot: () => snapshot,
        region: () => region?.reps() ?? null,
      };
      endpoint = overrides.workerFile
        ? await startCapacityEndpointThread(overrides.workerFile, options).catch((err: unknown) => {
            // A listen error (port in use…) is the same on any thread; a thread that could not
            // start at all (its file unloadable) still leaves dispatch a listener, here.
            if (err instanceof ListenError) throw err;
            return startCapacityEndpoint(options);
          })
        : await startCapacityEndpoint(options);
    } catch (err) {
      error = listenError(err, w.host, w.port);
    }
  };

  const sharing: DispatchSharing = {
    status,
    snapshot: () => snapshot,
    region,
    apply() {
      const run = queue.then(reconcile, reconcile);
      queue = run;
      return run.then(status);
    },
    async stop() {
      unsubscribe();
      clearInterval(timer);
      clearInterval(staleTimer);
      await webhooks.stop();
      region?.stop();
      if (scheduled) clearImmediate(scheduled);
      registry.delete(app);
      await queue.catch(() => undefined);
      await endpoint?.close();
      endpoint = null;
    },
  };
  registry.set(app, sharing);
  await sharing.apply();
  return sharing;
}

/** What `server.address()` reports for a host setting, to tell whether a restart is needed. */
function normalHost(host: string): string {
  if (host === 'localhost') return '127.0.0.1';
  return host.replace(/^\[|\]$/g, '');
}

function listenError(err: unknown, host: string, port: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `Port ${port} on ${host} is already in use, so dispatch cannot reach Handoff. Choose another port in Settings → Sharing with dispatch (or pass --capacity-port).`;
  if (code === 'EADDRNOTAVAIL')
    return `This computer has no network address ${host}. Choose another interface in Settings → Sharing with dispatch.`;
  if (code === 'EACCES')
    return `Handoff may not listen on port ${port} (ports below 1024 need special rights). Choose a port from 1024 up.`;
  return `The capacity endpoint could not start: ${(err as Error).message}`;
}

/** The addresses a dispatcher on another machine could use, for the URL list in Settings. */
/** Whether an address is this computer only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Where dispatch, on another machine, can reach the listener: listening on every network, one URL
 * per non-loopback address of this computer; on one LAN address, that one; on loopback, none
 * (the settings then say it is local only). `addresses` is networkAddresses() in production.
 */
export function reachableUrls(
  status: Pick<SharingStatus, 'url' | 'host'>,
  addresses: readonly string[],
): string[] {
  if (!status.url) return [];
  if (isLoopback(status.host)) return [];
  const wildcard = status.host === '0.0.0.0' || status.host === '::';
  if (!wildcard) return [status.url];
  return addresses
    .filter((a) => !isLoopback(a))
    .map((a) => {
      const u = new URL(status.url!);
      u.hostname = a.includes(':') ? `[${a}]` : a;
      return u.toString();
    });
}

export function dispatchUrls(status: SharingStatus): string[] {
  return reachableUrls(status, networkAddresses());
}

/** IPv4 addresses of this computer (loopback first), offered as interfaces to listen on. */
export function networkAddresses(): string[] {
  const list = ['127.0.0.1'];
  for (const addrs of Object.values(os.networkInterfaces()))
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) list.push(a.address);
  return list;
}
