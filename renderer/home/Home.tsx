import { formatMmSs } from '../../core/encounters/turnaround';
import { CensusTable } from '../census/CensusTable';
import { CENSUS_TOPICS } from '../census/CensusScreen';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { fmtTime, useServerNow } from '../handoff/time';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';

/**
 * Today: the shift-handover view. What the next shift must know at a glance: who is in the
 * center (and where), officers waiting, arrivals expected, stays near the limit, and this
 * shift's turnaround and declines; the census prints on its own.
 */
export function Home() {
  const { user, facility } = useSession();
  const { t } = useI18n();
  const q = useApiQuery('census.today', {}, [...CENSUS_TOPICS, 'capacity']);
  const now = useServerNow(q.data?.now, 30_000);
  const d = q.data;
  const tz = facility.timeZone;
  const near = d ? d.people.filter((p) => p.stayLevel !== 'ok') : [];
  return (
    <section aria-labelledby="home-title" className="today">
      <h1 id="home-title">{t('home.title', { facility: facility.name })}</h1>
      <p className="muted">
        {formatDate(now, tz, 'longDate')} · {t('home.signedInAs', { name: user.displayName })}
      </p>
      <FormError message={q.error} />
      {d ? (
        <>
          <dl className="today-figures">
            <div>
              <dt>{t('home.inCenter')}</dt>
              <dd>{d.people.length}</dd>
            </div>
            <div>
              <dt>{t('home.officersWaiting')}</dt>
              <dd>{d.officersWaiting}</dd>
            </div>
            <div>
              <dt>{t('home.expected')}</dt>
              <dd>{d.expected.length}</dd>
            </div>
            <div>
              <dt>{t('home.nearLimit')}</dt>
              <dd>{near.length}</dd>
            </div>
            <div>
              <dt>{t('home.handoffs', { time: fmtTime(d.shiftStart, tz) })}</dt>
              <dd>{d.handoffs}</dd>
            </div>
            <div>
              <dt>{t('home.medianTurnaround')}</dt>
              <dd>
                {d.medianTurnaroundMs === null ? '—' : formatMmSs(d.medianTurnaroundMs)}
                <div className="muted">
                  {t('home.overTarget', { count: d.overTarget, target: d.targetMinutes })}
                </div>
              </dd>
            </div>
          </dl>
          <section className="card" aria-labelledby="today-declines">
            <h2 id="today-declines">{t('home.declines', { time: fmtTime(d.shiftStart, tz) })}</h2>
            {d.declines.length === 0 ? (
              <p>{t('home.noDeclines')}</p>
            ) : (
              <ul>
                {d.declines.map((x) => (
                  <li key={x.reason}>
                    {vocabLabel('declineReason', x.reason)}: {x.count}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="today-expected">
            <h2 id="today-expected">{t('home.expectedTitle')}</h2>
            {d.expected.length === 0 ? (
              <p>{t('home.noExpected')}</p>
            ) : (
              <ul>
                {d.expected.map((x) => (
                  <li key={x.id}>
                    <a href={`#/encounters/${x.id}`}>{x.reference}</a> {x.agency ?? ''}{' '}
                    {x.eta !== null ? t('waiting.eta', { time: fmtTime(x.eta, tz) }) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card today-census" aria-labelledby="today-census">
            <h2 id="today-census">{t('home.censusTitle', { count: d.people.length })}</h2>
            <p className="no-print">
              <button type="button" onClick={() => window.print()}>
                {t('census.print')}
              </button>
            </p>
            <CensusTable
              people={d.people}
              now={now}
              arrivedAtNow={d.now}
              timeZone={tz}
              caption={t('census.caption')}
            />
          </section>
        </>
      ) : null}
    </section>
  );
}
