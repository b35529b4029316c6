import { useState, type FormEvent } from 'react';
import { retentionSettingsSchema } from '../../core/contract/protection';
import { api, emitLocalChange } from '../api/client';
import { formatDate } from '../format';
import { formatNumber, translateMessage, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { TableHead } from '../components/TableHead';

/** The recovery key: shown once per key, to print and lock away. */
function RecoveryKey() {
  const { t } = useI18n();
  const { facility } = useSession();
  const status = useApiQuery('protection.status', {}, ['protection']);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    const r = await api.call('protection.recoveryKey', {});
    if (r.ok) setShown(r.value.recoveryKey);
    else setError(r.error.message);
  };
  const s = status.data;
  return (
    <section className="card" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('protection.recoveryTitle')}</h2>
      <p>{s?.encrypted ? t('protection.encrypted') : t('protection.notEncrypted')}</p>
      <p className="muted">{t('protection.recoveryIntro')}</p>
      {shown ? (
        <div role="region" aria-label={t('protection.recoveryTitle')}>
          <p>
            <strong>{t('protection.recoveryOnce')}</strong>
          </p>
          <pre className="recovery-key" data-testid="recovery-key">
            {shown}
          </pre>
          <button type="button" onClick={() => window.print()}>
            {t('protection.print')}
          </button>
        </div>
      ) : s?.recoveryKeyShownAt ? (
        <p>
          {t('protection.recoveryShownAt', {
            when: formatDate(s.recoveryKeyShownAt, facility.timeZone, 'dateTime'),
          })}
        </p>
      ) : (
        <button type="button" onClick={() => void show()} disabled={!s?.encrypted}>
          {t('protection.showRecovery')}
        </button>
      )}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** Settings → Retention: identifying details go a chosen number of months after discharge. */
function Retention() {
  const { t } = useI18n();
  const { facility } = useSession();
  const settings = useApiQuery('retention.settings', {}, ['retention']);
  const [months, setMonths] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = settings.data;
  const value = months ?? (current?.months ? String(current.months) : '');
  const save = async (e: FormEvent, off = false) => {
    e.preventDefault();
    setSaved(false);
    // The same schema as the API: text, 0 or a fraction gets its message before any call.
    const parsed = retentionSettingsSchema.safeParse({
      months: off ? null : value.trim() === '' ? Number.NaN : Number(value),
    });
    if (!parsed.success) {
      setError(translateMessage(parsed.error.issues[0]!.message));
      return;
    }
    const r = await api.call('retention.updateSettings', parsed.data);
    if (!r.ok) {
      setError(r.error.fields?.months ?? r.error.message);
      return;
    }
    setError(null);
    setSaved(true);
    setMonths(null);
    emitLocalChange('retention');
  };
  return (
    <form
      className="card"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby="retention-title"
    >
      <h2 id="retention-title">{t('protection.retentionTitle')}</h2>
      <p className="muted">{t('protection.retentionIntro')}</p>
      <p>
        {current?.months
          ? t('protection.retentionOn', { count: current.months })
          : t('protection.retentionOff')}
      </p>
      <label>
        {t('protection.retentionMonths')}
        <input
          type="text"
          inputMode="numeric"
          value={value}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setMonths(e.target.value)}
        />
      </label>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {t('protection.retentionSave')}
      </button>
      {current?.months ? (
        <button type="button" onClick={(e) => void save(e, true)}>
          {t('protection.retentionTurnOff')}
        </button>
      ) : null}
      {saved ? <p role="status">{t('protection.saved')}</p> : null}
      {current?.lastRun ? (
        <p className="muted">
          {t('protection.retentionLastRun', {
            when: formatDate(current.lastRun.at, facility.timeZone, 'dateTime'),
            count: current.lastRun.deidentified,
          })}
        </p>
      ) : null}
    </form>
  );
}

/** Who took people's data out, what and why (the export rows of the audit log). */
function ExportLog() {
  const { t } = useI18n();
  const { facility } = useSession();
  const log = useApiQuery('exports.log', {}, ['encounters']);
  const rows = log.data?.rows ?? [];
  return (
    <section className="card" aria-labelledby="export-log-title">
      <h2 id="export-log-title">{t('protection.exportLogTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('protection.exportLogNone')}</p>
      ) : (
        <table>
          <caption>{t('protection.exportLogCaption')}</caption>
          <TableHead
            columns={[
              t('protection.colWhen'),
              t('protection.colWho'),
              t('protection.colWhat'),
              t('protection.colRows'),
              t('protection.colWhy'),
            ]}
          />
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{formatDate(r.at, facility.timeZone, 'dateTime')}</td>
                <td>{r.username ?? '—'}</td>
                <td>{r.kind === 'full' ? t('protection.kindFull') : t('protection.kindDeid')}</td>
                <td>{r.rows === null ? '—' : formatNumber(r.rows)}</td>
                <td>{r.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Settings → Protecting the data (administrators only). */
export function ProtectionSettings() {
  const { user } = useSession();
  const { t } = useI18n();
  if (user.role !== 'admin') return null;
  return (
    <section aria-labelledby="protection-title">
      <h2 id="protection-title">{t('protection.title')}</h2>
      <RecoveryKey />
      <Retention />
      <ExportLog />
    </section>
  );
}
