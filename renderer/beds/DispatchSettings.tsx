import { useState } from 'react';
import type { DispatchView } from '../../core/beds/types';
import { dispatchSettingsSchema } from '../../core/schemas/beds';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { useApiQuery } from '../useApiQuery';

const interfaceLabel = (a: string) =>
  a === '127.0.0.1'
    ? '127.0.0.1 (this computer only)'
    : a === '0.0.0.0'
      ? '0.0.0.0 (every network of this computer)'
      : a;

function SharingForm({ view }: { view: DispatchView }) {
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError } = useApiForm('dispatch.update', dispatchSettingsSchema, {
    defaultValues: {
      enabled: view.enabled,
      host: view.host,
      port: view.port,
      rateLimit: view.rateLimit,
      note: view.note ?? '',
    },
    onSuccess: () => setSaved(true),
  });
  const { errors, isSubmitting } = form.formState;
  const interfaces = view.interfaces.includes(view.host)
    ? view.interfaces
    : [view.host, ...view.interfaces];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Dispatch sharing settings">
      <FormError message={formError} />
      <div className="check">
        <input id="dispatch-enabled" type="checkbox" {...form.register('enabled')} />
        <label htmlFor="dispatch-enabled">Share capacity with dispatch</label>
      </div>
      <div className="grid-2">
        <SelectField
          label="Interface"
          options={interfaces.map((a) => ({ value: a, label: interfaceLabel(a) }))}
          error={errors.host}
          {...form.register('host')}
        />
        <Field label="Port" type="number" error={errors.port as never} {...form.register('port')} />
        <Field
          label="Requests per second per client"
          type="number"
          hint="0 = no limit."
          error={errors.rateLimit as never}
          {...form.register('rateLimit')}
        />
        <Field
          label="Public note to dispatch"
          hint="Dispatch sees it as is: never a person's details."
          error={errors.note}
          {...form.register('note')}
        />
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        Save sharing settings
      </button>
      {saved ? (
        <p role="status" className="notice">
          Saved.
        </p>
      ) : null}
    </form>
  );
}

function TokenControls({ view }: { view: DispatchView }) {
  const [error, setError] = useState<string | null>(null);
  const call = async (method: 'dispatch.rotateToken' | 'dispatch.clearToken') => {
    setError(null);
    const r = await api.call(method, {});
    if (!r.ok) setError(r.error.message);
  };
  return (
    <div className="subcard">
      <h3>Access token</h3>
      <FormError message={error} />
      {view.token ? (
        <>
          <p>
            Dispatch sends <code>Authorization: Bearer &lt;token&gt;</code>. Token:{' '}
            <code className="token">{view.token}</code>
          </p>
          <button type="button" onClick={() => void call('dispatch.rotateToken')}>
            Rotate token
          </button>{' '}
          <button type="button" className="danger" onClick={() => void call('dispatch.clearToken')}>
            Clear token
          </button>
        </>
      ) : (
        <>
          <p>
            No token: anyone who can reach the port can read the figures (never a person&apos;s
            data).
          </p>
          <button type="button" onClick={() => void call('dispatch.rotateToken')}>
            Generate token
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
  if (!v) return <FormError message={q.error} />;
  return (
    <section className="card" aria-labelledby="dispatch-title">
      <h2 id="dispatch-title">Sharing with dispatch</h2>
      {v.overridden ? (
        <p className="muted">
          The interface and port were given on the command line and override these settings.
        </p>
      ) : null}
      <SharingForm key={`${v.enabled}-${v.host}-${v.port}-${v.rateLimit}-${v.note}`} view={v} />
      <div role="status" className="subcard">
        <h3>Endpoint</h3>
        {v.error ? <div className="form-error">{v.error}</div> : null}
        {v.running ? (
          <>
            <p>Give dispatch this address:</p>
            <ul>
              {v.urls.map((u) => (
                <li key={u}>
                  <code>{u}</code> (JSON; add <code>.xml</code> for EDXL-HAVE)
                </li>
              ))}
            </ul>
            <p>Status page for a browser:</p>
            <ul>
              {v.statusPageUrls.map((u) => (
                <li key={u}>
                  <code>{u}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{v.enabled ? 'Not running.' : 'Sharing is off.'}</p>
        )}
      </div>
      <TokenControls view={v} />
      <details>
        <summary>What dispatch receives now</summary>
        <pre className="live-json" role="region" aria-label="Live JSON" tabIndex={0}>
          {v.json ? JSON.stringify(JSON.parse(v.json), null, 2) : 'Nothing yet.'}
        </pre>
      </details>
    </section>
  );
}
