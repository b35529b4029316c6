import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCapacityMonitor } from '../../server/capacity/monitor';
import { startDispatchSharing } from '../../server/capacity/sharing';
import { brokenWorker, buildWorker } from '../helpers/workers';
import { startCapacityRig } from '../helpers/capacity';
import { useCapacityEndpoint } from '../helpers/capacity-endpoint';

const c = useCapacityEndpoint();
const { get } = c;

describe('a port already in use', () => {
  it('gives a clear message and the rest keeps working', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    await c.rig.stop();
    const monitor = startCapacityMonitor(c.t);
    const sharing = await startDispatchSharing(c.t, monitor, { host: '127.0.0.1', port });
    try {
      expect(sharing.status()).toMatchObject({ running: false, url: null });
      expect(sharing.status().error).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      const view = await c.t.must('dispatch.get', {}, c.manager);
      expect(view.error).toContain('already in use');
      expect(view.json).toContain('"status":"open"'); // the figures are still there
      expect((await c.t.must('beds.board', {}, c.intake)).units).toHaveLength(3);
    } finally {
      await sharing.stop();
      monitor.stop();
      blocker.close();
      c.rig = await startCapacityRig(c.t);
    }
  });
});

describe('the listener on its own thread (serve mode and the desktop app)', () => {
  const withSharing = async (
    overrides: Parameters<typeof startDispatchSharing>[2],
    fn: (sharing: Awaited<ReturnType<typeof startDispatchSharing>>) => Promise<void>,
  ) => {
    await c.rig.stop();
    const monitor = startCapacityMonitor(c.t);
    const sharing = await startDispatchSharing(c.t, monitor, overrides);
    try {
      await fn(sharing);
    } finally {
      await sharing.stop();
      monitor.stop();
      c.rig = await startCapacityRig(c.t);
    }
  };

  it('answers exactly as the main-thread listener, and follows changes', async () => {
    const inProcess = (await get('/api/v1/capacity')).body;
    const workerFile = await buildWorker('server/capacity/worker.ts');
    await withSharing({ host: '127.0.0.1', port: 0, workerFile }, async (sharing) => {
      const url = sharing.status().url!;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      // Same document; only its build time differs (a new listener builds its own snapshot).
      const { generatedAt, ...figures } = (await first.json()) as { generatedAt: string };
      const { generatedAt: _, ...expected } = JSON.parse(inProcess) as { generatedAt: string };
      expect(figures).toEqual(expected);
      expect(Date.parse(generatedAt)).not.toBeNaN();
      const before = JSON.parse(inProcess).officersWaiting as number;
      await c.t.must(
        'encounters.create',
        { referralSource: 'law_enforcement', agency: 'Tucson Police Department', lastName: 'T' },
        c.intake,
      );
      await expect
        .poll(async () => (await (await fetch(url)).json()).officersWaiting)
        .toBe(before + 1);
    });
  }, 30_000);

  it('a port in use gives the same clear message from the thread', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const workerFile = await buildWorker('server/capacity/worker.ts');
    try {
      await withSharing({ host: '127.0.0.1', port, workerFile }, async (sharing) => {
        expect(sharing.status()).toMatchObject({ running: false, url: null });
        expect(sharing.status().error).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      });
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('a thread that cannot start leaves dispatch a listener on the main thread', async () => {
    await withSharing(
      { host: '127.0.0.1', port: 0, workerFile: brokenWorker() },
      async (sharing) => {
        expect(sharing.status()).toMatchObject({ running: true, error: null });
        const res = await fetch(sharing.status().url!);
        expect(res.status).toBe(200);
        expect((await res.json()).status).toBe('open');
      },
    );
  });
});
