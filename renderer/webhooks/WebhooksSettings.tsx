import { useState } from 'react';
import { webhookAddSchema } from '../../core/schemas/webhooks';
import type { WebhookView } from '../../core/webhooks/types';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { LabelledForm } from '../components/Forms';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { TableHead } from '../components/TableHead';

/** The secret, once: it is stored only to sign, and never shown again. */
function SecretOnce({ secret, url }: { secret: string; url: string }) {
  const { t } = useI18n();
  return (
    <div className="subcard secret-once" role="status">
      <p>{t('webhooks.secretOnce', { url })}</p>
      <code className="token">{secret}</code>
    </div>
  );
}

function AddWebhook({ onAdded }: { onAdded: (secret: string, url: string) => void }) {
  const { t } = useI18n();
  const { form, field, ...submit } = useApiForm('webhooks.add', webhookAddSchema, {
    defaultValues: { url: '', allowHttp: false },
    onSuccess: (v) => {
      onAdded(v.secret, v.webhook.url);
      form.reset();
    },
  });
  const { isSubmitting } = form.formState;
  return (
    <LabelledForm label={t('webhooks.addForm')} submit={submit}>
      <Field label={t('webhooks.url')} type="url" hint={t('webhooks.urlHint')} {...field('url')} />
      <div className="check">
        <input id="webhook-allow-http" type="checkbox" {...form.register('allowHttp')} />
        <label htmlFor="webhook-allow-http">{t('webhooks.allowHttp')}</label>
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('webhooks.add')}
      </button>
    </LabelledForm>
  );
}

function DeliveryLog({ hook }: { hook: WebhookView }) {
  const { t } = useI18n();
  const { facility } = useSession();
  if (hook.deliveries.length === 0) return <p className="muted">{t('webhooks.noAttempts')}</p>;
  return (
    <table className="delivery-log">
      <caption>{t('webhooks.logCaption', { url: hook.url })}</caption>
      <TableHead
        columns={[
          t('webhooks.colTime'),
          t('webhooks.colAnswer'),
          t('webhooks.colDuration'),
          t('webhooks.colNextRetry'),
        ]}
      />
      <tbody>
        {hook.deliveries.map((d, i) => (
          <tr key={i} data-ok={d.error === null}>
            <td>{formatDate(d.at, facility.timeZone, 'shortDateTime')}</td>
            <td>
              {d.error === null
                ? t('webhooks.delivered', { status: d.status ?? '' })
                : d.status !== null
                  ? `${d.status} — ${d.error}`
                  : d.error}
            </td>
            <td>{t('webhooks.ms', { ms: d.durationMs })}</td>
            <td>
              {d.nextRetryAt === null
                ? '—'
                : formatDate(d.nextRetryAt, facility.timeZone, 'shortDateTime')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WebhookItem({
  hook,
  onSecret,
}: {
  hook: WebhookView;
  onSecret: (secret: string, url: string) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const run = async (p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    setError(null);
    const r = await p;
    if (!r.ok) setError(r.error?.message ?? null);
  };
  return (
    <li className="subcard webhook" aria-label={hook.url}>
      <p>
        <code>{hook.url}</code>{' '}
        <strong>{hook.paused ? t('webhooks.paused') : t('webhooks.active')}</strong>
        {hook.pendingAt !== null ? <span className="muted"> · {t('webhooks.pending')}</span> : null}
      </p>
      <FormError message={error} />
      <div className="button-row">
        <button
          type="button"
          onClick={() => void run(api.call('webhooks.sendTest', { id: hook.id }))}
        >
          {t('webhooks.sendTest')}
        </button>
        <button
          type="button"
          onClick={() =>
            void run(api.call('webhooks.setPaused', { id: hook.id, paused: !hook.paused }))
          }
        >
          {hook.paused ? t('webhooks.resume') : t('webhooks.pause')}
        </button>
        <button
          type="button"
          onClick={() =>
            void api.call('webhooks.rotateSecret', { id: hook.id }).then((r) => {
              if (r.ok) onSecret(r.value.secret, r.value.webhook.url);
              else setError(r.error.message);
            })
          }
        >
          {t('webhooks.rotate')}
        </button>
        {confirmRemove ? (
          <>
            <button
              type="button"
              className="danger"
              onClick={() => void run(api.call('webhooks.remove', { id: hook.id }))}
            >
              {t('webhooks.removeConfirm')}
            </button>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirmRemove(true)}>
            {t('webhooks.remove')}
          </button>
        )}
      </div>
      <details>
        <summary>{t('webhooks.log', { count: hook.deliveries.length })}</summary>
        <DeliveryLog hook={hook} />
      </details>
    </li>
  );
}

/** Settings → Sharing with dispatch → Webhooks (Standard Webhooks, signed POSTs on change). */
export function WebhooksSettings() {
  const { t } = useI18n();
  const hooks = useApiQuery('webhooks.list', {}, ['webhooks', 'capacity']);
  const [secret, setSecret] = useState<{ secret: string; url: string } | null>(null);
  const show = (s: string, url: string) => {
    setSecret({ secret: s, url });
    hooks.reload();
  };
  return (
    <section className="subcard" aria-labelledby="webhooks-title">
      <h3 id="webhooks-title">{t('webhooks.title')}</h3>
      <p className="muted">{t('webhooks.intro')}</p>
      {secret ? <SecretOnce secret={secret.secret} url={secret.url} /> : null}
      <AddWebhook onAdded={show} />
      <FormError message={hooks.error} />
      {hooks.data && hooks.data.length > 0 ? (
        <ul className="webhooks">
          {hooks.data.map((h) => (
            <WebhookItem key={h.id} hook={h} onSecret={show} />
          ))}
        </ul>
      ) : (
        <p>{t('webhooks.none')}</p>
      )}
    </section>
  );
}
