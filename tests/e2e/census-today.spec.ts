import { expect, test, type Page } from '@playwright/test';
import { call, signIn } from './helpers-encounters';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

const active = (page: Page) =>
  call<{ expected: { reference: string }[]; waiting: { reference: string }[] }>(
    page,
    'encounters.active',
    {},
  );

/** This shift's officer handoffs so far (the demo center's own, by time of day, count too). */
const shiftHandoffs = async (page: Page) =>
  (await call<{ handoffs: number }>(page, 'census.today', {})).handoffs;

async function recordWaiting(page: Page, lastName: string) {
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('Agency', { exact: true }).fill('Tucson Police Department');
  await page.getByLabel('Last name', { exact: true }).fill(lastName);
  await page.getByRole('button', { name: 'Record arrival, officer waits' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Arrival recorded' });
  return (await done.locator('strong').textContent())!.replace(/^.*: /, '');
}

test('the census lists everyone in the building, officer still waiting included, expected arrivals not', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  const reference = await recordWaiting(page, 'Stillwaiting');
  const { expected, waiting } = await active(page);
  expect(expected.length).toBeGreaterThan(0);

  await page.getByRole('link', { name: 'Census' }).click();
  await expect(page.getByRole('heading', { name: /^Census: \d+ in the building$/ })).toBeVisible();
  const row = page.locator(`tr[data-reference="${reference}"]`);
  await expect(row).toContainText('Stillwaiting');
  await expect(row).toContainText('At the desk, officer waiting');
  for (const w of waiting)
    await expect(page.locator(`tr[data-reference="${w.reference}"]`)).toHaveCount(1);
  for (const x of expected)
    await expect(page.locator(`tr[data-reference="${x.reference}"]`)).toHaveCount(0);
  // Stays near the 23 h 59 min limit are flagged (the demo center has some in chairs).
  await expect(page.getByText(/stays? near the 23 h 59 min limit/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print census' })).toBeVisible();
});

test('Today is the shift handover: census, officers waiting, expected, declines and turnaround', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  const reference = await recordWaiting(page, 'Declinedperson');
  await page.getByRole('button', { name: `Decline ${reference}` }).click();
  await page.getByLabel(`Reason for declining ${reference}`).selectOption('medical_needs_ed');
  await page.getByRole('button', { name: 'Confirm decline' }).click();
  await expect(page.locator(`tr[data-reference="${reference}"]`)).toHaveCount(0);
  // And one more handoff this shift.
  const before = await shiftHandoffs(page);
  await page.getByLabel('Agency', { exact: true }).fill('Marana Police Department');
  await page.getByRole('button', { name: 'Accept handoff' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Handoff accepted' })).toBeVisible();
  const { expected, waiting } = await active(page);

  await page.getByRole('link', { name: 'Today' }).click();
  const figure = (name: string | RegExp) =>
    page
      .locator('.today-figures > div')
      .filter({ has: page.getByText(name) })
      .locator('dd');
  await expect(figure('Officers waiting')).toHaveText(String(waiting.length));
  await expect(figure('Expected arrivals')).toHaveText(String(expected.length));
  await expect(figure(/^Officer handoffs since \d{2}:\d{2}$/)).toHaveText(String(before + 1));
  await expect(figure('Median turnaround')).toContainText(/^\d{2}:\d{2}/);
  const declines = page.getByRole('region', { name: /^Declined since/ });
  await expect(declines).toContainText(/Needs the emergency department|medical/i);
  await expect(declines).toContainText(': 1');
  await expect(page.getByRole('region', { name: /^Census \(\d+\)$/ })).toBeVisible();
  for (const x of expected)
    await expect(page.getByRole('link', { name: x.reference })).toBeVisible();
});
