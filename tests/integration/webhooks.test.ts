import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import {
  SECRET_STRINGS,
  seedPeople,
  startCapacityRig,
  type CapacityRig,
} from '../helpers/capacity';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { until } from '../helpers/until';

let t: TestBackend;
let manager: UserRow;
let intake: UserRow;
let rig: CapacityRig;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let beds: number[];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  ({ t, manager, intake } = await setUpBackend());
  const unit = await t.must('units.create', { name: 'Recliners', kind: 'chair' }, manager);
  beds = (
    await t.must('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 1, to: 4 }, manager)
  ).beds.map((b) => b.id);
  seedPeople(t.db, t.clock.now());
  rig = await startCapacityRig(t);
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await rig.stop();
  await receiver.close();
  t.cleanup();
});

const outOfService = (bedId: number) =>
  t.must('beds.setStatus', { bedId, status: 'out_of_service', reason: 'repair' }, intake);
const available = (h: { body: Record<string, unknown> }) =>
  (h.body.totals as { available: number }).available;

describe('webhooks (Standard Webhooks)', () => {
  it('a new receiver gets the current state at once, then every change, each signed (verified by standardwebhooks)', async () => {
    const added = await t.must('webhooks.add', { url: receiver.url }, manager);
    expect(added.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    receiver.setSecret(added.secret);
    await until(() => receiver.got.length === 1, 5000, 'the first delivery');
    expect(available(receiver.got[0]!)).toBe(4);
    await outOfService(beds[0]!);
    await until(() => receiver.got.length === 2, 5000, 'the change');
    expect(available(receiver.got[1]!)).toBe(3);
    expect(receiver.got.every((h) => h.verified)).toBe(true);
    expect(new Set(receiver.got.map((h) => h.id)).size).toBe(2);
    for (const h of receiver.got) for (const s of SECRET_STRINGS) expect(h.raw).not.toContain(s);
    // The secret is shown once: never in the list.
    const list = await t.must('webhooks.list', {}, manager);
    expect(JSON.stringify(list)).not.toContain(added.secret);
    const log = (await t.must('webhooks.list', {}, manager))[0]!.deliveries;
    expect(log[0]).toMatchObject({ status: 204, error: null, nextRetryAt: null });
  });

  it('latest state wins: one in flight, and what changed meanwhile arrives as the newest snapshot only', async () => {
    const added = await t.must('webhooks.add', { url: receiver.url }, manager);
    receiver.setSecret(added.secret);
    receiver.setMode('hang');
    await until(() => receiver.got.length === 1, 5000, 'the first delivery');
    await outOfService(beds[0]!);
    await sleep(100);
    await outOfService(beds[1]!);
    await sleep(100);
    await outOfService(beds[2]!);
    await sleep(600);
    expect(receiver.got.length).toBe(1); // nothing else while the first is in flight
    receiver.setMode('ok');
    receiver.release();
    await until(() => receiver.got.length === 2, 5000, 'the newest state');
    await sleep(800);
    expect(receiver.got.map(available)).toEqual([4, 1]);
  });

  it('retries after 5 s, 30 s… on a 500, a redirect is not followed, and the log says when it retries', async () => {
    const added = await t.must('webhooks.add', { url: receiver.url }, manager);
    receiver.setSecret(added.secret);
    receiver.setMode('fail500');
    await until(() => receiver.got.length === 1, 5000, 'the first attempt');
    await sleep(300);
    let log = (await t.must('webhooks.list', {}, manager))[0]!.deliveries;
    expect(log[0]).toMatchObject({ status: 500, error: 'HTTP 500' });
    expect(log[0]!.nextRetryAt! - log[0]!.at).toBe(5000);
    await sleep(500);
    expect(receiver.got.length).toBe(1); // not before 5 s
    receiver.setMode('redirect');
    t.clock.advance(5000);
    await until(() => receiver.got.length === 2, 3000, 'the retry');
    await sleep(300);
    log = (await t.must('webhooks.list', {}, manager))[0]!.deliveries;
    expect(log[0]).toMatchObject({ status: 302 });
    expect(log[0]!.error).toMatch(/Redirect not followed/);
    expect(log[0]!.nextRetryAt! - log[0]!.at).toBe(30_000);
    receiver.setMode('ok');
    t.clock.advance(30_000);
    await until(() => receiver.got.length === 3, 3000, 'the second retry');
    await sleep(300);
    log = (await t.must('webhooks.list', {}, manager))[0]!.deliveries;
    expect(log[0]).toMatchObject({ status: 204, nextRetryAt: null });
    expect((await t.must('webhooks.list', {}, manager))[0]!.pendingAt).toBeNull();
    expect(receiver.got.every((h) => h.verified)).toBe(true);
  });

  it('a receiver that never answers is cut off after 5 s and retried; the rest keeps working', async () => {
    const added = await t.must('webhooks.add', { url: receiver.url }, manager);
    receiver.setSecret(added.secret);
    receiver.setMode('hang');
    await until(() => receiver.got.length === 1, 5000, 'the first attempt');
    // Meanwhile the desk and the JSON answer as usual.
    await outOfService(beds[0]!);
    expect((await fetch(rig.url)).status).toBe(200);
    await until(
      () => (t.db.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get() as number) === 1,
      7000,
      'the timeout',
    );
    const log = (await t.must('webhooks.list', {}, manager))[0]!.deliveries;
    expect(log[0]).toMatchObject({ status: null, error: 'No answer within 5 s' });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(4900);
    expect(log[0]!.durationMs).toBeLessThan(6500);
    // The retry carries the newest state (the change made while it hung), not the old one.
    receiver.setMode('ok');
    t.clock.advance(5000);
    await until(() => receiver.got.length === 2, 3000, 'the retry');
    expect(available(receiver.got[1]!)).toBe(3);
  });

  it('pause holds deliveries, resume sends the newest; send a test; rotate; remove', async () => {
    const added = await t.must('webhooks.add', { url: receiver.url }, manager);
    receiver.setSecret(added.secret);
    await until(() => receiver.got.length === 1, 5000, 'the first delivery');
    const id = added.webhook.id;
    await t.must('webhooks.setPaused', { id, paused: true }, manager);
    await outOfService(beds[0]!);
    await sleep(800);
    expect(receiver.got.length).toBe(1);
    await t.must('webhooks.setPaused', { id, paused: false }, manager);
    await until(() => receiver.got.length === 2, 5000, 'after resuming');
    expect(available(receiver.got[1]!)).toBe(3);

    await t.must('webhooks.sendTest', { id }, manager);
    await until(() => receiver.got.length === 3, 5000, 'the test');

    const rotated = await t.must('webhooks.rotateSecret', { id }, manager);
    expect(rotated.secret).not.toBe(added.secret);
    // The receiver still holds the old secret: the next one fails its check…
    await t.must('webhooks.sendTest', { id }, manager);
    await until(() => receiver.got.length === 4, 5000, 'signed with the new secret');
    expect(receiver.got[3]!.verified).toBe(false);
    receiver.setSecret(rotated.secret);
    await t.must('webhooks.sendTest', { id }, manager);
    await until(() => receiver.got.length === 5, 5000, 'verified again');
    expect(receiver.got[4]!.verified).toBe(true);

    await t.must('webhooks.remove', { id }, manager);
    await outOfService(beds[1]!);
    await sleep(800);
    expect(receiver.got.length).toBe(5);
    expect(await t.must('webhooks.list', {}, manager)).toEqual([]);
    const r = await t.call('webhooks.sendTest', { id }, manager);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/does not exist/);
  });

  it('refuses bad receiver addresses clearly and stores nothing; only managers', async () => {
    const cases: [unknown, RegExp][] = [
      ['not a url', /full address/],
      ['ftp://example.org/x', /full address/],
      ['https://user:pass@example.org/x', /no user name, password or token/],
      ['https://example.org/x?token=abc', /no user name, password or token/],
      ['http://example.org/x', /Use https/],
      [`https://example.org/${'x'.repeat(2100)}`, /at most 2048/],
    ];
    for (const [url, message] of cases) {
      const r = await t.callRaw('webhooks.add', { url }, manager);
      expect(r.ok, String(url)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    expect(await t.must('webhooks.list', {}, manager)).toEqual([]);
    // Plain http to another machine where the manager allows it for this receiver.
    const ok = await t.must(
      'webhooks.add',
      { url: 'http://10.0.0.9/hooks', allowHttp: true },
      manager,
    );
    expect(ok.webhook.allowHttp).toBe(true);
    expect((await t.call('webhooks.list', {}, intake)).ok).toBe(false);
  });
});
