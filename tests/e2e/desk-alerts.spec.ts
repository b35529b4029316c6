import { expect, test, type Page } from '@playwright/test';
import { setServerClock } from '../helpers/serve';
import { signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

/**
 * What reaches the member of staff, observed from outside: each Web Audio tone started and each
 * browser Notification shown (the browser's objects are wrapped, not our code).
 */
async function observeAlerts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __tones: number; __notices: string[] };
    w.__tones = 0;
    w.__notices = [];
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      w.__tones++;
      return start.apply(this, args);
    };
    class Recorded {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title: string, options?: { body?: string }) {
        w.__notices.push(`${title}: ${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded });
  });
  return {
    tones: () => page.evaluate(() => (window as unknown as { __tones: number }).__tones),
    notices: () => page.evaluate(() => (window as unknown as { __notices: string[] }).__notices),
  };
}

test('a kiosk check-in and a wait passing 80 % and 100 % reach staff on another screen', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await page.clock.install();
  const seen = await observeAlerts(page);
  await signIn(page, serve.url, 'admin', 'demo-admin-password');
  await openSettings(page, 'Lock, audit and backups');
  // The clocks jump 10½ minutes below: keep the screen from locking itself meanwhile.
  await page.getByLabel('Lock the screen after this many idle minutes').fill('60');
  await page.getByRole('button', { name: 'Save automatic lock' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await openSettings(page, 'Kiosks');
  await page.getByLabel('Kiosk name').fill('Sally port');
  await page.getByRole('button', { name: 'Issue kiosk code' }).click();
  const code = (await page.locator('.kiosk-code').textContent())!;

  // The demo center has officers waiting already: the count is there, but nothing is news.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const handoffLink = nav.getByRole('link', { name: /^Handoff/ });
  const badge = handoffLink.locator('.nav-badge');
  await expect(badge).toHaveText(/^\d+$/);
  const before = Number(await badge.textContent());
  await expect(page).toHaveTitle(`(${before}) Handoff — ${before} officers waiting`);
  expect(await seen.notices()).toEqual([]);

  const device = await browser.newContext();
  const kiosk = await device.newPage();
  await kiosk.goto(new URL('/kiosk', serve.url).toString());
  await kiosk.getByLabel('Kiosk code').fill(code);
  await kiosk.getByRole('button', { name: 'Start kiosk' }).click();
  await kiosk.getByLabel('Agency').fill('Tucson Police Department');
  await kiosk.getByLabel('Officer name').fill('Dana Reyes');
  await kiosk.getByLabel('Badge number').fill('4471');
  await kiosk.getByLabel('Legal status').selectOption('protective_custody');
  await kiosk.getByRole('button', { name: 'Check in' }).click();
  const checkedIn = kiosk.getByRole('status');
  await expect(checkedIn).toContainText('Your check-in is now on the intake desk’s screens');
  await expect(checkedIn).not.toContainText('alerted');
  const reference = (await checkedIn.locator('strong').textContent())!.trim();
  await device.close();

  // Staff still on Settings: the count, the title, a sound, a notification, an announcement.
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(badge).toHaveText(String(before + 1));
  await expect(page).toHaveTitle(`(${before + 1}) Handoff — ${before + 1} officers waiting`);
  await expect(page.getByTestId('desk-alert')).toContainText('Officer checked in at the kiosk');
  await expect
    .poll(seen.notices)
    .toContainEqual(
      `Officer checked in at the kiosk: ${reference} · Dana Reyes · Tucson Police Department`,
    );
  expect(await seen.tones()).toBeGreaterThan(0);

  // 8 min 30 s later on both clocks: near the 10-minute target, then past it.
  const alertsFor = async () => (await seen.notices()).filter((n) => n.includes(reference));
  await setServerClock(serve.url, { advanceMs: 8.5 * 60_000 });
  await page.clock.fastForward(8.5 * 60_000);
  await expect
    .poll(alertsFor)
    .toContainEqual(expect.stringContaining('Officer waiting: near the 10-minute target'));
  await expect(badge).toHaveClass(/nav-badge-(near|over)/);
  await setServerClock(serve.url, { advanceMs: 2 * 60_000 });
  await page.clock.fastForward(2 * 60_000);
  await expect
    .poll(alertsFor)
    .toContainEqual(expect.stringContaining('Officer waiting: over the 10-minute target'));
  await expect(badge).toHaveClass(/nav-badge-over/);
  // Once each.
  expect(await alertsFor()).toHaveLength(3);
});

test('the alert sound can be turned off on this workstation', async ({ page }) => {
  const seen = await observeAlerts(page);
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByRole('link', { name: 'My account' }).click();
  const sound = page.getByLabel('Play a sound for alerts');
  await expect(sound).toBeChecked();
  await page.getByRole('button', { name: 'Test sound' }).click();
  await expect.poll(seen.tones).toBeGreaterThan(0);
  await sound.uncheck();
  await page.reload();
  await expect(page.getByLabel('Play a sound for alerts')).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Test sound' })).toBeDisabled();
});
