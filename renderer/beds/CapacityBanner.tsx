import { useState } from 'react';
import type { CapacityView } from '../../core/beds/types';
import { setManualStatusSchema } from '../../core/schemas/beds';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { formatInTimeZone } from '../format';
import { useSession } from '../session';
import { formatDuration } from './format';

export const CAPACITY_LABELS: Record<CapacityView['status'], string> = {
  open: 'Open',
  limited: 'Limited',
  full: 'Full',
  diverting: 'Diverting',
  closed: 'Closed',
};

function ManualStatusForm({ onDone }: { onDone: () => void }) {
  const { form, onSubmit, formError } = useApiForm(
    'capacity.setManualStatus',
    setManualStatusSchema,
    {
      defaultValues: { status: 'diverting', reason: '', durationMinutes: '' as never },
      onSuccess: onDone,
    },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="inline-form manual-status-form">
      <FormError message={formError} />
      <SelectField
        label="Status"
        options={[
          { value: 'diverting', label: 'Diverting' },
          { value: 'closed', label: 'Closed' },
        ]}
        error={errors.status}
        {...form.register('status')}
      />
      <Field label="Reason (dispatch sees it)" error={errors.reason} {...form.register('reason')} />
      <Field
        label="Revert after (minutes)"
        type="number"
        min={1}
        hint="Empty: until changed by hand."
        error={errors.durationMinutes as never}
        {...form.register('durationMinutes')}
      />
      <button type="submit" className="danger" disabled={isSubmitting}>
        Set status
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

/** The facility's status, stated in words, with who may be brought; managers can override it. */
export function CapacityBanner({ capacity, now }: { capacity: CapacityView; now: number }) {
  const { user, facility } = useSession();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manager = user.role === 'admin' || user.role === 'manager';
  const backToAutomatic = async () => {
    setError(null);
    const r = await api.call('capacity.setManualStatus', { status: null });
    if (!r.ok) setError(r.error.message);
  };
  const t = capacity.totals;
  return (
    <section
      className={`capacity-banner capacity-${capacity.status}`}
      aria-labelledby="capacity-title"
    >
      <div className="capacity-main">
        <h2 id="capacity-title">
          Capacity: <span className="capacity-status">{CAPACITY_LABELS[capacity.status]}</span>
        </h2>
        <p>
          {capacity.acceptingLawEnforcement
            ? 'Accepting police drop-offs.'
            : 'Not accepting police drop-offs.'}{' '}
          {t.available} of {t.total} available · {t.occupied} occupied · {t.reserved} reserved ·{' '}
          {t.outOfService} out of service · officers waiting: {capacity.officersWaiting}
        </p>
        {capacity.manual ? (
          <p className="capacity-reason">
            {CAPACITY_LABELS[capacity.manual.status]}: {capacity.manual.reason ?? 'no reason given'}
            {capacity.manual.until
              ? ` — reverts at ${formatInTimeZone(capacity.manual.until, facility.timeZone, 'HH:mm')} (in ${formatDuration(capacity.manual.until - now)})`
              : ' — until changed by hand'}
          </p>
        ) : null}
        <p className="muted">
          Figures last changed {formatDuration(now - capacity.updatedAt)} ago (
          {formatInTimeZone(capacity.updatedAt, facility.timeZone, 'HH:mm')}).
        </p>
      </div>
      {manager ? (
        <div className="capacity-actions">
          <FormError message={error} />
          {capacity.manual ? (
            <button type="button" onClick={() => void backToAutomatic()}>
              Back to automatic status
            </button>
          ) : null}
          {editing ? (
            <ManualStatusForm onDone={() => setEditing(false)} />
          ) : (
            <button type="button" onClick={() => setEditing(true)}>
              Divert or close…
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
