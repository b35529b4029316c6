import type { Database } from 'better-sqlite3';

export interface WebhookSubscriberRow {
  id: number;
  url: string;
  secret: string;
  allow_http: 0 | 1;
  paused: 0 | 1;
  last_delivered_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookOutboxRow {
  subscriber_id: number;
  message_id: string;
  event_id: string;
  body: string;
  attempts: number;
  next_at: number;
}

export interface WebhookDeliveryRow {
  id: number;
  subscriber_id: number;
  at: number;
  message_id: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
  next_retry_at: number | null;
}

/** Attempts kept in each subscriber's delivery log. */
export const DELIVERY_LOG_SIZE = 50;

export function listWebhookSubscribers(db: Database): WebhookSubscriberRow[] {
  return db
    .prepare('SELECT * FROM webhook_subscribers ORDER BY id')
    .all() as WebhookSubscriberRow[];
}

export function findWebhookSubscriber(db: Database, id: number): WebhookSubscriberRow | undefined {
  return db.prepare('SELECT * FROM webhook_subscribers WHERE id = ?').get(id) as
    WebhookSubscriberRow | undefined;
}

export function insertWebhookSubscriber(
  db: Database,
  s: { url: string; secret: string; allowHttp: boolean },
  now: number,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO webhook_subscribers (url, secret, allow_http, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(s.url, s.secret, s.allowHttp ? 1 : 0, now, now).lastInsertRowid,
  );
}

export function setWebhookSecret(db: Database, id: number, secret: string, now: number): void {
  db.prepare('UPDATE webhook_subscribers SET secret = ?, updated_at = ? WHERE id = ?').run(
    secret,
    now,
    id,
  );
}

export function setWebhookPaused(db: Database, id: number, paused: boolean, now: number): void {
  db.prepare('UPDATE webhook_subscribers SET paused = ?, updated_at = ? WHERE id = ?').run(
    paused ? 1 : 0,
    now,
    id,
  );
}

/** Removes a subscriber with its pending state and its log. */
export function deleteWebhookSubscriber(db: Database, id: number): void {
  db.prepare('DELETE FROM webhook_outbox WHERE subscriber_id = ?').run(id);
  db.prepare('DELETE FROM webhook_deliveries WHERE subscriber_id = ?').run(id);
  db.prepare('DELETE FROM webhook_subscribers WHERE id = ?').run(id);
}

/**
 * Latest state wins: the subscriber's one pending row is replaced by this state, due now, with
 * its attempts reset. An attempt in flight for the older state finishes and is then superseded.
 */
export function enqueueWebhookState(
  db: Database,
  subscriberId: number,
  state: { messageId: string; eventId: string; body: string },
  now: number,
): void {
  db.prepare(
    `INSERT INTO webhook_outbox (subscriber_id, message_id, event_id, body, attempts, next_at)
     VALUES (@subscriberId, @messageId, @eventId, @body, 0, @now)
     ON CONFLICT(subscriber_id) DO UPDATE SET message_id = excluded.message_id,
       event_id = excluded.event_id, body = excluded.body, attempts = 0, next_at = excluded.next_at`,
  ).run({ subscriberId, ...state, now });
}

/** Subscribers (not paused) whose last acknowledged state is not `eventId` and none pending. */
export function subscribersBehind(db: Database, eventId: string): WebhookSubscriberRow[] {
  return db
    .prepare(
      `SELECT s.* FROM webhook_subscribers s
       WHERE (s.last_delivered_id IS NULL OR s.last_delivered_id <> ?)
         AND NOT EXISTS (SELECT 1 FROM webhook_outbox o
                         WHERE o.subscriber_id = s.id AND o.event_id = ?)`,
    )
    .all(eventId, eventId) as WebhookSubscriberRow[];
}

export function getWebhookOutbox(db: Database, subscriberId: number): WebhookOutboxRow | undefined {
  return db.prepare('SELECT * FROM webhook_outbox WHERE subscriber_id = ?').get(subscriberId) as
    WebhookOutboxRow | undefined;
}

/** Pending states due at `now`, of subscribers not paused. */
export function dueWebhookStates(db: Database, now: number): WebhookOutboxRow[] {
  return db
    .prepare(
      `SELECT o.* FROM webhook_outbox o JOIN webhook_subscribers s ON s.id = o.subscriber_id
       WHERE s.paused = 0 AND o.next_at <= ? ORDER BY o.next_at`,
    )
    .all(now) as WebhookOutboxRow[];
}

/** When the next pending state of a subscriber not paused is due (null: nothing pending). */
export function nextWebhookDue(db: Database): number | null {
  return db
    .prepare(
      `SELECT min(o.next_at) FROM webhook_outbox o
       JOIN webhook_subscribers s ON s.id = o.subscriber_id WHERE s.paused = 0`,
    )
    .pluck()
    .get() as number | null;
}

/** Delivered: forget the pending row unless a newer state replaced it meanwhile. */
export function markWebhookDelivered(
  db: Database,
  subscriberId: number,
  messageId: string,
  eventId: string,
): void {
  db.prepare('DELETE FROM webhook_outbox WHERE subscriber_id = ? AND message_id = ?').run(
    subscriberId,
    messageId,
  );
  db.prepare('UPDATE webhook_subscribers SET last_delivered_id = ? WHERE id = ?').run(
    eventId,
    subscriberId,
  );
}

/** Failed: the same state is retried at `nextAt` (unless a newer one replaced it meanwhile). */
export function scheduleWebhookRetry(
  db: Database,
  subscriberId: number,
  messageId: string,
  nextAt: number,
): void {
  db.prepare(
    `UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ?
     WHERE subscriber_id = ? AND message_id = ?`,
  ).run(nextAt, subscriberId, messageId);
}

/** Logs one attempt and keeps only the last DELIVERY_LOG_SIZE of this subscriber. */
export function logWebhookDelivery(db: Database, d: Omit<WebhookDeliveryRow, 'id'>): void {
  db.prepare(
    `INSERT INTO webhook_deliveries (subscriber_id, at, message_id, status, error, duration_ms,
       next_retry_at) VALUES (@subscriber_id, @at, @message_id, @status, @error, @duration_ms,
       @next_retry_at)`,
  ).run(d);
  db.prepare(
    `DELETE FROM webhook_deliveries WHERE subscriber_id = ? AND id NOT IN
       (SELECT id FROM webhook_deliveries WHERE subscriber_id = ? ORDER BY id DESC LIMIT ?)`,
  ).run(d.subscriber_id, d.subscriber_id, DELIVERY_LOG_SIZE);
}

export function webhookDeliveries(db: Database, subscriberId: number): WebhookDeliveryRow[] {
  return db
    .prepare('SELECT * FROM webhook_deliveries WHERE subscriber_id = ? ORDER BY id DESC LIMIT ?')
    .all(subscriberId, DELIVERY_LOG_SIZE) as WebhookDeliveryRow[];
}
