import type { Migration } from './types';

/**
 * Webhooks to dispatch (issue #18, Standard Webhooks). The outbox holds at most one pending
 * state per subscriber (latest state wins), so a restart resends what was not yet delivered;
 * the delivery log keeps the last 50 attempts per subscriber.
 */
export const migration0141: Migration = {
  version: 141,
  name: 'webhooks',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_subscribers (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,                 -- whsec_<base64>, shown once
        allow_http INTEGER NOT NULL DEFAULT 0 CHECK (allow_http IN (0, 1)),
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        last_delivered_id TEXT,               -- the event id of the last state it acknowledged
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE webhook_outbox (
        subscriber_id INTEGER PRIMARY KEY REFERENCES webhook_subscribers(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,             -- webhook-id, the same for each retry of this state
        event_id TEXT NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY,
        subscriber_id INTEGER NOT NULL REFERENCES webhook_subscribers(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        status INTEGER,                       -- the HTTP answer, null when there was none
        error TEXT,
        duration_ms INTEGER NOT NULL,
        next_retry_at INTEGER
      ) STRICT;
      CREATE INDEX webhook_deliveries_subscriber ON webhook_deliveries(subscriber_id, id);
    `);
  },
};
