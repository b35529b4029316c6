import { useState } from 'react';
import { securitySettingsSchema } from '../../core/schemas/security';
import type { AuditVerificationView, BackupInfo } from '../../core/security/types';
import { api, emitLocalChange } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SavedNotice } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { formatDate } from '../format';
import { formatNumber, i18n, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { TableHead } from '../components/TableHead';

const kindLabel = (k: BackupInfo['kind']) =>
  i18n.t(`security.kinds.${k}` as 'security.kinds.daily', { defaultValue: k });

/** In the facility's zone, like every time on screen, with the language's month names. */
const when = (ms: number, timeZone: string) => formatDate(ms, timeZone, 'dateTime');
const size = (b: number) =>
  b < 1024 * 1024
    ? i18n.t('security.kb', { value: formatNumber(Math.ceil(b / 1024)) })
    : i18n.t('security.mb', {
        value: formatNumber(b / 1024 / 1024, {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }),
      });

function IdleLockForm({ minutes }: { minutes: number }) {
  const [saved, setSaved] = useState(false);
  const { form, field, ...submit } = useApiForm('security.updateSettings', securitySettingsSchema, {
    defaultValues: { idleLockMinutes: minutes },
    onSuccess: () => {
      setSaved(true);
      // This window's idle timer picks the new value up now, not when the push arrives.
      emitLocalChange('security');
    },
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <TitledForm titleId="idle-title" title={t('security.idleTitle')} submit={submit}>
      <Field
        label={t('security.idleMinutes')}
        type="number"
        min={1}
        max={60}
        inputMode="numeric"
        hint={t('security.idleHint')}
        {...field('idleLockMinutes', { valueAsNumber: true })}
      />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('security.saveIdle')}
      </button>
      <SavedNotice show={saved} />
    </TitledForm>
  );
}

function AuditCheck() {
  const [result, setResult] = useState<AuditVerificationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  const verify = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('audit.verify', {});
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  };
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('security.auditTitle')}</h2>
      <p className="muted">{t('security.auditIntro')}</p>
      <FormError message={error} />
      <button type="button" onClick={verify} disabled={busy}>
        {busy ? t('security.verifying') : t('security.verify')}
      </button>
      {result ? (
        <p role="status" className={result.ok ? 'notice' : 'form-error'}>
          {result.ok ? t('security.intact') : t('security.tampered')}
          {result.message}
        </p>
      ) : null}
    </section>
  );
}

function Backups() {
  const { refresh, facility } = useSession();
  const { t } = useI18n();
  const tz = facility.timeZone;
  const list = useApiQuery('backup.list', {}, ['backups']);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);

  const backupNow = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    const r = await api.call('backup.create', {});
    setBusy(false);
    if (r.ok) {
      setMessage(t('security.backupWritten', { name: r.value.name }));
      list.reload();
    } else setError(r.error.message);
  };

  const restore = async (b: BackupInfo) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    const r = await api.call('backup.restore', { name: b.name, confirm: true });
    setBusy(false);
    setConfirming(null);
    if (r.ok) {
      setMessage(
        t('security.restored', { restored: r.value.restored, safety: r.value.safetyBackup }),
      );
      list.reload();
      // The restored copy has its own users and sessions: this may ask you to sign in again.
      refresh();
    } else setError(r.error.message);
  };

  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">{t('security.backupsTitle')}</h2>
      <p className="muted">
        {list.data
          ? t('security.backupsIntroIn', { folder: list.data.folder })
          : t('security.backupsIntro')}
      </p>
      <FormError message={error ?? list.error} />
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={backupNow} disabled={busy}>
        {t('security.backupNow')}
      </button>
      {confirming ? (
        <div
          className="confirm-box"
          role="alertdialog"
          aria-labelledby="restore-q"
          aria-describedby="restore-d"
        >
          <p id="restore-q">
            <strong>
              {t('security.restoreQuestion', { when: when(confirming.createdAt, tz) })}
            </strong>
          </p>
          <p id="restore-d">{t('security.restoreDetail')}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void restore(confirming)}
            >
              {busy ? t('security.restoring') : t('security.restoreThis')}
            </button>
            <button type="button" onClick={() => setConfirming(null)} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {list.data && list.data.backups.length === 0 ? (
        <p className="muted">{t('security.none')}</p>
      ) : null}
      {list.data && list.data.backups.length > 0 ? (
        <table className="backup-list">
          <caption className="muted">{t('security.caption')}</caption>
          <TableHead
            columns={[
              t('security.colTaken'),
              t('security.colKind'),
              t('security.colSize'),
              <span className="sr-only">{t('security.colAction')}</span>,
            ]}
          />
          <tbody>
            {list.data.backups.map((b) => (
              <tr key={b.name}>
                <td>
                  <time dateTime={new Date(b.createdAt).toISOString()}>
                    {when(b.createdAt, tz)}
                  </time>
                </td>
                <td>{kindLabel(b.kind)}</td>
                <td>{size(b.bytes)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setConfirming(b)}
                    disabled={busy}
                    aria-label={t('security.restoreOf', { when: when(b.createdAt, tz) })}
                  >
                    {t('security.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Settings → security: automatic lock, audit verification, backups (administrators). */
export function SecuritySettings() {
  const { user } = useSession();
  const settings = useApiQuery('security.settings', {}, ['security']);
  if (user.role !== 'admin') return null;
  return (
    <>
      {settings.data ? <IdleLockForm minutes={settings.data.idleLockMinutes} /> : null}
      <AuditCheck />
      <Backups />
    </>
  );
}
