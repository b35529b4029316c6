import net from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startServe } from '../helpers/serve';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('serve prints the capacity URL; a dispatcher with only a browser sees the status page', async ({
  page,
}) => {
  expect(serve.output().match(/^Capacity endpoint: /gm)).toHaveLength(1);
  expect(serve.capacityUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/capacity$/);
  const json = await (await fetch(serve.capacityUrl!)).json();
  expect(json).toMatchObject({ facility: { name: 'Desert Bridge Crisis Center' }, status: 'open' });

  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto(new URL('/', serve.capacityUrl!).toString());
  await expect(
    page.getByLabel('Keep this page up to date (live, and every 30 seconds)'),
  ).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Desert Bridge Crisis Center' })).toBeVisible();
  await expect(page.getByText('Accepting police drop-offs: YES')).toBeVisible();
  const text = await page.locator('body').innerText();
  for (const name of ['Jordan', 'Rivera', 'Quinn', 'Delgado']) expect(text).not.toContain(name);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  expect(blocked).toEqual([]); // the refresh script is allowed by its hash
});

test('Settings → Sharing with dispatch: URL, live JSON, token, public note', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByLabel('Username').fill('manager');
  await page.getByLabel('Password').fill('demo-manager-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await openSettings(page, 'Sharing with dispatch');
  const section = page.getByRole('region', { name: 'Sharing with dispatch' });
  // Serve listens on 127.0.0.1: no address is offered to dispatch, the desk is told why and how
  // to open it (#15 point 13); the status page still opens on this computer.
  await expect(
    section.getByText(/^Local only: the endpoint listens on 127\.0\.0\.1/),
  ).toBeVisible();
  await expect(section).not.toContainText('Give dispatch this address');
  await expect(
    section.getByText(new URL('/', serve.capacityUrl!).toString(), { exact: true }),
  ).toBeVisible();
  await section.getByText('What dispatch receives now').click();
  await expect(section.getByLabel('Live JSON')).toContainText('"acceptingLawEnforcement": true');

  await section.getByRole('button', { name: 'Generate token' }).click();
  const token = (await section.locator('code.token').innerText()).trim();
  expect(token.length).toBeGreaterThan(30);
  expect((await fetch(serve.capacityUrl!)).status).toBe(401);
  const ok = await fetch(serve.capacityUrl!, { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status).toBe(200);

  await section.getByLabel('Public note to dispatch').fill('Use the east entrance');
  await section.getByRole('button', { name: 'Save sharing settings' }).click();
  await expect(section.getByLabel('Live JSON')).toContainText('Use the east entrance');

  // serve was given --capacity-port, which wins over the stored port: the screen says so.
  await expect(section.getByText('given on the command line')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await section.getByLabel('Port').fill('80');
  await section.getByRole('button', { name: 'Save sharing settings' }).click();
  await expect(section.getByText('Port must be from 1024 to 65535')).toBeVisible();
  await page.getByRole('link', { name: 'Board' }).click();
  await expect(page.getByRole('button', { name: 'Bed C1, occupied' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('a capacity port already in use: a clear message, and the rest keeps working', async ({
  page,
}) => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as net.AddressInfo).port;
  const busy = await startServe(['--demo', '--capacity-port', String(port)]);
  try {
    expect(busy.capacityUrl).toBeNull();
    expect(busy.output()).toContain(
      `Capacity endpoint not started: Port ${port} on 127.0.0.1 is already in use`,
    );
    await page.goto(busy.url);
    await page.getByLabel('Username').fill('manager');
    await page.getByLabel('Password').fill('demo-manager-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Bed C1, occupied' })).toBeVisible();
    await openSettings(page, 'Sharing with dispatch');
    await expect(
      page.getByRole('region', { name: 'Sharing with dispatch' }).getByText(/already in use/),
    ).toBeVisible();
  } finally {
    await busy.stop();
    blocker.close();
  }
});
