import { expect, test, type Locator } from '@playwright/test';
import { useDemoServe } from '../helpers/demo-serve';

const { signIn } = useDemoServe();

async function height(l: Locator) {
  return (await l.boundingBox())!.height;
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 1366, height: 900 },
]) {
  test(`the "?" definition floats over its row, readable, on screen at ${viewport.width}px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signIn(page, 'manager', 'demo-manager-password');
    await page.getByRole('link', { name: 'Figures' }).click();
    const cards = page.locator('.figure-card');
    await expect(cards.first()).toBeVisible();
    // The first card (left edge), the last headline card (right side) and a chart panel.
    const targets = [
      cards.first(),
      cards.last(),
      page.getByRole('region', { name: 'Officer turnaround by agency' }),
    ];
    for (const target of targets) {
      const rowBefore = await height(target);
      const headBefore = await height(target.locator('.figure-head'));
      await target.locator('.definition summary').click();
      const popover = target.locator('.definition p');
      await expect(popover).toBeVisible();
      const box = (await popover.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(240);
      // A few lines of text, not a word per line.
      expect(box.height).toBeLessThan(box.width);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await height(target)).toBe(rowBefore);
      expect(await height(target.locator('.figure-head'))).toBe(headBefore);
      await target.locator('.definition summary').click();
      await expect(popover).toBeHidden();
    }
    // Nothing scrolls sideways because of it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
  });
}
