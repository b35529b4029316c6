import { Worker } from 'node:worker_threads';
import type { CapacityEndpointOptions, RunningCapacityEndpoint } from './endpoint';
import type { CapacitySnapshot } from './snapshot';
import type { WorkerInit, WorkerMessage, WorkerReply, WorkerSnapshot } from './worker-protocol';

/** `refresh()` sends the current snapshot to the listener thread when it changed. */
export type ThreadedCapacityEndpoint = RunningCapacityEndpoint;

/** The thread started but could not listen (port in use, no such address…). */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const bytesOf = (
  s: CapacitySnapshot | null,
  region: WorkerSnapshot['region'],
): WorkerSnapshot | null => s && { json: s.json, xml: s.xml, html: s.html, region };

/**
 * startCapacityEndpoint on a worker thread (`workerFile`: the bundled server/capacity/worker.ts).
 * Same options and behaviour; the snapshot is pushed to the thread by `refresh()`.
 */
export function startCapacityEndpointThread(
  workerFile: string,
  options: Pick<
    CapacityEndpointOptions,
    'host' | 'port' | 'token' | 'rateLimit' | 'snapshot' | 'region'
  >,
): Promise<ThreadedCapacityEndpoint> {
  let sent = options.snapshot();
  let sentRegion = options.region?.() ?? null;
  const init: WorkerInit = {
    host: options.host,
    port: options.port,
    token: options.token,
    rateLimit: options.rateLimit,
    snapshot: bytesOf(sent, sentRegion),
  };
  const worker = new Worker(workerFile, { workerData: init });
  const post = (m: WorkerMessage) => worker.postMessage(m);
  return new Promise((resolve, reject) => {
    const onExit = (code: number) =>
      reject(new Error(`The capacity listener thread stopped (exit code ${code}).`));
    worker.once('exit', onExit);
    worker.once('error', reject);
    worker.once('message', (m: WorkerReply) => {
      worker.off('exit', onExit);
      worker.off('error', reject);
      if (m.type === 'error') {
        void worker.terminate();
        return reject(new ListenError(m.message, m.code ?? undefined));
      }
      if (m.type !== 'listening') return reject(new Error('unexpected reply from listener thread'));
      // A crashed thread must not take the app down; the next apply() starts a new one.
      worker.on('error', () => undefined);
      resolve({
        url: m.url,
        host: m.host,
        port: m.port,
        setToken: (token) => post({ type: 'token', token }),
        setRateLimit: (rateLimit) => post({ type: 'rateLimit', rateLimit }),
        refresh() {
          const now = options.snapshot();
          const region = options.region?.() ?? null;
          if (now === sent && region === sentRegion) return;
          sent = now;
          sentRegion = region;
          post({ type: 'snapshot', snapshot: bytesOf(now, region) });
        },
        close: () =>
          new Promise<void>((done) => {
            const finish = () => void worker.terminate().then(() => done());
            const timer = setTimeout(finish, 2000);
            worker.on('message', (r: WorkerReply) => {
              if (r.type === 'closed') {
                clearTimeout(timer);
                finish();
              }
            });
            post({ type: 'close' });
          }),
      });
    });
  });
}
