import { useState } from 'react';
import { securitySettingsSchema } from '../../core/schemas/security';
import type { AuditVerificationView, BackupInfo } from '../../core/security/types';
import { api, emitLocalChange } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';

const KIND_LABELS: Record<BackupInfo['kind'], string> = {
  daily: 'Daily',
  quit: 'On quit',
  manual: 'Manual',
  'before-migration': 'Before update',
  'before-restore': 'Before restore',
};

const when = (ms: number) => new Date(ms).toLocaleString();
const size = (b: number) =>
  b < 1024 * 1024 ? `${Math.ceil(b / 1024)} KB` : `${(b / 1024 / 1024).toFixed(1)} MB`;

function IdleLockForm({ minutes }: { minutes: number }) {
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError } = useApiForm(
    'security.updateSettings',
    securitySettingsSchema,
    {
      defaultValues: { idleLockMinutes: minutes },
      onSuccess: () => {
        setSaved(true);
        // This window's idle timer picks the new value up now, not when the push arrives.
        emitLocalChange('security');
      },
    },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="idle-title">
      <h2 id="idle-title">Automatic lock</h2>
      <FormError message={formError} />
      <Field
        label="Lock the screen after this many idle minutes"
        type="number"
        min={1}
        max={60}
        inputMode="numeric"
        hint="1 to 60. The lock keeps unsaved input; the same person's password opens it again."
        error={errors.idleLockMinutes}
        {...form.register('idleLockMinutes', { valueAsNumber: true })}
      />
      <button type="submit" className="primary" disabled={isSubmitting}>
        Save automatic lock
      </button>
      {saved ? (
        <p role="status" className="notice">
          Saved.
        </p>
      ) : null}
    </form>
  );
}

function AuditCheck() {
  const [result, setResult] = useState<AuditVerificationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
      <h2 id="audit-title">Audit log</h2>
      <p className="muted">
        Every sign-in, change and view of a person&apos;s record is logged; each entry carries the
        fingerprint of the one before it, so an edited or deleted entry is found.
      </p>
      <FormError message={error} />
      <button type="button" onClick={verify} disabled={busy}>
        {busy ? 'Verifying…' : 'Verify audit log'}
      </button>
      {result ? (
        <p role="status" className={result.ok ? 'notice' : 'form-error'}>
          {result.ok ? '✓ Intact: ' : '✗ Tampering detected: '}
          {result.message}
        </p>
      ) : null}
    </section>
  );
}

function Backups() {
  const { refresh } = useSession();
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
      setMessage(`Backup ${r.value.name} written and verified.`);
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
        `Restored ${r.value.restored}. The database as it was just before is kept as ${r.value.safetyBackup}.`,
      );
      list.reload();
      // The restored copy has its own users and sessions: this may ask you to sign in again.
      refresh();
    } else setError(r.error.message);
  };

  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        A verified copy is taken every day, when Handoff closes and before every update; the last 7
        days and 4 weeks are kept{list.data ? ` in ${list.data.folder}` : ''}.
      </p>
      <FormError message={error ?? list.error} />
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={backupNow} disabled={busy}>
        Back up now
      </button>
      {confirming ? (
        <div
          className="confirm-box"
          role="alertdialog"
          aria-labelledby="restore-q"
          aria-describedby="restore-d"
        >
          <p id="restore-q">
            <strong>Restore the backup of {when(confirming.createdAt)}?</strong>
          </p>
          <p id="restore-d">
            Everything entered since then is replaced by the copy. A safety copy of the current
            database is taken first. Other desks are paused for a moment.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void restore(confirming)}
            >
              {busy ? 'Restoring…' : 'Restore this backup'}
            </button>
            <button type="button" onClick={() => setConfirming(null)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {list.data && list.data.backups.length === 0 ? (
        <p className="muted">No backups yet.</p>
      ) : null}
      {list.data && list.data.backups.length > 0 ? (
        <table className="backup-list">
          <caption className="muted">Backups, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.backups.map((b) => (
              <tr key={b.name}>
                <td>
                  <time dateTime={new Date(b.createdAt).toISOString()}>{when(b.createdAt)}</time>
                </td>
                <td>{KIND_LABELS[b.kind]}</td>
                <td>{size(b.bytes)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setConfirming(b)}
                    disabled={busy}
                    aria-label={`Restore the backup of ${when(b.createdAt)}`}
                  >
                    Restore…
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
