/** Webhooks to dispatch (issue #18): what Settings → Sharing with dispatch → Webhooks shows. */
export interface WebhookDeliveryView {
  at: number;
  /** The HTTP answer, null when none came (timeout, refused, redirect not followed…). */
  status: number | null;
  error: string | null;
  durationMs: number;
  /** When this state is tried again; null once delivered (or superseded). */
  nextRetryAt: number | null;
}

export interface WebhookView {
  id: number;
  url: string;
  allowHttp: boolean;
  paused: boolean;
  createdAt: number;
  /** A state is waiting to be delivered (due at `pendingAt`). */
  pendingAt: number | null;
  /** The last 50 attempts, newest first. */
  deliveries: WebhookDeliveryView[];
}

/** Returned once, when the secret is made: it is never shown again. */
export interface WebhookSecretView {
  webhook: WebhookView;
  secret: string;
}
