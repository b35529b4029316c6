import { useApiQuery } from '../useApiQuery';
import { useI18n } from '../i18n';

/** The navigation's count of follow-up contacts due now (overdue included). */
export function FollowUpBadge() {
  const { t } = useI18n();
  const q = useApiQuery('followUps.dueCount', {}, ['followUps', 'clock']);
  const n = q.data?.due ?? 0;
  if (n === 0) return null;
  return (
    <span className="badge" aria-label={t('followUps.badge', { count: n })}>
      {n}
    </span>
  );
}
