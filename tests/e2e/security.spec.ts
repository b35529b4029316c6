import { expect, test, type Page } from '@playwright/test';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';
import { seriousViolationIds } from '../helpers/axe';

const { serve, signIn } = useDemoServe();

const sessionUser = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/call/session.status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-handoff-request': '1' },
      body: '{}',
    });
    return ((await r.json()) as { value: { user: { username: string } | null } }).value.user;
  });

test('idle lock: after 10 idle minutes the screen locks, the session ends, and unsaved input survives unlocking', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, 'admin', 'demo-admin-password');
  await openSettings(page, 'Facility');
  const address = page.getByLabel('Address');
  await address.fill('12 Unsaved Street');

  await page.clock.fastForward('09:00');
  await expect(page.getByRole('dialog', { name: 'Handoff is locked' })).toBeHidden();
  await page.clock.fastForward('01:10');
  const lock = page.getByRole('dialog', { name: 'Handoff is locked' });
  await expect(lock).toBeVisible();
  // The screen underneath is neither visible to assistive tech nor reachable.
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeHidden();
  await expect.poll(() => sessionUser(page)).toBeNull();
  // Shortcuts do nothing while locked, and the lock screen itself passes axe.
  await page.keyboard.press('Alt+1');
  expect(await seriousViolationIds(page)).toEqual([]);

  await lock.getByLabel('Password').fill('not the password');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toContainText('Wrong username or password');
  await lock.getByLabel('Password').fill('demo-admin-password');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('Address')).toHaveValue('12 Unsaved Street');
  expect(await sessionUser(page)).toMatchObject({ username: 'admin' });
});

test('the idle time is a setting; Sign out from the lock screen discards the screen', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, 'admin', 'demo-admin-password');
  await openSettings(page, 'Lock, audit and backups');
  const minutes = page.getByLabel('Lock the screen after this many idle minutes');
  await expect(minutes).toHaveValue('10');
  await minutes.fill('0');
  await page.getByRole('button', { name: 'Save automatic lock' }).click();
  await expect(page.getByText('At least 1 minute')).toBeVisible();
  await minutes.fill('2');
  await page.getByRole('button', { name: 'Save automatic lock' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.clock.fastForward('02:10');
  const lock = page.getByRole('dialog', { name: 'Handoff is locked' });
  await expect(lock).toBeVisible();
  await lock.getByRole('button', { name: /Sign out/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Handoff' })).toBeVisible();
});

test('Settings: verify the audit log, back up now, and restore a backup after confirming', async ({
  page,
}) => {
  await signIn(page, 'admin', 'demo-admin-password');
  await openSettings(page, 'Lock, audit and backups');
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Intact: All \d+ audit rows verified/ }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /written and verified/ })).toBeVisible();
  await openSettings(page, 'Facility');
  const original = await page.getByLabel('Facility name').inputValue();

  await page.getByLabel('Facility name').fill('Renamed After Backup');
  await page.getByRole('button', { name: 'Save facility' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await openSettings(page, 'Lock, audit and backups');

  const manualRow = page.getByRole('row').filter({ hasText: 'Manual' }).first();
  await manualRow.getByRole('button', { name: /Restore the backup of/ }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Everything entered since then is replaced');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await manualRow.getByRole('button', { name: /Restore the backup of/ }).click();
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /Restored handoff-manual-.* kept as handoff-before-restore-/ }),
  ).toBeVisible();
  // This session already existed when the copy was taken, so the desk stays signed in.
  await page.reload();
  await openSettings(page, 'Facility');
  await expect(page.getByLabel('Facility name')).toHaveValue(original);
  await openSettings(page, 'Lock, audit and backups');
  await expect(page.getByRole('row').filter({ hasText: 'Before restore' })).toHaveCount(1);
});

test('About shows the version and where the data, backups and logs are', async ({ page }) => {
  await signIn(page, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About Handoff' })).toBeVisible();
  await expect(page.getByText(/^\d+\.\d+\.\d+/)).toBeVisible();
  await expect(page.getByText(serve.dataDir, { exact: true })).toBeVisible();
  await expect(page.getByText(/backups$/)).toBeVisible();
  await expect(page.getByText('Console output of the server (serve mode)')).toBeVisible();
});
