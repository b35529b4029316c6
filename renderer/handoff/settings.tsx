import { useState } from 'react';
import type { KioskIssued } from '../../core/encounters/types';
import { kioskIssueSchema, turnaroundSettingsSchema } from '../../core/schemas/encounters';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { fmtDateTime } from './time';

/** The officer-turnaround target: drives amber/red on the live clock and "within target". */
export function TurnaroundSettingsSection() {
  const current = useApiQuery('turnaround.settings', {}, ['settings']);
  if (!current.data) return <FormError message={current.error} />;
  return <TurnaroundForm targetMinutes={current.data.targetMinutes} />;
}

function TurnaroundForm({ targetMinutes }: { targetMinutes: number }) {
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError } = useApiForm(
    'turnaround.updateSettings',
    turnaroundSettingsSchema,
    { defaultValues: { targetMinutes }, onSuccess: () => setSaved(true) },
  );
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="turnaround-title">
      <h2 id="turnaround-title">Officer turnaround</h2>
      <FormError message={formError} />
      <Field
        label="Turnaround target (minutes)"
        type="number"
        min={1}
        max={240}
        hint="The field's target is under 10 minutes; the clock turns amber at 80% of it."
        error={form.formState.errors.targetMinutes}
        {...form.register('targetMinutes', { valueAsNumber: true })}
      />
      <button type="submit" className="primary">
        Save target
      </button>
      {saved ? (
        <p role="status" className="notice">
          Saved.
        </p>
      ) : null}
    </form>
  );
}

/** Administrators issue and revoke officer self-check-in kiosks. */
export function KioskSettingsSection() {
  const { user, facility } = useSession();
  const list = useApiQuery('kiosk.list', {}, ['kiosks']);
  const [issued, setIssued] = useState<KioskIssued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { form, onSubmit, formError } = useApiForm('kiosk.issue', kioskIssueSchema, {
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
      <h2 id="kiosks-title">Officer kiosks</h2>
      <p className="muted">
        A kiosk lets officers check themselves in at {facility.name}. Open{' '}
        <code>{`${window.location.origin}/kiosk`}</code> on the kiosk device and type its code once.
      </p>
      <FormError message={error ?? list.error} />
      {issued ? (
        <p role="status" className="notice">
          Kiosk “{issued.device.name}” issued. Its code (shown only now):{' '}
          <strong className="kiosk-code">{issued.code}</strong>
        </p>
      ) : null}
      <table className="table">
        <caption className="sr-only">Kiosk devices</caption>
        <thead>
          <tr>
            <th scope="col">Kiosk</th>
            <th scope="col">Issued</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{fmtDateTime(k.createdAt, facility.timeZone)}</td>
              <td>{fmtDateTime(k.lastUsedAt, facility.timeZone)}</td>
              <td>{k.revokedAt ? 'Revoked' : 'Active'}</td>
              <td>
                {k.revokedAt ? null : (
                  <button type="button" className="danger" onClick={() => void revoke(k.id)}>
                    Revoke {k.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={onSubmit} noValidate className="inline-form">
        <FormError message={formError} />
        <Field label="Kiosk name" error={form.formState.errors.name} {...form.register('name')} />
        <button type="submit">Issue kiosk code</button>
      </form>
    </section>
  );
}
