import { expect, test, type Locator } from '@playwright/test';
import { useDemoServe } from '../helpers/demo-serve';

const { signIn } = useDemoServe();

/** The names the chart draws on its category axis, and the first column of the table beside it. */
async function namesAndRows(panel: Locator, axis: 'x' | 'y') {
  const ticks = panel.locator(
    // recharts 3 draws tick labels in their own layer, apart from the axis line.
    `.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`,
  );
  const rows = panel.locator('.chart-table tbody tr');
  await expect(rows.first()).toBeAttached();
  const names = (await ticks.allTextContents()).map((s) => s.trim());
  const firstCells = await rows.evaluateAll((trs) =>
    trs.map((tr) => (tr.querySelector('th, td')?.textContent ?? '').trim()),
  );
  return { names, firstCells };
}

for (const viewport of [
  { width: 1366, height: 900 },
  { width: 1024, height: 768 },
]) {
  test(`every bar is named and the weekly chart has a legend at ${viewport.width}px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signIn(page, 'manager', 'demo-manager-password');
    await page.getByRole('link', { name: 'Figures' }).click();
    for (const panelName of ['Officer turnaround by agency', 'Length of stay', 'Dispositions']) {
      const panel = page.getByRole('region', { name: panelName });
      await expect(panel.locator('.recharts-bar-rectangle').first()).toBeAttached();
      const { names, firstCells } = await namesAndRows(panel, 'y');
      // The demo center has several categories in each; every one is on the axis, in order.
      expect(firstCells.length, panelName).toBeGreaterThan(1);
      expect(names, panelName).toEqual(firstCells);
      await expect(panel.locator('.recharts-bar-rectangle')).toHaveCount(firstCells.length);
    }
    const hours = page.getByRole('region', { name: 'Officer turnaround by hour' });
    const byHour = await namesAndRows(hours, 'x');
    // Every hour with arrivals named; the axis says the hour (9), the table its time (09:00).
    expect(byHour.firstCells.length).toBeGreaterThan(12);
    expect(byHour.names.map(Number)).toEqual(byHour.firstCells.map((c) => parseInt(c, 10)));

    const weekly = page.getByRole('region', { name: 'Encounters per week' });
    const legend = weekly.locator('.recharts-legend-wrapper');
    await expect(legend).toBeVisible();
    await expect(legend).toContainText('Encounters');
    await expect(legend).toContainText('Police drop-offs');
  });
}
