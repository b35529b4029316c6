import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { signIn } from './helpers-encounters';
import { openSettings } from '../helpers/settings';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('Settings → Sharing with dispatch → Webhooks: add, secret once, test, log, pause, remove', async ({
  page,
}) => {
  const receiver = await startWebhookReceiver();
  try {
    await signIn(page, serve.url, 'manager', 'demo-manager-password');
    await openSettings(page, 'Sharing with dispatch');
    const hooks = page.getByRole('region', { name: 'Webhooks' });
    await hooks.getByLabel('Receiver URL (https://…)').fill('http://dispatch.example.org/hook');
    await hooks.getByRole('button', { name: 'Add webhook' }).click();
    await expect(hooks.getByText('Use https: plain http only to this computer')).toBeVisible();

    await hooks.getByLabel('Receiver URL (https://…)').fill(receiver.url);
    await hooks.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await hooks.locator('.secret-once code').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.setSecret(secret);
    await expect.poll(() => receiver.got.length).toBeGreaterThanOrEqual(1);

    const item = hooks.getByRole('listitem', { name: receiver.url });
    await item.getByRole('button', { name: 'Send a test' }).click();
    await expect
      .poll(() => receiver.got.filter((h) => h.verified).length)
      .toBeGreaterThanOrEqual(1);
    await item.getByText(/Delivery log/).click();
    await expect(item.getByRole('table')).toContainText('Delivered (204)');
    expect(
      (await new AxeBuilder({ page }).include('#webhooks-title').analyze()).violations,
    ).toEqual([]);
    expect(
      (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      ),
    ).toEqual([]);

    await item.getByRole('button', { name: 'Pause' }).click();
    await expect(item.getByText('Paused')).toBeVisible();
    await item.getByRole('button', { name: 'Remove…' }).click();
    await item.getByRole('button', { name: 'Remove this webhook' }).click();
    await expect(hooks.getByText('No webhooks yet.')).toBeVisible();
    // The secret is never shown again after a reload.
    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
