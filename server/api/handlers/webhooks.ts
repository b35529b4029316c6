import { randomBytes } from 'node:crypto';
import type { webhooksContract } from '../../../core/contract/webhooks';
import { msg } from '../../../core/messages';
import { ApiError } from '../../../core/result';
import type { MethodParsed } from '../../../core/contract';
import type { WebhookView } from '../../../core/webhooks/types';
import {
  deleteWebhookSubscriber,
  enqueueWebhookState,
  findWebhookSubscriber,
  getWebhookOutbox,
  insertWebhookSubscriber,
  listWebhookSubscribers,
  setWebhookPaused,
  setWebhookSecret,
  webhookDeliveries,
  type WebhookSubscriberRow,
} from '../../../db/webhooks';
import { eventIdOf } from '../../capacity/events';
import { sharingFor } from '../../capacity/sharing';
import { nextSnapshot } from '../../capacity/snapshot';
import { newWebhookSecret } from '../../webhooks/sender';
import type { HandlerCtx } from '../../context';
import type { HandlersFor } from '../types';

const TOPICS = ['webhooks'] as const;

function webhookView(ctx: HandlerCtx, s: WebhookSubscriberRow): WebhookView {
  return {
    id: s.id,
    url: s.url,
    allowHttp: s.allow_http === 1,
    paused: s.paused === 1,
    createdAt: s.created_at,
    pendingAt: getWebhookOutbox(ctx.app.db, s.id)?.next_at ?? null,
    deliveries: webhookDeliveries(ctx.app.db, s.id).map((d) => ({
      at: d.at,
      status: d.status,
      error: d.error,
      durationMs: d.duration_ms,
      nextRetryAt: d.next_retry_at,
    })),
  };
}

function requireWebhook(ctx: HandlerCtx, id: number): WebhookSubscriberRow {
  const s = findWebhookSubscriber(ctx.app.db, id);
  if (!s) throw new ApiError('not_found', msg('webhookNotFound', { id }));
  return s;
}

/** Queues the current capacity state for one subscriber, due now (a new one, or "send a test"). */
function queueCurrent(ctx: HandlerCtx, subscriberId: number): void {
  const snap = sharingFor(ctx.app)?.snapshot() ?? nextSnapshot(ctx.app.db, ctx.now, null);
  if (!snap) return;
  enqueueWebhookState(
    ctx.app.db,
    subscriberId,
    {
      messageId: `msg_${randomBytes(16).toString('base64url')}`,
      eventId: eventIdOf(snap),
      body: snap.json.body.toString('utf8').trimEnd(),
    },
    ctx.now,
  );
}

function listWebhooks(_input: MethodParsed<'webhooks.list'>, ctx: HandlerCtx) {
  return listWebhookSubscribers(ctx.app.db).map((s) => webhookView(ctx, s));
}

function addWebhook(input: MethodParsed<'webhooks.add'>, ctx: HandlerCtx) {
  const secret = newWebhookSecret();
  const id = ctx.write(
    TOPICS,
    (newId: number) => ({
      action: 'webhooks.add',
      entity: 'webhook',
      entityId: newId,
      detail: { allowHttp: input.allowHttp },
    }),
    () => {
      const newId = insertWebhookSubscriber(
        ctx.app.db,
        { url: input.url, secret, allowHttp: input.allowHttp },
        ctx.now,
      );
      queueCurrent(ctx, newId);
      return newId;
    },
  );
  return { webhook: webhookView(ctx, requireWebhook(ctx, id)), secret };
}

function rotateWebhookSecret(input: MethodParsed<'webhooks.rotateSecret'>, ctx: HandlerCtx) {
  requireWebhook(ctx, input.id);
  const secret = newWebhookSecret();
  ctx.write(
    TOPICS,
    { action: 'webhooks.rotateSecret', entity: 'webhook', entityId: input.id },
    () => setWebhookSecret(ctx.app.db, input.id, secret, ctx.now),
  );
  return { webhook: webhookView(ctx, requireWebhook(ctx, input.id)), secret };
}

function pauseWebhook(input: MethodParsed<'webhooks.setPaused'>, ctx: HandlerCtx) {
  requireWebhook(ctx, input.id);
  ctx.write(
    TOPICS,
    {
      action: 'webhooks.setPaused',
      entity: 'webhook',
      entityId: input.id,
      detail: { paused: input.paused },
    },
    () => setWebhookPaused(ctx.app.db, input.id, input.paused, ctx.now),
  );
  return webhookView(ctx, requireWebhook(ctx, input.id));
}

function removeWebhook(input: MethodParsed<'webhooks.remove'>, ctx: HandlerCtx) {
  requireWebhook(ctx, input.id);
  ctx.write(TOPICS, { action: 'webhooks.remove', entity: 'webhook', entityId: input.id }, () =>
    deleteWebhookSubscriber(ctx.app.db, input.id),
  );
  return null;
}

function sendTestWebhook(input: MethodParsed<'webhooks.sendTest'>, ctx: HandlerCtx) {
  requireWebhook(ctx, input.id);
  ctx.write(TOPICS, { action: 'webhooks.sendTest', entity: 'webhook', entityId: input.id }, () =>
    queueCurrent(ctx, input.id),
  );
  return webhookView(ctx, requireWebhook(ctx, input.id));
}

export const webhooksHandlers: HandlersFor<typeof webhooksContract> = {
  'webhooks.list': listWebhooks,
  'webhooks.add': addWebhook,
  'webhooks.rotateSecret': rotateWebhookSecret,
  'webhooks.setPaused': pauseWebhook,
  'webhooks.remove': removeWebhook,
  'webhooks.sendTest': sendTestWebhook,
};
