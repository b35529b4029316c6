import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend';
import { buildCli } from '../helpers/cli-build';
import { startServe, type ServeProcess } from '../helpers/serve';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { until } from '../helpers/until';

/** Runs a step against the stopped server's database, as the app itself would. */
async function withDatabase<T>(
  dataDir: string,
  fn: (b: ReturnType<typeof testBackend>, admin: number, intake: number) => Promise<T>,
) {
  const b = testBackend(dataDir);
  try {
    const id = (u: string) =>
      b.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(u) as number;
    return await fn(b, id('admin'), id('intake'));
  } finally {
    b.close();
  }
}

describe('webhooks survive a killed handoff serve', () => {
  let cli: string;
  let serve: ServeProcess | null = null;
  beforeAll(async () => {
    cli = await buildCli();
  }, 60_000);
  afterAll(async () => {
    await serve?.stop();
    fs.rmSync(path.dirname(cli), { recursive: true, force: true });
  });

  it('killed between a change and its delivery: after restart the receiver gets the newest state', async () => {
    const receiver = await startWebhookReceiver();
    try {
      serve = await startServe(['--demo'], { cli });
      const dataDir = serve.dataDir;
      await serve.stop();
      const secret = await withDatabase(dataDir, async (b, admin) => {
        const r = await b.must('webhooks.add', { url: receiver.url }, b.user(admin));
        return r.secret;
      });
      receiver.setSecret(secret);

      // The receiver holds the delivery; the serve process is killed while it is in flight.
      receiver.setMode('hang');
      serve = await startServe([], { cli, dataDir });
      await until(() => receiver.got.length === 1, 10_000, 'the delivery in flight');
      serve.child.kill('SIGKILL');
      await new Promise((r) => serve!.child.once('exit', r));
      serve = null;

      // A change while it is down (intake confirms the census).
      const confirmedAt = await withDatabase(dataDir, async (b, _admin, intake) => {
        const v = await b.must('census.confirm', {}, b.user(intake));
        return new Date(v.confirmedAt!).toISOString();
      });

      receiver.setMode('ok');
      serve = await startServe([], { cli, dataDir });
      await until(
        () => receiver.got.some((h) => h.body.confirmedAt === confirmedAt),
        15_000,
        'the newest state after the restart',
      );
      const last = receiver.got.at(-1)!;
      expect(last.body.confirmedAt).toBe(confirmedAt);
      expect(receiver.got.every((h) => h.verified)).toBe(true);
      // And nothing older arrives after it.
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.got.at(-1)!.body.confirmedAt).toBe(confirmedAt);
    } finally {
      await receiver.close();
    }
  }, 90_000);
});
