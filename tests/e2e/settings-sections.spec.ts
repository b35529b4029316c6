import { expect, test } from '@playwright/test';
import { useDemoServe } from '../helpers/demo-serve';
import { seriousViolationIds } from '../helpers/axe';

const { serve, signIn } = useDemoServe();

// Each section's link and a heading only that section shows.
const SECTIONS: [link: string, hash: string, heading: string][] = [
  ['Facility', 'facility', 'Facility'],
  ['Officer turnaround', 'turnaround', 'Officer turnaround'],
  ['Kiosks', 'kiosks', 'Officer kiosks'],
  ['Units and beds', 'units', 'Units and beds'],
  ['Capacity rules', 'capacity', 'Capacity rules'],
  ['Sharing with dispatch', 'dispatch', 'Sharing with dispatch'],
  ['Other centers', 'region', 'Region'],
  ['Import history', 'import', 'Import historical drop-offs'],
  ['Follow-up policy', 'followUp', 'Follow-up'],
  ['Lock, audit and backups', 'security', 'Backups'],
  ['Data protection', 'protection', 'Protecting the data'],
];

test('Settings shows one section at a time, kept in the URL, reachable by keyboard', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, 'admin', 'demo-admin-password');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav.getByRole('link')).toHaveText(SECTIONS.map(([link]) => link));
  // The first section by default, and only it.
  await expect(nav.getByRole('link', { name: 'Facility' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Facility name')).toBeVisible();
  await expect(page.getByLabel('Kiosk name')).toHaveCount(0);

  const heights: number[] = [];
  for (const [link, hash, heading] of SECTIONS) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/settings/${hash}$`));
    await expect(page.getByRole('heading', { name: heading, exact: true, level: 2 })).toBeVisible();
    await expect(nav.getByRole('link', { name: link, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // Every other section's heading is gone.
    for (const [, , other] of SECTIONS.filter(([l]) => l !== link && l !== 'Facility'))
      if (other !== heading)
        await expect(page.getByRole('heading', { name: other, exact: true, level: 2 })).toHaveCount(
          0,
        );
    await page.waitForLoadState('networkidle');
    heights.push(await page.evaluate(() => document.documentElement.scrollHeight));
    expect((await seriousViolationIds(page)).map((id) => `${link}: ${id}`)).toEqual([]);
  }
  // No section is anywhere near the old 5,000 px page.
  expect(Math.max(...heights)).toBeLessThan(2500);

  // A reload, and a link pasted in another tab, open the same section.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Protecting the data', level: 2 })).toBeVisible();
  await page.goto(new URL('/#/settings/kiosks', serve.url).href);
  await expect(page.getByLabel('Kiosk name')).toBeVisible();
  await expect(page.getByLabel('Facility name')).toHaveCount(0);

  // Keyboard: Tab to a section link, Enter opens it.
  const dispatch = nav.getByRole('link', { name: 'Sharing with dispatch' });
  await nav.getByRole('link', { name: 'Kiosks' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(dispatch).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/settings\/dispatch$/);
  await expect(
    page.getByRole('heading', { name: 'Sharing with dispatch', level: 2 }),
  ).toBeVisible();

  // Spanish: the same sections, named in Spanish.
  await page.getByRole('combobox', { name: /Language|Idioma/ }).selectOption('es-US');
  await expect(
    page.getByRole('navigation', { name: 'Secciones de configuración' }).getByRole('link', {
      name: 'Compartir con despacho',
    }),
  ).toHaveAttribute('aria-current', 'page');
});
