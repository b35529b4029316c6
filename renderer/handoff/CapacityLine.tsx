import type { CapacityView } from '../../core/beds/types';
import { useI18n } from '../i18n';

/** Statuses under which taking an arrival in needs a reason (the server enforces the same). */
export function againstCapacity(capacity: CapacityView | null, police: boolean): boolean {
  if (!capacity) return false;
  return capacity.status === 'closed' || (capacity.status === 'diverting' && police);
}

/** The center's status, one line above the form: what dispatch is being told right now. */
export function CapacityLine({ capacity, police }: { capacity: CapacityView; police: boolean }) {
  const { t } = useI18n();
  const warn = againstCapacity(capacity, police);
  return (
    <p
      className={`handoff-capacity capacity-${capacity.status}${warn ? ' warn' : ''}`}
      role={warn ? 'alert' : undefined}
      data-testid="handoff-capacity"
    >
      <strong>
        {t('capacity.title')} {t(`vocab.capacityStatus.${capacity.status}`)}
      </strong>{' '}
      {capacity.acceptingLawEnforcement ? t('capacity.accepting') : t('capacity.notAccepting')}{' '}
      {t('handoff.bedsAvailable', {
        available: capacity.totals.available,
        total: capacity.totals.total,
      })}
      {capacity.manual?.reason ? ` — ${capacity.manual.reason}` : ''}
      {warn ? <> {t('handoff.capacityWarning')}</> : null}
    </p>
  );
}
