import { MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import { webhookAddSchema, webhookIdInput, webhookPauseInput } from '../schemas/webhooks';
import type { WebhookSecretView, WebhookView } from '../webhooks/types';
import { method } from './define';

/** Webhooks to dispatch (issue #18): Settings → Sharing with dispatch → Webhooks. */
export const webhooksContract = {
  'webhooks.list': method<WebhookView[]>()({ input: emptyInput, access: MANAGERS }),
  'webhooks.add': method<WebhookSecretView>()({
    input: webhookAddSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'webhooks.rotateSecret': method<WebhookSecretView>()({
    input: webhookIdInput,
    access: MANAGERS,
    audit: 'write',
  }),
  'webhooks.setPaused': method<WebhookView>()({
    input: webhookPauseInput,
    access: MANAGERS,
    audit: 'write',
  }),
  'webhooks.remove': method<null>()({ input: webhookIdInput, access: MANAGERS, audit: 'write' }),
  'webhooks.sendTest': method<WebhookView>()({
    input: webhookIdInput,
    access: MANAGERS,
    audit: 'write',
  }),
} as const;
