import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { useServerNow } from '../handoff/time';
import { CensusTable } from './CensusTable';

export const CENSUS_TOPICS = ['encounters', 'beds'] as const;

/** The census: who is in the building now (officer still waiting included), printable. */
export function CensusScreen() {
  const { facility } = useSession();
  const { t } = useI18n();
  const q = useApiQuery('census.get', {}, CENSUS_TOPICS);
  const now = useServerNow(q.data?.now, 30_000);
  const people = q.data?.people ?? [];
  const near = people.filter((p) => p.stayLevel !== 'ok').length;
  return (
    <section aria-labelledby="census-title">
      <h1 id="census-title">{t('census.title', { count: people.length })}</h1>
      <p className="muted">
        {t('census.asOf', { time: formatDate(now, facility.timeZone, 'dateTime') })}{' '}
        {t('census.nearLimit', { count: near })}
      </p>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t('census.print')}
        </button>
      </p>
      <FormError message={q.error} />
      {q.data ? (
        <CensusTable
          people={people}
          now={now}
          arrivedAtNow={q.data.now}
          timeZone={facility.timeZone}
          caption={t('census.caption')}
        />
      ) : null}
    </section>
  );
}
