import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { setServerClock } from '../helpers/serve';
import { signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

const HOUR = 3_600_000;

test('intake confirms the census in one key press; past the window the Board, wall, status page and managers say stale', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  const census = page.locator('.census-age');
  // The demo's census was confirmed 2 h ago by intake staff.
  await expect(census).toContainText('Counts confirmed 2 h');
  await expect(census).toContainText('by Intake staff');
  await expect(census).toHaveAttribute('data-stale', 'false');

  // 7 hours later on the server clock: past the 8-hour window since the last confirmation.
  await setServerClock(serve.url, { advanceMs: 7 * HOUR });
  await page.reload();
  await expect(census).toHaveAttribute('data-stale', 'true');
  await expect(census).toContainText('Stale: not confirmed within 8 h.');
  await expect(census).toContainText('Counts confirmed 9 h');
  // Dispatch sees the same: JSON flag, and the status page in words.
  await expect
    .poll(
      async () => ((await (await fetch(serve.capacityUrl!)).json()) as { stale: boolean }).stale,
    )
    .toBe(true);

  // A dispatcher's status page, open meanwhile: it follows the event stream.
  const statusPage = await page.context().newPage();
  await statusPage.goto(new URL('/', serve.capacityUrl!).toString());
  await expect(statusPage.locator('.census.stale')).toBeVisible();

  // One action: Alt+C.
  await page.bringToFront();
  await page.keyboard.press('Alt+C');
  await expect(page.getByRole('status').filter({ hasText: 'Counts confirmed.' })).toBeVisible();
  await expect(census).toHaveAttribute('data-stale', 'false');
  await expect(census).toContainText('Counts confirmed 0 min ago by Intake staff');
  const json = (await (await fetch(serve.capacityUrl!)).json()) as {
    stale: boolean;
    confirmedAt: string;
  };
  expect(json.stale).toBe(false);
  // Pushed to the open status page (well before its 30-second fallback refresh).
  await expect(statusPage.locator('.census')).not.toHaveClass(/stale/, { timeout: 5000 });
  await expect(statusPage.locator('.census')).toContainText(
    'Counts confirmed just now by intake staff',
  );
  await statusPage.close();

  // The wall display shows the age too.
  await page.getByRole('button', { name: 'Wall display' }).click();
  await expect(page.locator('.wall-census')).toContainText('Confirmed 0 min ago');
  await expect(page.locator('.wall-census')).toHaveAttribute('data-stale', 'false');
  await setServerClock(serve.url, { advanceMs: 9 * HOUR });
  await page.reload();
  await expect(page.locator('.wall-census')).toContainText('STALE');
  await expect(page.locator('.wall-census')).toHaveAttribute('data-stale', 'true');
});

test('a manager sees a banner when the confirmation is overdue, sets the window, and the status page says stale', async ({
  page,
}) => {
  await signIn(page, serve.url, 'manager', 'demo-manager-password');
  const banner = page.locator('.census-overdue');
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await setServerClock(serve.url, { advanceMs: 7 * HOUR });
  await page.reload();
  await expect(banner).toContainText('Census confirmation overdue.');
  await expect(banner).toContainText('last confirmed 9 h');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // The status page, in words and colour.
  const status = await page.context().newPage();
  await status.goto(new URL('/', serve.capacityUrl!).toString());
  await expect(status.locator('.census.stale')).toContainText(
    'STALE: these counts may be out of date.',
  );
  expect((await new AxeBuilder({ page: status }).analyze()).violations).toEqual([]);
  await status.close();

  // Settings → Capacity rules: a longer window makes the counts fresh again.
  await openSettings(page, 'Capacity rules');
  const rules = page.getByRole('form', { name: 'Capacity rules' });
  const field = page.getByLabel('Census confirmation window (hours)');
  await expect(field).toHaveValue('8');
  await field.fill('-3');
  await page.getByRole('button', { name: 'Save capacity rules' }).click();
  await expect(page.getByText('Confirmation window cannot be below zero')).toBeVisible();
  await field.fill('12');
  await page.getByRole('button', { name: 'Save capacity rules' }).click();
  await expect(rules.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});
