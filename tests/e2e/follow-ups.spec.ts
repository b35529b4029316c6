import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { setServerClock } from '../helpers/serve';
import { call, signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

async function noSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`)).toEqual([]);
}

test('discharge with consent, the call falls due at 24 h, no answer then reached; the case manager sees the person and the note reaches the next handoff', async ({
  page,
  browser,
}) => {
  const H = 3_600_000;
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  const e = await call<{ id: number; reference: string }>(page, 'encounters.create', {
    referralSource: 'walk_in',
    firstName: 'Marisol',
    lastName: 'Quintero-Vale',
    dateOfBirth: '1988-04-12',
    accept: true,
  });

  // Discharge home with consent, a phone number and an aftercare appointment.
  await page.goto(`${serve.url}/#/encounters/${e.id}`);
  await page.getByLabel('Disposition', { exact: true }).selectOption('home_community');
  await expect(page.getByText('This disposition calls for follow-up calls')).toBeVisible();
  // The form checks with the server's own schema before the confirmation step.
  const confirm = page.getByRole('button', { name: 'Confirm discharge' });
  await page.getByRole('button', { name: 'Discharge' }).click();
  await expect(page.getByText(/ask whether they may be contacted/)).toBeVisible();
  await expect(confirm).toHaveCount(0);
  await page.getByLabel('Consent to be contacted (required)').selectOption('yes');
  await page.getByLabel('Phone').fill('12');
  await page.getByRole('button', { name: 'Discharge' }).click();
  await expect(page.getByLabel('Phone')).toHaveAccessibleDescription(
    'Not a phone number (for example 505-555-0134)',
  );
  await expect(confirm).toHaveCount(0);
  await page.getByLabel('Phone').fill('505 555 0134');
  await expect(page.getByText('(505) 555-0134')).toBeVisible();
  await page.getByLabel('Best time to call').fill('After 5 pm');
  await page.getByLabel(/Aftercare appointment/).fill('2020-01-15T10:00');
  await page.getByRole('button', { name: 'Discharge' }).click();
  await expect(page.getByLabel(/Aftercare appointment/)).toHaveAccessibleDescription(
    'The appointment cannot be before the discharge',
  );
  await expect(page.getByLabel('Phone')).not.toHaveAttribute('aria-invalid');
  await expect(confirm).toHaveCount(0);
  await page.getByLabel(/Aftercare appointment/).fill('2030-01-15T10:00');
  await page.getByLabel('Provider').fill('Valley Clinic');
  await page.getByLabel('Kind of appointment').selectOption('outpatient_mental_health');
  await page.getByRole('button', { name: 'Discharge' }).click();
  await page.getByRole('button', { name: 'Confirm discharge' }).click();
  await expect(page.getByText('Status: ').locator('strong')).toHaveText('Discharged');

  // Upcoming now; due once the server clock passes 24 h.
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const upcoming = page.getByRole('region', { name: /^Upcoming/ });
  await expect(upcoming.getByText(e.reference)).toHaveCount(2);
  // The demo center's own open calls are all due within the day (server/demo/follow-ups.ts).
  const open = await call<Record<'due' | 'overdue' | 'upcoming', { reference: string }[]>>(
    page,
    'followUps.list',
    {},
  );
  const demoDue = [...open.due, ...open.overdue, ...open.upcoming].filter(
    (c) => c.reference !== e.reference,
  ).length;
  // A day later the session has ended: the desk signs in again.
  await setServerClock(serve.url, { advanceMs: 24 * H + 60_000 });
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await expect(page.getByRole('link', { name: /Follow-ups/ }).locator('.badge')).toHaveText(
    String(demoDue + 1),
  );
  await page.getByRole('link', { name: /Follow-ups/ }).click();
  const due = page.getByRole('region', { name: /^Due now/ });
  await expect(due.locator('[data-state="due"]')).toContainText(e.reference);
  await expect(due).toContainText('(505) 555-0134');
  // The desk opens the encounter from the list; the person view is case management's.
  await expect(due.getByRole('link', { name: e.reference })).toBeVisible();
  await expect(due.getByRole('link', { name: 'Person view' })).toHaveCount(0);
  await noSeriousAxe(page);

  // "No answer": two interactions from the list, then due again in 4 hours.
  const form = page.getByRole('form', { name: `Record an attempt for ${e.reference}, contact 1` });
  await form.getByLabel('Outcome').selectOption('no_answer');
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(upcoming.locator('li').first()).toContainText('due in 4 hours');
  await setServerClock(serve.url, { advanceMs: 4 * H });
  await page.reload();
  await page.getByRole('link', { name: /Follow-ups/ }).click();
  await form.getByLabel('Outcome').selectOption('reached_appointment_kept');
  await form.getByLabel('Note (optional)').fill('Doing better, has the appointment');
  await form.getByRole('button', { name: 'Record' }).click();
  const done = page.getByRole('region', { name: /^Done/ });
  await expect(done).toContainText('Reached — appointment kept');

  // Both attempts are on the encounter's timeline.
  await page.goto(`${serve.url}/#/encounters/${e.id}`);
  await expect(page.locator('.timeline li').filter({ hasText: 'Follow-up call' })).toHaveCount(2);

  // A case manager: follow-ups and case management, no board or settings.
  const cmContext = await browser.newContext();
  const cm = await cmContext.newPage();
  await signIn(cm, serve.url, 'casemanager', 'demo-case-password');
  const nav = cm.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Follow-ups' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Case management' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Board' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Follow-ups' }).click();
  // No encounter access: the reference is plain text, the person view is the way in.
  const cmUpcoming = cm.getByRole('region', { name: /^Upcoming/ });
  await expect(cmUpcoming.getByText(e.reference)).toBeVisible();
  await expect(cm.getByRole('link', { name: e.reference })).toHaveCount(0);
  await cmUpcoming.getByRole('link', { name: 'Person view' }).click();
  await expect(cm).toHaveURL(/#\/people\//);
  await expect(cm.getByRole('heading', { name: /Marisol Quintero-Vale/, level: 1 })).toBeVisible();
  await expect(cm.getByText('Reached — appointment kept')).toBeVisible();
  await cm.getByLabel('New intake note').fill('Responds well to female staff');
  await cm.getByRole('button', { name: 'Add note' }).click();
  await expect(cm.locator('.intake-note strong')).toHaveText('Responds well to female staff');
  await noSeriousAxe(cm);
  await nav.getByRole('link', { name: 'Case management' }).click();
  await expect(cm.getByRole('heading', { name: 'Case management', level: 1 })).toBeVisible();
  await noSeriousAxe(cm);
  await cmContext.close();

  // The next handoff of the same person shows the note to intake.
  await page.getByRole('link', { name: 'Handoff' }).click();
  await page.getByLabel('First name', { exact: true }).fill('marisol');
  await page.getByLabel('Last name', { exact: true }).fill('Quintero-Vale');
  await page.getByLabel('Date of birth', { exact: true }).fill('1988-04-12');
  await expect(page.getByRole('note', { name: 'Notes from case management' })).toContainText(
    'Responds well to female staff',
  );
});

