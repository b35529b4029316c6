import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve';
import { openSettings } from '../helpers/settings';

let serve: ServeProcess;
test.beforeEach(async () => {
  serve = await startServe();
});
test.afterEach(async () => {
  await serve.stop();
});

test('fresh data folder → setup → administrator → sign out → sign in → navigate', async ({
  page,
}) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Set up Handoff' })).toBeVisible();

  // Bad input is shown next to its field and nothing is created.
  await page.getByLabel('Facility name').fill('Harbor Crisis Center');
  await page.getByLabel('Time zone').fill('Not/AZone');
  await page.getByLabel('Full name').fill('Dana Director');
  await page.getByLabel('Username').fill('dana');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create facility and administrator' }).click();
  await expect(page.getByText('Password must be at least 12 characters')).toBeVisible();
  await expect(page.getByText('Not a known time zone')).toBeVisible();

  await page.getByLabel('Time zone').fill('America/Los_Angeles');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create facility and administrator' }).click();

  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Board',
    'Handoff',
    'Encounters',
    'Census',
    'Figures',
    'Follow-ups',
    'Case management',
    'Today',
    'Region',
    'Users',
    'Settings',
    'My account',
    'About',
  ]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Handoff' })).toBeVisible();
  await page.getByLabel('Username').fill('dana');
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await page.getByLabel('Full name').fill('Ian Intake');
  await page.getByLabel('Username').fill('ian');
  await page.getByLabel('Role', { exact: true }).selectOption('intake');
  await page.getByLabel('Initial password').fill('intake desk password');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('cell', { name: 'Ian Intake', exact: true })).toBeVisible();

  await openSettings(page, 'Facility');
  await expect(page.getByLabel('Facility name')).toHaveValue('Harbor Crisis Center');

  // A session survives a reload (cookie), and an intake user sees only their screens.
  await page.reload();
  await expect(page.getByLabel('Facility name')).toHaveValue('Harbor Crisis Center');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').fill('ian');
  await page.getByLabel('Password').fill('intake desk password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Board',
    'Handoff',
    'Encounters',
    'Census',
    'Follow-ups',
    'Today',
    'Region',
    'My account',
    'About',
  ]);
});

test('first run can load demo data instead', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bed C1, occupied' })).toBeVisible();
});
