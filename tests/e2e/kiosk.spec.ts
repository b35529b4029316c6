import { expect, test } from '@playwright/test';
import { signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('an admin issues a kiosk; the kiosk checks an officer in, clears itself, and can reach nothing else', async ({
  page,
  browser,
}) => {
  await signIn(page, serve.url, 'admin', 'demo-admin-password');
  await openSettings(page, 'Kiosks');
  await page.getByLabel('Kiosk name').fill('Sally port');
  await page.getByRole('button', { name: 'Issue kiosk code' }).click();
  const code = (await page.locator('.kiosk-code').textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  // A separate device (its own cookies).
  const device = await browser.newContext();
  const kiosk = await device.newPage();
  await kiosk.goto(new URL('/kiosk', serve.url).toString());
  await kiosk.getByLabel('Kiosk code').fill('WRONG-CODE-0000');
  await kiosk.getByRole('button', { name: 'Start kiosk' }).click();
  await expect(kiosk.getByText('Unknown or revoked kiosk code').first()).toBeVisible();
  await kiosk.getByLabel('Kiosk code').fill(code);
  await kiosk.getByRole('button', { name: 'Start kiosk' }).click();

  await expect(kiosk.getByRole('heading', { name: /Officer check-in/ })).toBeVisible();
  await kiosk.getByRole('button', { name: 'Check in' }).click();
  await expect(kiosk.getByText('Agency is required')).toBeVisible();
  await kiosk.getByLabel('Agency').fill('Tucson Police Department');
  await kiosk.getByLabel('Officer name').fill('Dana Reyes');
  await kiosk.getByLabel('Badge number').fill('4471');
  await kiosk.getByLabel('Legal status').selectOption('protective_custody');
  await kiosk.getByLabel("Person's first name").fill('Jordan');
  await kiosk.getByLabel("Person's last name").fill('Miles');
  await kiosk.getByRole('button', { name: 'Check in' }).click();
  await expect(kiosk.getByRole('status')).toContainText(/Checked in: reference H-\d{4}-\d{5}/);
  // Cleared for the next officer.
  for (const label of ['Agency', 'Officer name', 'Badge number', "Person's last name"])
    await expect(kiosk.getByLabel(label)).toHaveValue('');

  // No navigation, no way to other screens: not by link, not by URL.
  await expect(kiosk.getByRole('navigation')).toHaveCount(0);
  await expect(kiosk.getByRole('link')).toHaveCount(0);
  for (const path of ['/', '/#/handoff', '/#/encounters', '/#/settings']) {
    await kiosk.goto(new URL(path, serve.url).toString());
    await expect(kiosk.getByRole('heading', { name: /Officer check-in/ })).toBeVisible();
    await expect(kiosk.getByRole('navigation')).toHaveCount(0);
  }
  // And the API refuses it everything but check-in, from inside the kiosk page itself.
  const statuses = await kiosk.evaluate(async () => {
    const out: Record<string, number> = {};
    for (const m of ['encounters.search', 'encounters.active', 'users.list', 'facility.get']) {
      const r = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-handoff-request': '1' },
        body: '{}',
      });
      out[m] = r.status;
    }
    return out;
  });
  expect(Object.values(statuses)).toEqual([403, 403, 403, 403]);

  // Staff see the officer waiting, marked as a kiosk check-in.
  await page.getByRole('link', { name: 'Handoff' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Dana Reyes' })).toContainText(
    'kiosk check-in',
  );

  // Revoking it ends the kiosk at once.
  await openSettings(page, 'Kiosks');
  await page.getByRole('button', { name: 'Revoke Sally port' }).click();
  await expect(page.getByRole('cell', { name: 'Revoked' })).toBeVisible();
  await kiosk.reload();
  await expect(kiosk.getByLabel('Kiosk code')).toBeVisible();
  await device.close();
});
