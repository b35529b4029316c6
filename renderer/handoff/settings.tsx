import { useState } from 'react';
import type { KioskIssued } from '../../core/encounters/types';
import { kioskIssueSchema, turnaroundSettingsSchema } from '../../core/schemas/encounters';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SavedNotice } from '../components/Field';
import { LabelledForm, TitledForm } from '../components/Forms';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Trans } from 'react-i18next';
import { useApiQuery } from '../useApiQuery';
import { fmtDateTime } from './time';
import { TableHead } from '../components/TableHead';

/** The officer-turnaround target: drives amber/red on the live clock and "within target". */
export function TurnaroundSettingsSection() {
  const current = useApiQuery('turnaround.settings', {}, ['settings']);
  if (!current.data) return <FormError message={current.error} />;
  return <TurnaroundForm targetMinutes={current.data.targetMinutes} />;
}

function TurnaroundForm({ targetMinutes }: { targetMinutes: number }) {
  const [saved, setSaved] = useState(false);
  const { field, ...submit } = useApiForm('turnaround.updateSettings', turnaroundSettingsSchema, {
    defaultValues: { targetMinutes },
    onSuccess: () => setSaved(true),
  });
  const { t } = useI18n();
  return (
    <TitledForm
      titleId="turnaround-title"
      title={t('kioskSettings.turnaroundTitle')}
      submit={submit}
    >
      <Field
        label={t('kioskSettings.target')}
        type="number"
        min={1}
        max={240}
        hint={t('kioskSettings.targetHint')}
        {...field('targetMinutes', { valueAsNumber: true })}
      />
      <button type="submit" className="primary">
        {t('kioskSettings.saveTarget')}
      </button>
      <SavedNotice show={saved} />
    </TitledForm>
  );
}

/** Administrators issue and revoke officer self-check-in kiosks. */
export function KioskSettingsSection() {
  const { user, facility } = useSession();
  const list = useApiQuery('kiosk.list', {}, ['kiosks']);
  const [issued, setIssued] = useState<KioskIssued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const { form, field, ...submit } = useApiForm('kiosk.issue', kioskIssueSchema, {
    defaultValues: { name: '' },
    onSuccess: (r) => {
      setIssued(r);
      form.reset();
      list.reload();
    },
  });
  if (user.role !== 'admin') return null;
  const revoke = async (id: number) => {
    setError(null);
    const r = await api.call('kiosk.revoke', { id });
    if (!r.ok) setError(r.error.message);
    list.reload();
  };
  return (
    <section className="card" aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">{t('kioskSettings.title')}</h2>
      <p className="muted">
        <Trans
          i18nKey="kioskSettings.intro"
          values={{ facility: facility.name, url: `${window.location.origin}/kiosk` }}
          components={{ 1: <code /> }}
        />
      </p>
      <FormError message={error ?? list.error} />
      {issued ? (
        <p role="status" className="notice">
          <Trans
            i18nKey="kioskSettings.issued"
            values={{ name: issued.device.name, code: issued.code }}
            components={{ 1: <strong className="kiosk-code" /> }}
          />
        </p>
      ) : null}
      <table className="table">
        <caption className="sr-only">{t('kioskSettings.caption')}</caption>
        <TableHead
          columns={[
            t('kioskSettings.colKiosk'),
            t('kioskSettings.colIssued'),
            t('kioskSettings.colLastUsed'),
            t('kioskSettings.colStatus'),
            t('kioskSettings.colActions'),
          ]}
        />
        <tbody>
          {(list.data ?? []).map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{fmtDateTime(k.createdAt, facility.timeZone)}</td>
              <td>{fmtDateTime(k.lastUsedAt, facility.timeZone)}</td>
              <td>{k.revokedAt ? t('kioskSettings.revoked') : t('kioskSettings.active')}</td>
              <td>
                {k.revokedAt ? null : (
                  <button type="button" className="danger" onClick={() => void revoke(k.id)}>
                    {t('kioskSettings.revoke', { name: k.name })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LabelledForm className="inline-form" submit={submit}>
        <Field label={t('kioskSettings.name')} {...field('name')} />
        <button type="submit">{t('kioskSettings.issue')}</button>
      </LabelledForm>
    </section>
  );
}
