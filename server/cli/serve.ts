import fs from 'node:fs';
import type { Clock } from '../clock';
import { openBackend } from '../app';
import { countUsers } from '../../db/users';
import { loadDemoData } from '../demo';
import { isLoopbackHost } from '../http/security';
import { startUiServer, type ExtraRoute, type RunningServer } from '../http/ui-server';
import { rendererDir } from '../paths';
import { UsageError, nonNegativeNumber, parse, portOption } from './args';
import { ensureRendererBuilt } from './build-renderer';
import type { DispatchSharing } from '../capacity/sharing';
import { startBackgroundCheck, type BackgroundCheck } from '../integrity';
import { capacityWorkerFile, startServices, stopServices } from '../services';

export const SERVE_OPTIONS = {
  'data-dir': { type: 'string' },
  'key-file': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  demo: { type: 'boolean' },
  'capacity-host': { type: 'string' },
  'capacity-port': { type: 'string' },
  'capacity-rate-limit': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'insecure-lan': { type: 'boolean' },
} as const;

export interface ServeConfig {
  dataDir: string;
  /** The database key file (default HANDOFF_KEY_FILE, else `<data folder>.key` beside it). */
  keyFile?: string;
  host: string;
  port: number;
  demo: boolean;
  capacityHost: string | undefined;
  capacityPort: number | undefined;
  capacityRateLimit: number | undefined;
  tls: { cert: Buffer; key: Buffer } | undefined;
}

export function parseServeArgs(args: string[]): ServeConfig {
  const { values, positionals } = parse(args, SERVE_OPTIONS);
  if (positionals.length)
    throw new UsageError(`serve takes no arguments (got "${positionals.join(' ')}")`);
  const host = values.host ?? '127.0.0.1';
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new UsageError('--tls-cert and --tls-key go together');
  const tls =
    values['tls-cert'] && values['tls-key']
      ? { cert: fs.readFileSync(values['tls-cert']), key: fs.readFileSync(values['tls-key']) }
      : undefined;
  // Protected health information must not cross a network in clear text by accident.
  if (!isLoopbackHost(host) && !tls && !values['insecure-lan']) {
    throw new UsageError(
      `Refusing to listen on ${host} without TLS. Give --tls-cert and --tls-key, or --insecure-lan if the network is already protected.`,
    );
  }
  return {
    dataDir: values['data-dir'] ?? './data',
    keyFile: values['key-file'],
    host,
    port: portOption(values.port, '--port', 5870),
    demo: values.demo ?? false,
    capacityHost: values['capacity-host'],
    capacityPort:
      values['capacity-port'] === undefined
        ? undefined
        : portOption(values['capacity-port'], '--capacity-port', 8787),
    capacityRateLimit:
      values['capacity-rate-limit'] === undefined
        ? undefined
        : nonNegativeNumber(values['capacity-rate-limit'], '--capacity-rate-limit', 0),
    tls,
  };
}

export interface ServeHandle {
  ui: RunningServer;
  sharing: DispatchSharing;
  /** The full integrity check of a large database, running after start-up (server/integrity). */
  integrity: BackgroundCheck;
  stop(): Promise<void>;
}

export interface CliOut {
  info(l: string): void;
  error(l: string): void;
}

/**
 * What a build of its own brings to serve mode: the test build (tests/helpers/test-cli.ts) an
 * adjustable clock and the route that moves it. The shipped CLI brings nothing: the system
 * clock, no extra route.
 */
export interface ServeBuild {
  clock?: Clock;
  routes?: Readonly<Record<string, ExtraRoute>>;
}

export async function serve(
  config: ServeConfig,
  out: CliOut,
  build: ServeBuild = {},
): Promise<ServeHandle> {
  const dir = rendererDir();
  ensureRendererBuilt(dir, out.error);
  const backend = openBackend({
    dataDir: config.dataDir,
    keyFile: config.keyFile,
    clock: build.clock,
  });
  try {
    if (config.demo) {
      if (countUsers(backend.db) === 0) await loadDemoData(backend);
      else out.error('--demo: this database is already set up; demo data not added.');
    }
    const log = {
      error: (m: string, e: unknown) =>
        out.error(`${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    };
    const ui = await startUiServer(backend, {
      rendererDir: dir,
      host: config.host,
      port: config.port,
      tls: config.tls,
      extraRoutes: build.routes,
      log,
    });
    // Backups (daily, and one on the way out: SIGTERM / Ctrl+C), retention, capacity and dispatch
    // sharing.
    const services = startServices(backend, log, {
      host: config.capacityHost,
      port: config.capacityPort,
      rateLimit: config.capacityRateLimit,
      workerFile: capacityWorkerFile(__dirname),
    });
    out.info(`Handoff UI: ${ui.url}`);
    // A large file was checked only in part at open: the rest now, on a worker thread.
    const integrity = startBackgroundCheck(backend, {
      onDamaged: (message) => out.error(`Handoff refuses to save anything: ${message}`),
      onError: (err) => log.error('integrity check', err),
    });
    // Dispatch sharing: a port in use is reported, and the UI keeps running regardless.
    const sharing = await services.sharing;
    const cap = sharing.status();
    if (cap.url) out.info(`Capacity endpoint: ${cap.url}`);
    else if (cap.error) out.error(`Capacity endpoint not started: ${cap.error}`);
    else out.info('Capacity endpoint is off (turn it on in Settings → Sharing with dispatch).');
    return {
      ui,
      sharing,
      integrity,
      async stop() {
        await ui.close();
        await stopServices(backend, services, log);
        backend.close();
      },
    };
  } catch (err) {
    backend.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(
        `Port ${config.port} on ${config.host} is already in use. Stop the other program or pass --port.`,
      );
    }
    throw err;
  }
}

/** `handoff serve`: runs until SIGINT / SIGTERM, then stops cleanly (a backup on the way out). */
export async function runServe(
  args: string[],
  out: CliOut,
  build: ServeBuild = {},
): Promise<number> {
  const handle = await serve(parseServeArgs(args), out, build);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await handle.stop();
  return 0;
}
