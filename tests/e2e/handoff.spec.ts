import { expect, test } from '@playwright/test';
import { counted, signIn } from './helpers-encounters';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('a police drop-off by keyboard in at most 12 interactions, every Tab counted', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  const ui = counted(page);

  await ui.click(page.getByRole('link', { name: 'Handoff' }));
  // Agency has focus on open; the fields follow the officer's words, one Tab apart.
  await expect(page.getByLabel('Agency', { exact: true })).toBeFocused();
  await ui.typeFocused('Oro Valley Police Department');
  await ui.tab();
  await expect(page.getByLabel('Officer name', { exact: true })).toBeFocused();
  await ui.typeFocused('Casey Nguyen');
  await ui.tab();
  await expect(page.getByLabel('Badge number', { exact: true })).toBeFocused();
  await ui.typeFocused('OV-2231');
  await ui.tab();
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await ui.typeFocused('Robin');
  await ui.tab();
  await expect(page.getByLabel('Last name', { exact: true })).toBeFocused();
  await ui.typeFocused('Quartermaine');
  await ui.tab();
  await expect(page.getByLabel('Legal status', { exact: true })).toBeFocused();
  await ui.shortcut('Control+Enter');

  const done = page.getByRole('status').filter({ hasText: 'Handoff accepted' });
  await expect(done).toBeVisible();
  expect(ui.count).toBeLessThanOrEqual(12);
  const reference = (await done.locator('strong').textContent())!.replace(/^.*: /, '');
  expect(reference).toMatch(/^H-\d{4}-\d{5}$/);
  // The form cleared itself and is ready for the next officer.
  await expect(page.getByLabel('Agency', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Agency', { exact: true })).toBeFocused();
  await done.getByRole('link', { name: /^Open H-/ }).click();
  await expect(page.getByText('Quartermaine, Robin').first()).toBeVisible();
});

test('the officer receipt: reference, center, officer, times, and nothing clinical', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Agency', { exact: true }).fill('Oro Valley Police Department');
  await page.getByLabel('Officer name', { exact: true }).fill('Casey Nguyen');
  await page.getByLabel('Badge number', { exact: true }).fill('OV-2231');
  await page.getByLabel('Legal status', { exact: true }).selectOption('involuntary_hold');
  await page.getByLabel('First name', { exact: true }).fill('Robin');
  await page.getByLabel('Last name', { exact: true }).fill('Quartermaine');
  await page.getByLabel('Date of birth', { exact: true }).fill('1988-06-30');
  await page.getByRole('button', { name: 'Suicidal ideation' }).click();
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Handoff accepted' });
  await expect(done).toBeVisible();
  const reference = (await done.locator('strong').textContent())!.replace(/^.*: /, '');

  await page.getByRole('link', { name: 'Print officer receipt' }).click();
  const receipt = page.getByTestId('officer-receipt');
  await expect(receipt).toContainText(reference);
  await expect(receipt).toContainText('Desert Bridge Crisis Center');
  await expect(receipt).toContainText('Casey Nguyen');
  await expect(receipt).toContainText('OV-2231');
  await expect(receipt).toContainText('Released');
  const text = (await receipt.textContent())!;
  for (const clinical of [
    'Robin',
    'Quartermaine',
    '1988-06-30',
    'Involuntary',
    'hold',
    'Suicidal',
    'ideation',
    'concern',
    'Legal',
    'disposition',
  ])
    expect(text, clinical).not.toContain(clinical);
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible();
});

test('a known officer is suggested from recent drop-offs, and Ctrl+Enter accepts', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  const agency = page.getByLabel('Agency', { exact: true });
  await agency.fill('Marana Police Department');
  await page.getByLabel('Officer name', { exact: true }).fill('Pat Kim');
  await page.getByLabel('Badge number', { exact: true }).fill('M-77');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Handoff accepted' })).toBeVisible();

  // Next drop-off by the same officer: typing the name fills badge and agency.
  const ui = counted(page);
  await ui.type(page.getByLabel('Officer name', { exact: true }), 'Pat Kim');
  await expect(page.getByLabel('Badge number', { exact: true })).toHaveValue('M-77');
  await expect(agency).toHaveValue('Marana Police Department');
  await ui.type(page.getByLabel('Last name', { exact: true }), 'Doe');
  await ui.shortcut('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Handoff accepted' })).toBeVisible();
  expect(ui.count).toBe(3);
});

test('bad input is shown next to its field and nothing is recorded', async ({ page }) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Last name', { exact: true }).fill('Nobody');
  await page.getByLabel('Date of birth', { exact: true }).fill('2099-01-01');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  await expect(page.getByText('Agency is required for a police drop-off')).toBeVisible();
  await page.getByLabel('Agency', { exact: true }).fill('Tucson Police Department');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  await expect(
    page.getByText('Date of birth cannot be in the future', { exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Encounters' }).click();
  await page.getByLabel('Name or reference').fill('Nobody');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('0 encounters');
});

test('a walk-in uses the same flow without officer fields', async ({ page }) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Referral source').selectOption('walk_in');
  await expect(page.getByLabel('Officer name', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Badge number', { exact: true })).toHaveCount(0);
  await page.getByLabel('Last name', { exact: true }).fill('Walker');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Handoff accepted' });
  await expect(done).toBeVisible();
  // No officer: no "officer released", no officer receipt.
  await expect(done).not.toContainText('officer');
  await expect(done.getByRole('link', { name: 'Print officer receipt' })).toHaveCount(0);
  await done.getByRole('link', { name: /^Open H-/ }).click();
  await expect(page.getByText('Status: accepted')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Walk-in' })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Officer released' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /receipt/i })).toHaveCount(0);
});

test('a date of birth is typed as said, and one more than 120 years ago is refused', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Referral source').selectOption('walk_in');
  await page.getByLabel('Last name', { exact: true }).fill('Oldtimer');
  const dob = page.getByLabel('Date of birth', { exact: true });
  await dob.pressSequentially('1890-01-01');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  await expect(page.locator('.field-error', { hasText: 'more than 120 years ago' })).toBeVisible();
  await dob.fill('');
  await dob.pressSequentially('1985-12-31');
  await expect(dob).toHaveValue('1985-12-31');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Handoff accepted' });
  await done.getByRole('link', { name: /^Open H-/ }).click();
  await expect(page.getByRole('definition').filter({ hasText: '1985-12-31' })).toBeVisible();
});
