import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { setServerClock } from '../helpers/serve';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve, submitSignIn: signIn } = useDemoServe();

test('configure a unit, use the board, divert with a reason and see it revert after expiry', async ({
  page,
  browser,
}) => {
  await signIn(page, 'manager', 'demo-manager-password');
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();

  // Configure: a new unit with three beds, in Settings.
  await openSettings(page, 'Units and beds');
  await page.getByLabel('Unit name').fill('Quiet room');
  await page.getByLabel('Kind').selectOption('other');
  await page.getByLabel('Staffed limit', { exact: true }).fill('-1');
  await page.getByRole('button', { name: 'Add unit' }).click();
  await expect(page.getByText('Staffed limit cannot be below zero')).toBeVisible();
  await page.getByLabel('Staffed limit', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add unit' }).click();
  await page.getByLabel('Label prefix for Quiet room').fill('Q');
  await page.getByLabel('First number').last().fill('1');
  await page.getByLabel('Last number').last().fill('3');
  await page.getByRole('button', { name: 'Add beds to Quiet room' }).click();
  await expect(page.getByRole('heading', { name: /Quiet room \(Other, 3 beds\)/ })).toBeVisible();

  // The board shows it; a second desk sees changes without reloading.
  const desk2 = await browser.newPage();
  await desk2.goto(serve.url);
  await desk2.getByLabel('Username').fill('intake');
  await desk2.getByLabel('Password').fill('demo-intake-password');
  await desk2.getByRole('button', { name: 'Sign in' }).click();
  await expect(desk2.getByRole('button', { name: 'Bed Q1, available' })).toBeVisible();

  await page.getByRole('link', { name: 'Board' }).click();
  const quiet = page.getByRole('region', { name: /Quiet room/ });
  await expect(quiet.getByText('2 available')).toBeVisible(); // staffed for 2 of 3
  await page.getByRole('button', { name: 'Bed Q1, available' }).click();
  await page.getByRole('button', { name: 'Mark cleaning' }).click();
  await expect(page.getByRole('button', { name: 'Bed Q1, cleaning' })).toBeVisible();
  await expect(desk2.getByRole('button', { name: 'Bed Q1, cleaning' })).toBeVisible({
    timeout: 2000,
  });
  await page.getByRole('button', { name: 'Mark available' }).click();
  await expect(page.getByRole('button', { name: 'Bed Q1, available' })).toBeVisible();
  await expect(desk2.getByRole('button', { name: 'Bed Q1, available' })).toBeVisible({
    timeout: 2000,
  });

  // Out of service needs a reason: the error is shown and nothing changes.
  await page.getByRole('button', { name: 'Take out of service' }).click();
  await expect(page.getByRole('alert')).toContainText('out of service');
  await expect(page.getByRole('button', { name: 'Bed Q1, available' })).toBeVisible();
  await page.getByRole('button', { name: 'Close bed Q1' }).click();

  // Occupied beds show initials and length of stay; the long chair stay is flagged.
  await expect(page.getByRole('button', { name: 'Bed C7, occupied' })).toContainText(
    'Alert: stay over 23 h 59 min',
  );
  await expect(page.getByRole('button', { name: 'Bed C5, occupied' })).toContainText(
    'Warning: stay over 20 h 0 min',
  );
  await expect(page.getByRole('button', { name: 'Bed C1, occupied' })).toContainText('JR');
  await expect(page.locator('body')).not.toContainText('Jordan');

  // Diverting with a reason, for 30 minutes.
  await page.getByRole('button', { name: 'Divert or close…' }).click();
  await page.getByLabel('Reason (dispatch sees it)').fill('Water leak in the lobby');
  await page.getByLabel('Revert after (minutes)').fill('30');
  await page.getByRole('button', { name: 'Set status' }).click();
  const banner = page.getByRole('region', { name: /Capacity/ });
  await expect(banner.getByRole('heading')).toHaveText('Capacity: Diverting');
  await expect(banner).toContainText('Diverting: Water leak in the lobby');
  await expect(banner).toContainText('Not accepting police drop-offs.');
  await expect(desk2.getByRole('region', { name: /Capacity/ }).getByRole('heading')).toHaveText(
    'Capacity: Diverting',
  );

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);

  // 31 minutes later (server clock), it reverts by itself on every desk.
  await setServerClock(serve.url, { advanceMs: 31 * 60_000 });
  await expect(banner.getByRole('heading')).toHaveText(/Capacity: (Open|Limited)/, {
    timeout: 5000,
  });
  await expect(desk2.getByRole('region', { name: /Capacity/ }).getByRole('heading')).toHaveText(
    /Capacity: (Open|Limited)/,
    { timeout: 5000 },
  );
  await expect(banner).toContainText('Accepting police drop-offs.');
  await desk2.close();
});

test('the board is keyboard operable', async ({ page }) => {
  await signIn(page, 'intake', 'demo-intake-password');
  const tile = page.getByRole('button', { name: 'Bed C3, cleaning' });
  await tile.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bed C3: cleaning' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // "Mark available"
  await expect(page.getByRole('button', { name: 'Bed C3, available' })).toBeVisible();
  // Intake cannot divert.
  await expect(page.getByRole('button', { name: 'Divert or close…' })).toHaveCount(0);
});
