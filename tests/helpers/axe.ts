import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The ids of the serious and critical WCAG 2 A/AA violations axe finds on the page as it is. */
export async function seriousViolationIds(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id);
}
