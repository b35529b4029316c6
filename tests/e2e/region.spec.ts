import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve';
import { signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';

let center: ServeProcess;
let peer: ServeProcess;
test.beforeEach(async () => {
  [center, peer] = await Promise.all([startServe(['--demo']), startServe(['--demo'])]);
});
test.afterEach(async () => {
  await Promise.all([center.stop(), peer.stop()]);
});

async function noSeriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('a manager adds two centers, one down; the Region screen and the /region page show both, the down one last', async ({
  page,
}) => {
  await signIn(page, center.url, 'manager', 'demo-manager-password');
  await openSettings(page, 'Other centers');
  const settings = page.getByRole('region', { name: 'Region' });
  const add = async (url: string, name: string) => {
    await settings.getByLabel('Feed URL').fill(url);
    await settings.getByLabel('Display name (optional)').fill(name);
    await settings.getByRole('button', { name: 'Add center' }).click();
    await expect(settings.getByText(name)).toBeVisible();
  };
  await add(peer.capacityUrl!, 'North Center');
  await add('http://127.0.0.1:9/api/v1/capacity', 'Closed Clinic');
  // Its own feed is refused.
  await settings.getByLabel('Feed URL').fill(center.capacityUrl!);
  await settings.getByRole('button', { name: 'Add center' }).click();
  await expect(
    settings
      .getByText('This is this center\u2019s own feed')
      .or(settings.getByText("This is this center's own feed"))
      .first(),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Region' }).click();
  const list = page.locator('.region-list > li');
  await expect(list).toHaveCount(3);
  await expect(list.nth(0)).toContainText('Desert Bridge Crisis Center');
  await expect(list.nth(0)).toContainText('(this center)');
  const north = page.getByRole('listitem', { name: 'North Center' });
  await expect(north).toContainText('Accepting police.');
  await expect(north).toContainText('Phone: (520) 555-0142');
  const closed = page.getByRole('listitem', { name: 'Closed Clinic' });
  await expect(closed).toContainText('Unreachable:');
  await expect(closed).toContainText('Connection refused');
  await expect(list.nth(2)).toHaveAttribute('aria-label', 'Closed Clinic');
  await noSeriousViolations(page);

  const board = await page.context().newPage();
  await board.goto(new URL('/region', center.capacityUrl!).toString());
  await expect(board.getByRole('heading', { name: 'Crisis centers in the region' })).toBeVisible();
  await expect(board.locator('.center')).toHaveCount(3);
  await expect(board.locator('.center').nth(2)).toContainText('UNREACHABLE');
  await expect(board.locator('.center').nth(1)).toContainText('North Center');
  await expect(board.locator('.center').nth(1)).toContainText('Accepting police: YES');
  const text = await board.locator('body').innerText();
  for (const name of ['Jordan', 'Rivera', 'Quinn', 'Delgado']) expect(text).not.toContain(name);
  await noSeriousViolations(board);
});

/** Signs in at a running serve over its HTTP API and calls one method; returns its value. */
async function callAs<T = unknown>(
  serve: ServeProcess,
  user: string,
  method: string,
  body: unknown,
): Promise<T> {
  const call = (m: string, b: unknown, cookie?: string) =>
    fetch(new URL(`/api/call/${m}`, serve.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-handoff-request': '1',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(b),
    });
  const signIn = await call('auth.signIn', { username: user, password: `demo-${user}-password` });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const res = await call(method, body, cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: T }).value;
}

test('the /region page follows a change at a peer live, without reloading', async ({ page }) => {
  await callAs(center, 'manager', 'region.addPeer', {
    url: peer.capacityUrl!,
    name: 'North Center',
  });
  await page.goto(new URL('/region', center.capacityUrl!).toString());
  const north = page.locator('.center', { hasText: 'North Center' });
  await expect(north).toContainText('Available: 23 of 38', { timeout: 10_000 });
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  // Intake at the peer takes a free bed out of service: one place fewer.
  const board = await callAs<{
    units: { beds: { id: number; status: string }[] }[];
  }>(peer, 'intake', 'beds.board', {});
  const free = board.units.flatMap((u) => u.beds).find((b) => b.status === 'available')!;
  await callAs(peer, 'intake', 'beds.setStatus', {
    bedId: free.id,
    status: 'out_of_service',
    reason: 'repair',
  });
  await expect(north).toContainText('Available: 22 of', { timeout: 5000 });
  // The same document: redrawn from the event stream, not the 30 s reload.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await noSeriousViolations(page);
});
