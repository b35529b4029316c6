import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { SHIPPED_CLI, setServerClock, startServe } from '../helpers/serve';

// The clock behind the audit trail can be moved only in the test build: what ships has no route.
test('shipped handoff serve has no test clock route: 404, whatever the environment says', async ({
  request,
}) => {
  const serve = await startServe([], { cli: SHIPPED_CLI, env: { HANDOFF_TEST_CLOCK: '1' } });
  try {
    const res = await request.post(new URL('/api/test/clock', serve.url).toString(), {
      data: { advanceMs: 3_600_000 },
    });
    expect(res.status()).toBe(404);
    // Not in the bundle at all, so no setting can switch it on.
    expect(fs.readFileSync(SHIPPED_CLI, 'utf8')).not.toContain('/api/test/clock');
  } finally {
    await serve.stop();
  }
});

test('the test build moves its clock through the same path', async () => {
  const serve = await startServe();
  try {
    const now = await setServerClock(serve.url, { now: Date.UTC(2026, 2, 8, 9) });
    expect(now).toBe(Date.UTC(2026, 2, 8, 9));
    // The clock keeps running from where it was set; an hour's jump is not real time passing.
    const later = await setServerClock(serve.url, { advanceMs: 3_600_000 });
    expect(later - now).toBeGreaterThanOrEqual(3_600_000);
    expect(later - now).toBeLessThan(3_600_000 + 60_000);
  } finally {
    await serve.stop();
  }
});
