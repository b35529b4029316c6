import { useState } from 'react';
import { api } from '../api/client';
import { POSSIBLE_MATCHES_LIMIT, type PossibleMatchView } from '../../core/contract/interchange';
import { formatInTimeZone } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { DataTable, Panel } from './parts';
import { TableHead } from '../components/TableHead';
import type { DateRange } from '../components/DateRangeFields';

/**
 * The case-management list: people with 3 visits within 30 days. Names are shown only after a
 * deliberate click (each load is an audited read of people's records).
 */
export function RepeatVisitors({ range }: { range: DateRange }) {
  const [shown, setShown] = useState(false);
  const { t } = useI18n();
  return (
    <Panel title={t('repeat.title')} definition="repeatVisitors">
      {shown ? (
        <RepeatList range={range} />
      ) : (
        <button type="button" onClick={() => setShown(true)}>
          {t('repeat.show')}
        </button>
      )}
    </Panel>
  );
}

function RepeatList({ range }: { range: DateRange }) {
  const { facility } = useSession();
  const list = useApiQuery('reports.repeatVisitors', range, ['encounters', 'reports']);
  const matches = useApiQuery('reports.possibleMatches', range, ['encounters', 'reports']);
  const day = (ms: number) => formatInTimeZone(ms, facility.timeZone, 'yyyy-MM-dd');
  const { t } = useI18n();
  if (list.error) return <p role="alert">{list.error}</p>;
  if (!list.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <>
      {list.data.length === 0 ? (
        <p className="muted">{t('repeat.none')}</p>
      ) : (
        <DataTable
          open
          spec={{
            caption: t('repeat.caption'),
            header: [
              t('repeat.colName'),
              t('repeat.colDob'),
              t('repeat.colVisits'),
              t('repeat.colFirst'),
              t('repeat.colLast'),
              t('repeat.colReferences'),
            ],
            rows: list.data.map((p) => [
              `${p.firstName} ${p.lastName}`,
              p.dateOfBirth,
              p.visits,
              day(p.firstArrivedAt),
              day(p.lastArrivedAt),
              p.references.join(' '),
            ]),
            fileName: `repeat-visitors-${range.from}-${range.to}.csv`,
          }}
        />
      )}
      <h3>{t('repeat.possibly')}</h3>
      <p className="muted">{t('repeat.possiblyIntro')}</p>
      {matches.data && matches.data.length >= POSSIBLE_MATCHES_LIMIT ? (
        <p className="muted">{t('repeat.showingFirst', { count: POSSIBLE_MATCHES_LIMIT })}</p>
      ) : null}
      <MatchesTable matches={matches.data} />
    </>
  );
}

/** Possible matches with their same / not-the-same decisions (Figures and Case management). */
export function MatchesTable({
  matches,
}: {
  matches: readonly PossibleMatchView[] | null | undefined;
}) {
  const { t } = useI18n();
  if (!matches || matches.length === 0) return <p className="muted">{t('repeat.noCandidates')}</p>;
  return (
    <table className="table">
      <TableHead columns={[t('repeat.colA'), t('repeat.colB'), t('repeat.colDecision')]} />
      <tbody>
        {matches.map((m) => (
          <MatchRow key={`${m.keyA}/${m.keyB}`} m={m} />
        ))}
      </tbody>
    </table>
  );
}

export function MatchRow({ m }: { m: PossibleMatchView }) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const decide = async (decision: 'same' | 'different' | null) => {
    const r = await api.call('reports.decideMatch', { keyA: m.keyA, keyB: m.keyB, decision });
    setError(r.ok ? null : r.error.message);
  };
  const who = (name: string, dob: string, visits: number) =>
    t('repeat.who', { name, dob, count: visits });
  return (
    <tr>
      <td>{who(m.nameA, m.dateOfBirthA, m.visitsA)}</td>
      <td>{who(m.nameB, m.dateOfBirthB, m.visitsB)}</td>
      <td>
        <div className="row-actions">
          {m.decision ? (
            <>
              <span>{m.decision === 'same' ? t('repeat.same') : t('repeat.different')}</span>
              <button type="button" onClick={() => void decide(null)}>
                {t('repeat.undo')}
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={() => void decide('same')}>
                {t('repeat.same')}
              </button>
              <button type="button" onClick={() => void decide('different')}>
                {t('repeat.different')}
              </button>
            </>
          )}
        </div>
        {error ? <span role="alert">{error}</span> : null}
      </td>
    </tr>
  );
}
