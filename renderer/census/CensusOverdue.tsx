import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { useNow } from '../useNow';
import { formatDuration } from '../beds/format';
import { isStale } from './CensusConfirm';

/** For managers on every screen: the census confirmation is overdue (dispatch sees "stale"). */
export function CensusOverdue() {
  const { user } = useSession();
  const manager = user.role === 'admin' || user.role === 'manager';
  if (!manager) return null;
  return <CensusOverdueBanner />;
}

function CensusOverdueBanner() {
  const { t } = useI18n();
  const census = useApiQuery('census.confirmation', {}, ['capacity', 'settings']);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (census.data) setOffset(census.data.now - Date.now());
  }, [census.data]);
  const now = useNow(30_000) + offset;
  const c = census.data;
  if (!c || !isStale(c, now)) return null;
  return (
    <div className="census-overdue" role="status">
      <strong>{t('censusConfirm.overdueTitle')}</strong>{' '}
      {c.confirmedAt === null
        ? t('censusConfirm.overdueNever')
        : t('censusConfirm.overdue', { duration: formatDuration(now - c.confirmedAt) })}{' '}
      <a href="#/board">{t('censusConfirm.openBoard')}</a>
    </div>
  );
}
