import { expect, test } from '@playwright/test';
import { setServerClock } from '../helpers/serve';
import { signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('the officer clock runs on server time and turns amber at 80% of the target, red past it', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Agency', { exact: true }).fill('Sahuarita Police Department');
  await page.getByLabel('Officer name', { exact: true }).fill('Jamie Ortega');
  await page.getByRole('button', { name: 'Record arrival, officer waits' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Arrival recorded' });
  await expect(done).toBeVisible();
  const reference = (await done.locator('strong').textContent())!.replace(/^.*: /, '');

  const row = page.locator(`tr[data-reference="${reference}"]`);
  const clock = row.locator('.turnaround');
  await expect(clock).toContainText('within target');
  await expect(clock).toHaveAttribute('data-level', 'within');
  await expect(row.locator('.turnaround-time')).toHaveText(/^00:0\d$/);

  // 8 min 30 s later on the SERVER clock (the browser's own clock does not move).
  await setServerClock(serve.url, { advanceMs: 8.5 * 60_000 });
  await page.reload();
  await expect(clock).toHaveAttribute('data-level', 'near');
  await expect(clock).toContainText('near target');
  await expect(row.locator('.turnaround-time')).toHaveText(/^08:3\d$/);

  await setServerClock(serve.url, { advanceMs: 2 * 60_000 });
  await page.reload();
  await expect(clock).toHaveAttribute('data-level', 'over');
  await expect(clock).toContainText('over target');
  await expect(row.locator('.turnaround-time')).toHaveText(/^10:3\d$/);

  // Accepting releases the officer: off the list.
  await page.getByRole('button', { name: `Accept ${reference}` }).click();
  await expect(row).toHaveCount(0);
});

test('a manager changes the target and the clock follows it', async ({ page }) => {
  await signIn(page, serve.url, 'manager', 'demo-manager-password');
  await openSettings(page, 'Officer turnaround');
  const target = page.getByLabel('Turnaround target (minutes)');
  await target.fill('0');
  await page.getByRole('button', { name: 'Save target' }).click();
  await expect(page.getByText('Target must be 1–240 minutes')).toBeVisible();
  await target.fill('5');
  await page.getByRole('button', { name: 'Save target' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Agency', { exact: true }).fill('Pima County Sheriff');
  await page.getByRole('button', { name: 'Record arrival, officer waits' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Arrival recorded' });
  const reference = (await done.locator('strong').textContent())!.replace(/^.*: /, '');
  await expect(page.getByText('Target: officer released within 5 minutes')).toBeVisible();
  await setServerClock(serve.url, { advanceMs: 4 * 60_000 + 10_000 });
  await page.reload();
  await expect(page.locator(`tr[data-reference="${reference}"] .turnaround`)).toHaveAttribute(
    'data-level',
    'near',
  );
});

test('the board shows the officers waiting with their clocks', async ({ page }) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  const waiting = page.getByRole('region', { name: /Officers waiting/ });
  await expect(waiting.getByRole('row').filter({ hasText: 'Marcus Bell' })).toContainText(
    'within target',
  );
  await expect(waiting.getByRole('row').filter({ hasText: 'Rosa Medina' })).toContainText(
    'near target',
  );
});
