import type { Page } from '@playwright/test';

/** Opens Settings from the main navigation, then one of its sections from the side list. */
export async function openSettings(page: Page, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: section, exact: true })
    .click();
}
