import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useDemoServe } from '../helpers/demo-serve';

const { serve, signIn } = useDemoServe();

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) => `${where}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
    `accessibility violations on ${where}`,
  ).toEqual([]);
}

// Every screen in the navigation, in both themes: new screens are covered without editing this test.
for (const theme of ['Light', 'Dark'] as const) {
  test(`axe finds no serious or critical violations on any screen (${theme})`, async ({ page }) => {
    await page.goto(serve.url);
    await expectNoSeriousViolations(page, 'sign-in');
    await signIn(page, 'admin', 'demo-admin-password');
    while (!(await page.getByRole('button', { name: `Theme: ${theme} (change)` }).isVisible())) {
      await page.getByRole('button', { name: /^Theme: / }).click();
    }
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    const names = await links.allTextContents();
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) {
      await links.filter({ hasText: name }).first().click();
      await expect(page.locator('main h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, name);
    }
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoSeriousViolations(page, 'keyboard help');
  });
}

test('keyboard: Alt+digit moves between screens, ? lists the shortcuts, focus is visible', async ({
  page,
}) => {
  await signIn(page, 'admin', 'demo-admin-password');
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  // The screen's name, without the alert badge the Handoff link may carry.
  const second = (await links.nth(1).evaluate((a) => a.firstChild?.textContent ?? ''))!;
  await page.keyboard.press('Alt+2');
  await expect(links.filter({ hasText: second }).first()).toHaveAttribute('aria-current', 'page');
  // The second screen (Handoff) opens with a field focused, where "?" is typed: F1 opens help.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('cell', { name: `Go to ${second}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});
