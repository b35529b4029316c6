import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AppContext } from '../context';
import {
  dueWebhookStates,
  enqueueWebhookState,
  findWebhookSubscriber,
  logWebhookDelivery,
  markWebhookDelivered,
  nextWebhookDue,
  scheduleWebhookRetry,
  subscribersBehind,
  type WebhookOutboxRow,
} from '../../db/webhooks';
import { eventIdOf } from '../capacity/events';
import type { CapacitySnapshot } from '../capacity/snapshot';

/** Retries after 5 s, 30 s, 2 min, 10 min, then every 30 min (DESIGN.md). */
export const RETRY_SCHEDULE_MS = [5_000, 30_000, 120_000, 600_000];
const RETRY_AFTER_THAT_MS = 1_800_000;

export const WEBHOOK_TIMEOUT_MS = 5000;
/** A receiver's answer is read up to this much, then dropped (we only need its status). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The wait before attempt number `failures + 1`, after `failures` failed attempts. */
export function retryDelayMs(failures: number): number {
  return RETRY_SCHEDULE_MS[failures - 1] ?? RETRY_AFTER_THAT_MS;
}

/** `whsec_` + base64 of 24 random bytes (Standard Webhooks). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's decoded bytes. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface WebhookSender {
  /** A new snapshot: every subscriber that has not acknowledged it gets it (latest wins). */
  enqueue(snap: CapacitySnapshot | null): void;
  stop(): Promise<void>;
}

interface Outcome {
  status: number | null;
  error: string | null;
}

/** One POST, never following a redirect, cut off after `timeoutMs` whatever the receiver does. */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(o);
    };
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
    });
    const timer = setTimeout(
      () => finish({ status: null, error: `No answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish({ status: null, error: err.code ? `${err.code}: ${err.message}` : err.message }),
    );
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (c: Buffer) => {
        read += c.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      const settle = () => {
        if (status >= 200 && status < 300) finish({ status, error: null });
        else if (status >= 300 && status < 400)
          finish({
            status,
            error: `Redirect not followed${res.headers.location ? ` (to ${String(res.headers.location).slice(0, 200)})` : ''}`,
          });
        else finish({ status, error: `HTTP ${status}` });
      };
      res.on('end', settle);
      res.on('close', settle);
      res.on('error', settle);
    });
    req.end(body);
  });
}

/**
 * Delivers the capacity JSON to every webhook subscriber from the durable outbox in SQLite: one
 * attempt in flight per subscriber, the newest state replacing an older one still waiting, the
 * retry schedule kept in the rows, so a restart (or a crash mid-delivery) loses nothing; at
 * start, every subscriber that never acknowledged the current state gets it.
 */
export function startWebhookSender(
  app: AppContext,
  opts: { tickMs?: number; timeoutMs?: number } = {},
): WebhookSender {
  const inFlight = new Set<number>();
  let stopped = false;
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;

  const deliver = async (row: WebhookOutboxRow) => {
    const sub = findWebhookSubscriber(app.db, row.subscriber_id);
    if (!sub) return;
    // The signature's time is the wall clock: receivers compare it with their own.
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const outcome = await post(
      sub.url,
      {
        'Content-Type': 'application/json',
        'User-Agent': 'Handoff-Webhooks/1',
        'webhook-id': row.message_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(sub.secret, row.message_id, timestamp, row.body),
      },
      row.body,
      timeoutMs,
    );
    if (stopped) return;
    const now = app.clock.now();
    const ok = outcome.error === null;
    const nextAt = ok ? null : now + retryDelayMs(row.attempts + 1);
    try {
      app.db.transaction(() => {
        if (ok) markWebhookDelivered(app.db, sub.id, row.message_id, row.event_id);
        else scheduleWebhookRetry(app.db, sub.id, row.message_id, nextAt!);
        if (findWebhookSubscriber(app.db, sub.id))
          logWebhookDelivery(app.db, {
            subscriber_id: sub.id,
            at: now,
            message_id: row.message_id,
            status: outcome.status,
            error: outcome.error,
            duration_ms: Math.round(performance.now() - started),
            next_retry_at: nextAt,
          });
      })();
    } catch {
      // Busy database: the row is still due, so it is sent again (at least once).
    }
  };

  // The outbox is read only when something is due: a tick with nothing due costs no query
  // (dispatch's polls must find the database idle). Writes to it move `nextDue` (below).
  let nextDue: number | null = null;
  const refreshDue = () => {
    try {
      nextDue = nextWebhookDue(app.db);
    } catch {
      nextDue = app.clock.now() + 1000; // busy: look again in a second
    }
  };
  const tick = () => {
    if (stopped || nextDue === null || app.clock.now() < nextDue) return;
    let due: WebhookOutboxRow[];
    try {
      due = dueWebhookStates(app.db, app.clock.now());
    } catch {
      return;
    }
    nextDue = null;
    for (const row of due) {
      if (inFlight.has(row.subscriber_id)) continue;
      inFlight.add(row.subscriber_id);
      void deliver(row).finally(() => {
        inFlight.delete(row.subscriber_id);
        if (!stopped) {
          refreshDue();
          tick();
        }
      });
    }
    // Rows skipped because their subscriber has one in flight are found again when it ends.
    if (due.length === 0) refreshDue();
  };
  // A handler wrote to the outbox or the subscribers (added, resumed, "send a test"…).
  const onWrite = (topics: readonly string[]) => {
    if (stopped || !(topics.includes('webhooks') || topics.includes('*'))) return;
    refreshDue();
    tick();
  };
  app.afterWrite.add(onWrite);
  refreshDue();
  const timer = setInterval(tick, opts.tickMs ?? 250);
  timer.unref();

  return {
    enqueue(snap) {
      if (!snap || stopped) return;
      const eventId = eventIdOf(snap);
      const body = snap.json.body.toString('utf8').trimEnd();
      try {
        app.db.transaction(() => {
          for (const sub of subscribersBehind(app.db, eventId))
            enqueueWebhookState(
              app.db,
              sub.id,
              { messageId: `msg_${randomBytes(16).toString('base64url')}`, eventId, body },
              app.clock.now(),
            );
        })();
      } catch {
        // Busy: the next snapshot (or the next start) enqueues it.
      }
      refreshDue();
      tick();
    },
    // An attempt still in flight is not waited for: its row stays due, so it is sent again
    // after the next start (at least once), and nothing is written once stopped.
    stop() {
      stopped = true;
      clearInterval(timer);
      app.afterWrite.delete(onWrite);
      return Promise.resolve();
    },
  };
}
