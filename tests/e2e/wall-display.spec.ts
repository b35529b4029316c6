import { expect, test } from '@playwright/test';
import { useDemoServe } from '../helpers/demo-serve';
import { seriousViolationIds } from '../helpers/axe';

const { serve, signIn } = useDemoServe();

// Demo occupants (server/beds/demo.ts): the wall shows their initials, never their names.
const OCCUPANT_NAMES = ['Jordan', 'Rivera', 'Casey', 'Nguyen', 'Avery', 'Thompson', 'Morgan'];

test('the wall display shows every unit with initials only, dark, live, with nothing but exit', async ({
  page,
  browser,
}) => {
  await signIn(page, 'intake', 'demo-intake-password');
  await page.getByRole('button', { name: 'Wall display' }).click();
  await expect(page).toHaveURL(/#\/board\/wall$/);
  const wall = page.getByRole('main');
  for (const unit of ['Recliners', 'Adult stabilization', 'Youth', 'Withdrawal']) {
    await expect(
      wall.getByRole('heading', { name: new RegExp(`^${unit}`), level: 2 }),
    ).toBeVisible();
  }
  const bed = (label: string) =>
    wall.getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });
  const c1 = bed('C1');
  await expect(c1).toContainText('JR');
  await expect(c1).toContainText('occupied');
  for (const name of OCCUPANT_NAMES) await expect(page.locator('body')).not.toContainText(name);
  // No navigation, no other controls: the only button is the way out.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('button')).toHaveText(['Exit wall display']);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolationIds(page)).toEqual([]);

  // Live: a change at another desk shows up without touching the wall.
  const desk = await browser.newPage();
  await desk.goto(serve.url);
  await desk.getByLabel('Username').fill('manager');
  await desk.getByLabel('Password').fill('demo-manager-password');
  await desk.getByRole('button', { name: 'Sign in' }).click();
  await desk.getByRole('button', { name: 'Bed C10, available' }).click();
  await desk.getByRole('button', { name: 'Mark cleaning' }).click();
  await expect(bed('C10')).toContainText('cleaning');

  // Exit returns to the desk's board and its own theme.
  await page.getByRole('button', { name: 'Exit wall display' }).click();
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
});

test('the wall display opens by URL and by Alt+W, and Escape leaves it', async ({ page }) => {
  await signIn(page, 'intake', 'demo-intake-password');
  await page.goto(new URL('/#/board/wall', serve.url).href);
  await expect(page.getByRole('button', { name: 'Exit wall display' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+W');
  await expect(page.getByRole('button', { name: 'Exit wall display' })).toBeVisible();
});

test('the wall display fits one 1920×1080 screen with every unit and bed, initials only', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, 'intake', 'demo-intake-password');
  await page.getByRole('button', { name: 'Wall display' }).click();
  const wall = page.getByRole('main');
  for (const unit of ['Recliners', 'Adult stabilization', 'Youth', 'Withdrawal']) {
    await expect(
      wall.getByRole('heading', { name: new RegExp(`^${unit}`), level: 2 }),
    ).toBeInViewport({ ratio: 1 });
  }
  // The demo center's 16 + 12 + 6 + 4 beds, all shown.
  await expect(wall.getByRole('listitem')).toHaveCount(38);
  await expect(wall.getByRole('listitem').filter({ hasText: 'W4' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: 'test-results/wall-1920.png' });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThanOrEqual(1080);
  for (const name of OCCUPANT_NAMES) await expect(page.locator('body')).not.toContainText(name);
  // The counts stay large enough to read across a room.
  const countSize = await wall
    .locator('.wall-unit-count strong')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(countSize).toBeGreaterThanOrEqual(36);
});
