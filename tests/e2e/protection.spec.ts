import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEIDENTIFIED_COLUMNS } from '../../core/csv/deidentified-csv';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { signIn } = useDemoServe();

test('Settings → Retention: 0 and text are refused with a message; 6 months is kept', async ({
  page,
}) => {
  await signIn(page, 'admin', 'demo-admin-password');
  await openSettings(page, 'Data protection');
  const form = page.getByRole('form', { name: 'Retention' });
  await expect(form.getByText('Off: identifying details are kept.')).toBeVisible();
  const months = form.getByLabel('Months after discharge');
  for (const bad of ['0', 'six']) {
    await months.fill(bad);
    await form.getByRole('button', { name: 'Save retention' }).click();
    await expect(form.getByRole('alert')).toContainText('at least 1 month');
    await expect(form.getByText('Off: identifying details are kept.')).toBeVisible();
  }
  await months.fill('6');
  await form.getByRole('button', { name: 'Save retention' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(
    form.getByText('On: identifying details are removed 6 months after discharge.'),
  ).toBeVisible();
  await page.reload();
  await expect(
    page.getByText('On: identifying details are removed 6 months after discharge.'),
  ).toBeVisible();
});

test('the recovery key is shown once, then only when it was shown', async ({ page }) => {
  await signIn(page, 'admin', 'demo-admin-password');
  await openSettings(page, 'Data protection');
  const section = page.getByRole('region', { name: 'Recovery key' }).first();
  await expect(page.getByText('The database and every backup are encrypted')).toBeVisible();
  await page.getByRole('button', { name: 'Show the recovery key (once)' }).click();
  await expect(page.getByTestId('recovery-key')).toHaveText(/^([0-9A-F]{4}-){16}[0-9A-F]{4}$/);
  await expect(section.getByText('It will not be shown again.')).toBeVisible();
  await page.reload();
  await expect(page.getByText(/The recovery key was shown on/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show the recovery key (once)' })).toHaveCount(0);
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);
});

test('exports: de-identified first without names; the full one asks why, and the log says who and why', async ({
  page,
}) => {
  await signIn(page, 'manager', 'demo-manager-password');
  await page.getByRole('link', { name: 'Figures' }).click();
  const deid = page.getByRole('button', { name: 'Export de-identified CSV' });
  const full = page.getByRole('button', { name: 'Export full CSV (names)…' });
  // Least privilege first: the de-identified export comes before the full one.
  const [deidBox, fullBox] = [await deid.boundingBox(), await full.boundingBox()];
  expect(deidBox!.x).toBeLessThan(fullBox!.x);
  const download = page.waitForEvent('download');
  await deid.click();
  const lines = fs.readFileSync((await (await download).path())!, 'utf8').split('\r\n');
  expect(lines[0]).toBe(DEIDENTIFIED_COLUMNS.join(','));
  expect(lines.length).toBeGreaterThan(2);

  await full.click();
  const reason = page.getByLabel('Reason for exporting names');
  await reason.fill('x');
  await page.getByRole('button', { name: 'Export with names' }).click();
  await expect(page.getByRole('alert')).toContainText('Say why the full export');
  await reason.fill('county audit 2026-Q1');
  const fullDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export with names' }).click();
  const csv = fs.readFileSync((await (await fullDownload).path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('first_name,last_name,date_of_birth');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'admin', 'demo-admin-password');
  await openSettings(page, 'Data protection');
  const log = page.getByRole('table', { name: 'Exports, newest first' });
  await expect(log.getByRole('row').nth(1)).toContainText('manager');
  await expect(log.getByRole('row').nth(1)).toContainText('Full (names included)');
  await expect(log.getByRole('row').nth(1)).toContainText('county audit 2026-Q1');
  await expect(log.getByRole('row').nth(2)).toContainText('De-identified');
});
