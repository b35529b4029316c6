import { describe, expect, it } from 'vitest';
import { testBackend } from '../helpers/backend';
import { startServe } from '../helpers/serve';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { until } from '../helpers/until';
import { useBuiltCli } from '../helpers/built-cli';

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
  const built = useBuiltCli();

  it('killed between a change and its delivery: after restart the receiver gets the newest state', async () => {
    const receiver = await startWebhookReceiver();
    try {
      built.serve = await startServe(['--demo'], { cli: built.cli });
      const dataDir = built.serve.dataDir;
      await built.serve.stop();
      const secret = await withDatabase(dataDir, async (b, admin) => {
        const r = await b.must('webhooks.add', { url: receiver.url }, b.user(admin));
        return r.secret;
      });
      receiver.setSecret(secret);

      // The receiver holds the delivery; the serve process is killed while it is in flight.
      receiver.setMode('hang');
      built.serve = await startServe([], { cli: built.cli, dataDir });
      await until(() => receiver.got.length === 1, 10_000, 'the delivery in flight');
      built.serve.child.kill('SIGKILL');
      await new Promise((r) => built.serve!.child.once('exit', r));
      built.serve = null;

      // A change while it is down (intake confirms the census).
      const confirmedAt = await withDatabase(dataDir, async (b, _admin, intake) => {
        const v = await b.must('census.confirm', {}, b.user(intake));
        return new Date(v.confirmedAt!).toISOString();
      });

      receiver.setMode('ok');
      built.serve = await startServe([], { cli: built.cli, dataDir });
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
