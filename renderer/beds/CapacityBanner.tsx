import { useState } from 'react';
import type { CapacityView } from '../../core/beds/types';
import { setManualStatusSchema } from '../../core/schemas/beds';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { LabelledForm } from '../components/Forms';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useMayCall, useSession } from '../session';
import { formatDuration } from './format';

function ManualStatusForm({ onDone }: { onDone: () => void }) {
  const { form, field, ...submit } = useApiForm('capacity.setManualStatus', setManualStatusSchema, {
    defaultValues: { status: 'diverting', reason: '', durationMinutes: '' as never },
    onSuccess: onDone,
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <LabelledForm className="inline-form manual-status-form" submit={submit}>
      <SelectField
        label={t('capacity.status')}
        options={[
          { value: 'diverting', label: t('vocab.capacityStatus.diverting') },
          { value: 'closed', label: t('vocab.capacityStatus.closed') },
        ]}
        {...field('status')}
      />
      <Field label={t('capacity.reason')} {...field('reason')} />
      <Field
        label={t('capacity.revertAfter')}
        type="number"
        min={1}
        hint={t('capacity.revertHint')}
        {...field('durationMinutes')}
      />
      <button type="submit" className="danger" disabled={isSubmitting}>
        {t('capacity.setStatus')}
      </button>
      <button type="button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </LabelledForm>
  );
}

/** The facility's status, stated in words, with who may be brought; managers can override it. */
export function CapacityBanner({ capacity, now }: { capacity: CapacityView; now: number }) {
  const { facility } = useSession();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manager = useMayCall('capacity.setManualStatus');
  const backToAutomatic = async () => {
    setError(null);
    const r = await api.call('capacity.setManualStatus', { status: null });
    if (!r.ok) setError(r.error.message);
  };
  const totals = capacity.totals;
  const { t } = useI18n();
  return (
    <section
      className={`capacity-banner capacity-${capacity.status}`}
      aria-labelledby="capacity-title"
    >
      <div className="capacity-main">
        <h2 id="capacity-title">
          {t('capacity.title')}{' '}
          <span className="capacity-status">{t(`vocab.capacityStatus.${capacity.status}`)}</span>
        </h2>
        <p>
          {capacity.acceptingLawEnforcement ? t('capacity.accepting') : t('capacity.notAccepting')}{' '}
          {t('capacity.totals', {
            available: totals.available,
            total: totals.total,
            occupied: totals.occupied,
            reserved: totals.reserved,
            outOfService: totals.outOfService,
            waiting: capacity.officersWaiting,
          })}
        </p>
        {capacity.manual ? (
          <p className="capacity-reason">
            {t(`vocab.capacityStatus.${capacity.manual.status}`)}:{' '}
            {capacity.manual.reason ?? t('capacity.noReason')}
            {capacity.manual.until
              ? t('capacity.revertsAt', {
                  time: formatDate(capacity.manual.until, facility.timeZone, 'time'),
                  duration: formatDuration(capacity.manual.until - now),
                })
              : t('capacity.untilChanged')}
          </p>
        ) : null}
        <p className="muted">
          {t('capacity.lastChanged', {
            duration: formatDuration(now - capacity.updatedAt),
            time: formatDate(capacity.updatedAt, facility.timeZone, 'time'),
          })}
        </p>
      </div>
      {manager ? (
        <div className="capacity-actions">
          <FormError message={error} />
          {capacity.manual ? (
            <button type="button" onClick={() => void backToAutomatic()}>
              {t('capacity.backToAutomatic')}
            </button>
          ) : null}
          {editing ? (
            <ManualStatusForm onDone={() => setEditing(false)} />
          ) : (
            <button type="button" onClick={() => setEditing(true)}>
              {t('capacity.divertOrClose')}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
