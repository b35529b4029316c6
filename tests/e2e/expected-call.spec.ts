import { expect, test } from '@playwright/test';
import { signIn } from './helpers-encounters';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('a pre-arrival call takes the person, concern and callback number, and names the held bed', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByText('Pre-arrival call (officer phoning ahead)').click();
  const form = page.getByRole('form', { name: 'Pre-arrival call' });
  await form.getByLabel('Calling agency').fill('Pima County Sheriff');
  await form.getByLabel('Calling officer').fill('Deputy Cruz');
  await form.getByLabel('Callback number').fill('555-01');
  await form.getByLabel('First name (if known)').fill('Ana');
  await form.getByLabel('Last name (if known)').fill('Okafor');
  await form.getByLabel('Concern').selectOption({ label: 'Suicidal ideation' });
  await form.getByLabel('Hold a bed').selectOption('bed');
  await form.getByRole('button', { name: 'Record expected arrival' }).click();
  // A number no phone can dial is refused next to the field; nothing is recorded.
  await expect(form.getByRole('alert')).toContainText('Not a phone number');
  await expect(form.getByRole('status')).toHaveCount(0);

  await form.getByLabel('Callback number').fill('520 555 0134');
  await form.getByRole('button', { name: 'Record expected arrival' }).click();
  const status = form.getByRole('status');
  await expect(status).toContainText(/Expected arrival H-\d{4}-\d{5} recorded\. Bed \S+ is held\./);
  const reference = /H-\d{4}-\d{5}/.exec((await status.textContent()) ?? '')![0];
  const bed = /Bed (\S+) is held/.exec((await status.textContent()) ?? '')![1]!;

  // The board shows that bed held for A.O.; the record reads back what the caller said.
  await page.getByRole('link', { name: 'Board' }).click();
  await expect(page.getByRole('button', { name: `Bed ${bed}, reserved` })).toContainText('AO');
  await page.getByRole('link', { name: 'Encounters' }).click();
  await page.getByLabel('Name or reference').fill(reference);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: reference }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Okafor, Ana');
  const facts = page.locator('dl.facts');
  await expect(facts.first()).toContainText('Callback number(520) 555-0134');
  await expect(facts.nth(1)).toContainText('Suicidal ideation');
});
