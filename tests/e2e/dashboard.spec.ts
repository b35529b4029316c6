import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CSV_COLUMNS, csvLine, isoTimeFormatter } from '../../core/csv/encounter-csv';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { submitSignIn: signIn } = useDemoServe();

// A week of history long before the demo's own months of encounters (the demo center is in
// America/Phoenix, UTC−7 all year): 2024-06-12 12:00 local.
const fmt = isoTimeFormatter('America/Phoenix');
const base = Date.UTC(2024, 5, 12, 19, 0);
const at = (minutes: number) => fmt(base + minutes * 60_000);
const police = (agency: string, arrive: number, releaseAfter: number) => ({
  referral_source: 'law_enforcement',
  agency,
  officer_name: 'Pat Officer',
  arrived_at: at(arrive),
  officer_released_at: at(arrive + releaseAfter),
  unit_kind: 'chair',
  bed_label: 'R-01',
});
const ROWS: Partial<Record<(typeof CSV_COLUMNS)[number], string>>[] = [
  // Turnarounds 4, 6, 8, 20 → median 7, p90 8 + 0.7 × 12 = 16.4, within 10 min: 75%.
  police('Tucson PD', 0, 4),
  police('Tucson PD', 60, 6),
  police('Pima County Sheriff', 120, 8),
  { ...police('Tucson PD', 180, 20), discharged_at: at(180 + 600), disposition: 'home_community' },
  {
    referral_source: 'law_enforcement',
    agency: 'Tucson PD',
    arrived_at: at(240),
    declined_at: at(250),
    decline_reason: 'medical_needs_ed',
  },
  { referral_source: 'walk_in', arrived_at: at(300) },
  { referral_source: 'police', arrived_at: at(310) }, // refused: unknown referral source
];
const CSV =
  csvLine(CSV_COLUMNS) + ROWS.map((r) => csvLine(CSV_COLUMNS.map((c) => r[c] ?? ''))).join('');

const card = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

test('a manager imports history in Settings, reads the figures and exports the CSV', async ({
  page,
}) => {
  await signIn(page, 'manager', 'demo-manager-password');
  await openSettings(page, 'Import history');

  // Import: dry run lists the bad row by line, column and reason; nothing is written yet.
  await page.getByLabel('Encounter CSV file').setInputFiles({
    name: 'history.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await page.getByRole('button', { name: 'Check file (dry run)' }).click();
  await expect(page.getByText('7 rows checked: 6 can be imported, 1 cannot.')).toBeVisible();
  const errorRow = page
    .getByRole('table', { name: 'Rows that cannot be imported' })
    .getByRole('row')
    .nth(1);
  await expect(errorRow).toContainText('8');
  await expect(errorRow).toContainText('referral_source');
  await expect(errorRow).toContainText('unknown value "police"');
  await expect(page.getByRole('button', { name: 'Import 7 encounters' })).toBeDisabled();
  await page.getByLabel(/Import valid rows only/).check();
  await page.getByRole('button', { name: 'Import 6 encounters' }).click();
  await expect(page.getByText('Imported 6 encounters.')).toBeVisible();

  // The figures, from the same code as `handoff report`, computed on the reports worker thread
  // that the built CLI ships next to itself.
  expect(fs.existsSync(path.resolve(__dirname, '../../out/cli/report-worker.cjs'))).toBe(true);
  await page.getByRole('link', { name: 'Figures' }).click();
  await page.getByRole('button', { name: 'Custom' }).click();
  await page.getByLabel('From', { exact: true }).fill('2024-06-10');
  await page.getByLabel('To', { exact: true }).fill('2024-06-16');
  await expect(card(page, 'Encounters')).toContainText('6');
  await expect(card(page, 'Police drop-offs')).toContainText('5');
  await expect(card(page, 'Declined police drop-offs')).toContainText('1');
  await expect(card(page, 'Declined police drop-offs')).toContainText('target is zero');
  await expect(card(page, 'Officer turnaround, median')).toContainText('7 min');
  await expect(card(page, 'Officer turnaround, median')).toContainText('90th percentile 16.4 min');
  await expect(card(page, 'Within 10 minutes')).toContainText('75%');
  await expect(card(page, 'Accepting police while not full')).toContainText('No data');

  // The "?" shows the figure's definition.
  await card(page, 'Police drop-offs').getByText('?').click();
  await expect(
    card(page, 'Police drop-offs').getByText(
      'Encounters in range whose referral source is law enforcement or a co-responder team.',
    ),
  ).toBeVisible();

  // Every chart is also a table.
  const agencies = page.getByRole('region', { name: 'Officer turnaround by agency' });
  await agencies.getByText('Turnaround by agency: table').click();
  await expect(agencies.getByRole('row', { name: /Tucson PD 3 6/ })).toBeVisible();

  expect(
    (await new AxeBuilder({ page }).include('.dashboard').analyze()).violations.map((v) => v.id),
  ).toEqual([]);

  // The full export asks why, then downloads encounter CSV v1 with the documented header.
  await page.getByRole('button', { name: 'Export full CSV (names)…' }).click();
  await page.getByLabel('Reason for exporting names').fill('quarterly board report');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export with names' }).click();
  const file = await (await download).path();
  const lines = fs.readFileSync(file, 'utf8').split('\r\n');
  expect(lines[0]).toBe(CSV_COLUMNS.join(','));
  // The demo's own encounters come too; ours are there, with their agency.
  const ours = lines.filter((l) => l.startsWith('H-2024-'));
  expect(ours).toHaveLength(6);
  expect(ours.filter((l) => l.includes(',Tucson PD,'))).toHaveLength(4);

  // An empty range says "no data" instead of zeros.
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await expect(page.getByText('No data: no encounters arrived in this range.')).toBeVisible();
  await expect(card(page, 'Encounters')).toHaveCount(0);
});

test('intake staff do not see the figures', async ({ page }) => {
  await signIn(page, 'intake', 'demo-intake-password');
  await expect(page.getByRole('link', { name: 'Today' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Figures' })).toHaveCount(0);
});
