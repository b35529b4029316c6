import { useState } from 'react';
import type { DispatchView } from '../../core/beds/types';
import { dispatchSettingsSchema } from '../../core/schemas/beds';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SavedNotice, SelectField } from '../components/Field';
import { LabelledForm } from '../components/Forms';
import { i18n, useI18n } from '../i18n';
import { useApiQuery } from '../useApiQuery';
import { Trans } from 'react-i18next';
import { WebhooksSettings } from '../webhooks/WebhooksSettings';

const interfaceLabel = (a: string) =>
  a === '127.0.0.1'
    ? i18n.t('dispatch.thisComputer')
    : a === '0.0.0.0'
      ? i18n.t('dispatch.everyNetwork')
      : a;

function SharingForm({ view }: { view: DispatchView }) {
  const [saved, setSaved] = useState(false);
  const { form, field, ...submit } = useApiForm('dispatch.update', dispatchSettingsSchema, {
    defaultValues: {
      enabled: view.enabled,
      host: view.host,
      port: view.port,
      rateLimit: view.rateLimit,
      note: view.note ?? '',
    },
    onSuccess: () => setSaved(true),
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  const interfaces = view.interfaces.includes(view.host)
    ? view.interfaces
    : [view.host, ...view.interfaces];
  return (
    <LabelledForm label={t('dispatch.formLabel')} submit={submit}>
      <div className="check">
        <input id="dispatch-enabled" type="checkbox" {...form.register('enabled')} />
        <label htmlFor="dispatch-enabled">{t('dispatch.share')}</label>
      </div>
      <div className="grid-2">
        <SelectField
          label={t('dispatch.interface')}
          options={interfaces.map((a) => ({ value: a, label: interfaceLabel(a) }))}
          {...field('host')}
        />
        <Field label={t('dispatch.port')} type="number" {...field('port')} />
        <Field
          label={t('dispatch.rateLimit')}
          type="number"
          hint={t('dispatch.rateLimitHint')}
          {...field('rateLimit')}
        />
        <Field label={t('dispatch.note')} hint={t('dispatch.noteHint')} {...field('note')} />
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('dispatch.save')}
      </button>
      <SavedNotice show={saved} />
    </LabelledForm>
  );
}

function TokenControls({ view }: { view: DispatchView }) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const call = async (method: 'dispatch.rotateToken' | 'dispatch.clearToken') => {
    setError(null);
    const r = await api.call(method, {});
    if (!r.ok) setError(r.error.message);
  };
  return (
    <div className="subcard">
      <h3>{t('dispatch.tokenTitle')}</h3>
      <FormError message={error} />
      {view.token ? (
        <>
          <p>
            <Trans
              i18nKey="dispatch.tokenIntro"
              values={{ token: view.token }}
              components={{ 1: <code />, 3: <code className="token" /> }}
            />
          </p>
          <button type="button" onClick={() => void call('dispatch.rotateToken')}>
            {t('dispatch.rotate')}
          </button>{' '}
          <button type="button" className="danger" onClick={() => void call('dispatch.clearToken')}>
            {t('dispatch.clear')}
          </button>
        </>
      ) : (
        <>
          <p>{t('dispatch.noToken')}</p>
          <button type="button" onClick={() => void call('dispatch.rotateToken')}>
            {t('dispatch.generate')}
          </button>
        </>
      )}
    </div>
  );
}

/** Settings → Sharing with dispatch: where the endpoint listens, its token, and what it says. */
export function DispatchSettings() {
  const q = useApiQuery('dispatch.get', {}, [
    'dispatch',
    'capacity',
    'beds',
    'units',
    'encounters',
    'facility',
    'settings',
  ]);
  const v = q.data;
  const { t } = useI18n();
  if (!v) return <FormError message={q.error} />;
  return (
    <section className="card" aria-labelledby="dispatch-title">
      <h2 id="dispatch-title">{t('dispatch.title')}</h2>
      {v.overridden ? <p className="muted">{t('dispatch.overridden')}</p> : null}
      <SharingForm key={`${v.enabled}-${v.host}-${v.port}-${v.rateLimit}-${v.note}`} view={v} />
      <div role="status" className="subcard">
        <h3>{t('dispatch.endpoint')}</h3>
        {v.error ? <div className="form-error">{v.error}</div> : null}
        {v.running ? (
          <>
            {v.localOnly ? (
              <p className="notice">
                {t('dispatchAddress.localOnly', {
                  interface: t('dispatch.interface'),
                  every: t('dispatch.everyNetwork'),
                })}
              </p>
            ) : v.urls.length === 0 ? (
              <p className="notice">{t('dispatchAddress.noNetwork')}</p>
            ) : (
              <>
                <p>{t('dispatch.giveAddress')}</p>
                <ul>
                  {v.urls.map((u) => (
                    <li key={u}>
                      <code>{u}</code>
                      <Trans i18nKey="dispatch.jsonXml" components={{ 1: <code /> }} />
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>{t('dispatch.statusPage')}</p>
            <ul>
              {v.statusPageUrls.map((u) => (
                <li key={u}>
                  <code>{u}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{v.enabled ? t('dispatch.notRunning') : t('dispatch.off')}</p>
        )}
      </div>
      <TokenControls view={v} />
      <details>
        <summary>{t('dispatch.receives')}</summary>
        <pre className="live-json" role="region" aria-label={t('dispatch.liveJson')} tabIndex={0}>
          {v.json ? JSON.stringify(JSON.parse(v.json), null, 2) : t('dispatch.nothingYet')}
        </pre>
      </details>
      <WebhooksSettings />
    </section>
  );
}
