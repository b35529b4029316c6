/**
 * The capacity listener on its own thread (bundled to out/cli/capacity-worker.cjs). The main
 * thread runs handlers whose durable commits (fsync) block it for milliseconds; dispatch's polls
 * must not queue behind them. The main thread pushes each new snapshot's bytes here; a poll is
 * answered from them, exactly as on the main thread (same endpoint code).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startCapacityEndpoint } from './endpoint';
import type { CapacitySnapshot, Representation } from './snapshot';
import type { WorkerInit, WorkerMessage, WorkerSnapshot } from './worker-protocol';

const port = parentPort!;
const init = workerData as WorkerInit;
let snapshot: CapacitySnapshot | null = null;
let region: WorkerSnapshot['region'] = null;

const rep = (r: Representation): Representation => ({
  ...r,
  // Structured clone turns a Buffer into a Uint8Array: view the same bytes as a Buffer again.
  body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength),
});
const toSnapshot = (s: WorkerSnapshot | null): CapacitySnapshot | null =>
  s && { data: null as never, key: '', json: rep(s.json), xml: rep(s.xml), html: rep(s.html) };

snapshot = toSnapshot(init.snapshot);
region = init.snapshot?.region
  ? { json: rep(init.snapshot.region.json), html: rep(init.snapshot.region.html) }
  : null;
startCapacityEndpoint({
  host: init.host,
  port: init.port,
  token: init.token,
  rateLimit: init.rateLimit,
  snapshot: () => snapshot,
  region: () => region,
}).then(
  (ep) => {
    port.on('message', (m: WorkerMessage) => {
      if (m.type === 'snapshot') {
        snapshot = toSnapshot(m.snapshot);
        region = m.snapshot?.region
          ? { json: rep(m.snapshot.region.json), html: rep(m.snapshot.region.html) }
          : null;
        ep.refresh();
      } else if (m.type === 'token') ep.setToken(m.token);
      else if (m.type === 'rateLimit') ep.setRateLimit(m.rateLimit);
      else if (m.type === 'close') void ep.close().then(() => port.postMessage({ type: 'closed' }));
    });
    port.postMessage({ type: 'listening', url: ep.url, host: ep.host, port: ep.port });
  },
  (err: NodeJS.ErrnoException) =>
    port.postMessage({ type: 'error', code: err.code ?? null, message: err.message }),
);