test('Settings → Follow-up: a manager changes the policy; a bad value is refused next to it; Spanish', async ({
  page,
}) => {
  await signIn(page, serve.url, 'manager', 'demo-manager-password');
  await openSettings(page, 'Follow-up policy');
  const shelter = page.getByLabel('Shelter', { exact: true });
  await expect(shelter).toHaveValue('24, 72');
  await shelter.fill('0');
  await page.getByRole('button', { name: 'Save follow-up policy' }).click();
  await expect(page.getByText('Hours must be whole numbers from 1 to 720').first()).toBeVisible();
  // A screen reader hears the error with the field it belongs to.
  await expect(shelter).toHaveAttribute('aria-invalid', 'true');
  await expect(shelter).toHaveAccessibleDescription(/Hours must be whole numbers from 1 to 720/);
  await shelter.fill('48');
  await page.getByRole('button', { name: 'Save follow-up policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' }).last()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Shelter', { exact: true })).toHaveValue('48');
  await noSeriousAxe(page);

  // The follow-ups CSV of a range (one row per attempt): a missing date is refused next to it.
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await page.getByRole('button', { name: 'Export follow-ups' }).click();
  await expect(page.locator('#fx-from-err')).toBeVisible();
  await page.getByLabel('Attempts from').fill('2026-01-01');
  await page.getByLabel('Attempts to').fill('2026-12-31');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export follow-ups' }).click();
  expect((await download).suggestedFilename()).toBe('follow-ups-2026-01-01-2026-12-31.csv');
  await expect(page.getByRole('status').filter({ hasText: /attempts? exported/ })).toBeVisible();

  await page.evaluate(() => localStorage.setItem('handoff.language', 'es-US'));
  await page.goto(`${serve.url}/#/followUps`);
  await expect(page.getByRole('heading', { name: 'Seguimientos', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Pendientes ahora/ })).toBeVisible();
  await page.goto(`${serve.url}/#/figures`);
  await expect(page.getByRole('heading', { name: 'Seguimiento después del alta' })).toBeVisible();
  await expect(page.getByText('Contactados en 24 h')).toBeVisible();
});
