import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from '../helpers/serve';

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// One picture per screen in the navigation, as an administrator sees it with demo data.
test('screenshots of every screen', async ({ page }) => {
  const serve = await startServe(['--demo']);
  try {
    await page.setViewportSize({ width: 1366, height: 850 });
    await page.goto(serve.url);
    await page.screenshot({ path: path.join(OUT, 'sign-in.png') });
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('demo-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    await expect(links.first()).toBeVisible();
    // Each screen's name, without the alert badge the Handoff link carries.
    const names = await links.evaluateAll((all) => all.map((a) => a.firstChild?.textContent ?? ''));
    for (const name of names) {
      await links.filter({ hasText: name }).first().click();
      await expect(page.locator('main h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.getByText('Loading…')).toHaveCount(0, { timeout: 30_000 });
      await page.screenshot({ path: path.join(OUT, `${slug(name)}.png`), fullPage: true });
    }
    // The desk's own size: the new arrival at 1024×768, the officer's clock running.
    await page.setViewportSize({ width: 1024, height: 768 });
    await links.filter({ hasText: 'Handoff' }).first().click();
    await page.keyboard.type('Oro Valley Police Department');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Casey Nguyen');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(OUT, 'handoff-1024.png') });
    await page.getByRole('button', { name: 'Clear form' }).click();
    await page.setViewportSize({ width: 1366, height: 850 });
    await links.first().click();
    await page.getByRole('button', { name: 'Wall display' }).click();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(OUT, 'wall-display.png') });
    await page.getByRole('button', { name: 'Exit wall display' }).click();
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Español' });
    await page.getByRole('navigation').getByRole('link').nth(1).click();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(OUT, 'handoff-es.png'), fullPage: true });
  } finally {
    await serve.stop();
  }
});
