import { expect, test, type Page } from '@playwright/test';
import { setServerClock } from '../helpers/serve';
import { signIn } from './helpers-encounters';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

const doneStatus = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Officers waiting at the desk, recorded through the form (“Record arrival, officer waits”). */
async function recordWaiting(page: Page, agency: string) {
  await page.getByLabel('Agency', { exact: true }).fill(agency);
  await page.getByRole('button', { name: 'Record arrival, officer waits' }).click();
  await expect(doneStatus(page, 'Arrival recorded')).toBeVisible();
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 1366, height: 900 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('with four officers waiting the new arrival comes first and Accept is on screen', async ({
      page,
    }) => {
      await signIn(page, serve.url, 'intake', 'demo-intake-password');
      await page.getByRole('link', { name: 'Handoff' }).click();
      const waiting = page.getByRole('region', { name: /Officers waiting/ });
      for (let i = 0; (await waiting.locator('tbody tr').count()) < 4; i++)
        await recordWaiting(page, `Test Agency ${i}`);
      expect(await waiting.locator('tbody tr').count()).toBeGreaterThanOrEqual(4);

      await page.evaluate(() => window.scrollTo(0, 0));
      const accept = page.getByRole('button', { name: 'Accept handoff' });
      await expect(page.getByLabel('Agency', { exact: true })).toBeInViewport();
      await expect(accept).toBeInViewport({ ratio: 1 });
      // The form is above the waiting list.
      const formTop = (await page.getByRole('form', { name: 'New arrival' }).boundingBox())!.y;
      const listTop = (await waiting.boundingBox())!.y;
      expect(formTop).toBeLessThan(listTop);
      // Still on screen at the form's last field and while reading the waiting list.
      await page.getByLabel('Notes', { exact: true }).focus();
      await expect(accept).toBeInViewport({ ratio: 1 });
      await page.getByLabel('Diverted from arrest').scrollIntoViewIfNeeded();
      await expect(accept).toBeInViewport({ ratio: 1 });
    });

    test('the top navigation is one row, with the current screen in view', async ({ page }) => {
      await signIn(page, serve.url, 'admin', 'demo-admin-password');
      const bar = page.locator('header.topbar');
      for (const screen of ['Board', 'Settings', 'About']) {
        await page.goto(`${serve.url}#/${screen.toLowerCase()}`);
        const current = page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
          name: screen,
          exact: true,
        });
        await expect(current).toHaveAttribute('aria-current', 'page');
        await expect(current).toBeInViewport({ ratio: 0.95 });
        expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(64);
      }
    });

    test('the turnaround clock starts at the first keystroke, not at Accept', async ({ page }) => {
      await signIn(page, serve.url, 'intake', 'demo-intake-password');
      await page.getByRole('link', { name: 'Handoff' }).click();
      const clock = page.getByTestId('arrival-clock');
      await expect(clock).toContainText('starts at the first key typed');

      await page.keyboard.type('Sahuarita Police Department');
      await expect(clock).toContainText('Officer at the desk since');
      await expect(clock.locator('.turnaround-time')).toHaveText(/^00:0\d$/);

      // Staff type while the officer stands there: 3 minutes on the server's clock. A reload
      // (or an idle lock) keeps the clock.
      await setServerClock(serve.url, { advanceMs: 3 * 60_000 });
      await page.reload();
      await expect(clock.locator('.turnaround-time')).toHaveText(/^03:0\d$/);
      await page.getByLabel('Agency', { exact: true }).fill('Sahuarita Police Department');
      await page.getByLabel('Officer name', { exact: true }).fill('Jamie Ortega');
      await page.getByRole('button', { name: 'Accept handoff' }).click();
      const done = doneStatus(page, 'Handoff accepted');
      await expect(done).toContainText(/turnaround 03:0\d/);

      // The receipt and the figures read the same times.
      await page.getByRole('link', { name: 'Print officer receipt' }).click();
      await expect(page.getByTestId('officer-receipt')).toContainText(/03:0\d/);

      // The next arrival starts a new clock.
      await page.getByRole('link', { name: 'Handoff' }).click();
      await expect(clock).toContainText('starts at the first key typed');
    });

    test('"Officer here" starts the clock; a typed earlier time wins; bad times are refused', async ({
      page,
    }) => {
      await signIn(page, serve.url, 'intake', 'demo-intake-password');
      await page.getByRole('link', { name: 'Handoff' }).click();
      await expect(page.getByLabel('Agency', { exact: true })).toBeFocused();
      await page.keyboard.press('Alt+O');
      const clock = page.getByTestId('arrival-clock');
      await expect(clock).toContainText('Officer at the desk since');
      await expect(page.getByRole('button', { name: 'Officer here' })).toBeDisabled();

      const arrival = page.getByLabel('Arrival time', { exact: true });
      await arrival.fill('25:99');
      await expect(page.getByText('Type now, -5 (minutes ago) or a 24-hour time')).toBeVisible();
      await page.getByLabel('Agency', { exact: true }).fill('Marana Police Department');
      await page.getByRole('button', { name: 'Accept handoff' }).click();
      await expect(arrival).toBeFocused();
      await expect(doneStatus(page, 'Handoff accepted')).toHaveCount(0);

      await arrival.fill('-12');
      await expect(page.getByText(/^Arrived at \d{2}:\d{2}$/)).toBeVisible();
      await expect(clock.locator('.turnaround-time')).toHaveText(/^12:0\d$/);
      await page.getByRole('button', { name: 'Accept handoff' }).click();
      await expect(doneStatus(page, 'Handoff accepted')).toContainText(/turnaround 12:0\d/);
    });
  });
}

