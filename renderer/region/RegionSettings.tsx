import { useState } from 'react';
import { regionIntervalSchema, regionPeerSchema } from '../../core/schemas/region';
import type { RegionSettingsView } from '../../core/region/types';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SavedNotice } from '../components/Field';
import { LabelledForm } from '../components/Forms';
import { useI18n } from '../i18n';
import { useApiQuery } from '../useApiQuery';

function IntervalForm({ value, onSaved }: { value: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const { field, ...submit } = useApiForm('region.setInterval', regionIntervalSchema, {
    defaultValues: { intervalSeconds: value },
    onSuccess: () => {
      setSaved(true);
      onSaved();
    },
  });
  return (
    <LabelledForm label={t('region.intervalForm')} submit={submit}>
      <Field
        label={t('region.interval')}
        type="number"
        min={10}
        max={300}
        {...field('intervalSeconds', { valueAsNumber: true })}
      />
      <button type="submit">{t('region.saveInterval')}</button>
      <SavedNotice show={saved} />
    </LabelledForm>
  );
}

function PeerForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const { form, field, ...submit } = useApiForm('region.addPeer', regionPeerSchema, {
    defaultValues: { url: '', token: '', name: '' },
    onSuccess: () => {
      form.reset();
      onAdded();
    },
  });
  return (
    <LabelledForm label={t('region.addForm')} submit={submit}>
      <Field label={t('region.feedUrl')} type="url" hint={t('region.feedHint')} {...field('url')} />
      <div className="grid-2">
        <Field label={t('region.displayName')} {...field('name')} />
        <Field label={t('region.token')} type="password" autoComplete="off" {...field('token')} />
      </div>
      <button type="submit" className="primary">
        {t('region.add')}
      </button>
    </LabelledForm>
  );
}

function PeerList({ view, onChange }: { view: RegionSettingsView; onChange: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  if (view.peers.length === 0) return <p>{t('region.noPeers')}</p>;
  return (
    <>
      <FormError message={error} />
      <ul>
        {view.peers.map((p) => (
          <li key={p.id}>
            {p.name ? <strong>{p.name}</strong> : null} <code>{p.url}</code>
            {p.hasToken ? <span className="muted"> · {t('region.withToken')}</span> : null}{' '}
            <button
              type="button"
              aria-label={t('region.removeNamed', { name: p.name ?? p.url })}
              onClick={() =>
                void api.call('region.removePeer', { id: p.id }).then((r) => {
                  if (r.ok) onChange();
                  else setError(r.error.message);
                })
              }
            >
              {t('region.remove')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Settings → Region: the other centers this one reads, and how often. */
export function RegionSettings() {
  const { t } = useI18n();
  const q = useApiQuery('region.settings', {}, ['region']);
  return (
    <section className="card" aria-labelledby="region-settings-title">
      <h2 id="region-settings-title">{t('region.settingsTitle')}</h2>
      <p className="muted">{t('region.settingsIntro')}</p>
      <FormError message={q.error} />
      {q.data ? (
        <>
          <PeerList view={q.data} onChange={q.reload} />
          <PeerForm onAdded={q.reload} />
          <IntervalForm
            key={q.data.intervalSeconds}
            value={q.data.intervalSeconds}
            onSaved={q.reload}
          />
        </>
      ) : null}
    </section>
  );
}