test('the server refuses a new arrival time in the future or more than a day ago', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  const call = (arrivedAt: number) =>
    page.evaluate(async (at) => {
      const res = await fetch('/api/call/encounters.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-handoff-request': '1' },
        body: JSON.stringify({ referralSource: 'walk_in', arrivedAt: at, accept: true }),
      });
      return (await res.json()) as { ok: boolean; error?: { fields?: Record<string, string> } };
    }, arrivedAt);
  const now = await setServerClock(serve.url, { advanceMs: 0 });
  const future = await call(now + 10 * 60_000);
  expect(future.ok).toBe(false);
  expect(future.error?.fields?.arrivedAt).toContain('future');
  const old = await call(now - 25 * 3_600_000);
  expect(old.ok).toBe(false);
  expect(old.error?.fields?.arrivedAt).toContain('24 hours');
  const fine = await call(now - 20 * 60_000);
  expect(fine.ok).toBe(true);
});

test('the Handoff screen shows the capacity status; taking in while diverting needs a reason', async ({
  page,
}) => {
  await signIn(page, serve.url, 'manager', 'demo-manager-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  const status = page.getByTestId('handoff-capacity');
  await expect(status).toContainText('Capacity:');
  await expect(status).toContainText('beds available');

  const set = await page.evaluate(async () => {
    const res = await fetch('/api/call/capacity.setManualStatus', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-handoff-request': '1' },
      body: JSON.stringify({ status: 'diverting', reason: 'ED surge', durationMinutes: 60 }),
    });
    return ((await res.json()) as { ok: boolean }).ok;
  });
  expect(set).toBe(true);
  await expect(status).toContainText('Diverting');
  await expect(status).toContainText('Taking this arrival in needs a reason');

  await page.getByLabel('Agency', { exact: true }).fill('Tucson Police Department');
  await page.getByLabel('Last name', { exact: true }).fill('Diverted');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  await expect(
    page.getByText('The center is diverting: say why this arrival is taken in').first(),
  ).toBeVisible();
  await expect(doneStatus(page, 'Handoff accepted')).toHaveCount(0);

  await page
    .getByLabel('Reason for taking in while diverting')
    .fill('Officer already on site, ED agreed');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  const done = doneStatus(page, 'Handoff accepted');
  await expect(done).toBeVisible();
  await done.getByRole('link', { name: /^Open H-/ }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Arrived' }).first()).toContainText(
    'taken in while the center was diverting · reason: Officer already on site, ED agreed',
  );
});
