import type { CensusPerson } from '../../core/census/types';
import { formatDuration } from '../beds/format';
import { useI18n, vocabLabel } from '../i18n';
import { fmtDateTime } from '../handoff/time';
import { personNameLabel } from '../people/person-name';
import { TableHead } from '../components/TableHead';

/** Everyone in the building: where, since when, how long, and stays near the limit. */
export function CensusTable({
  people,
  now,
  arrivedAtNow,
  timeZone,
  caption,
}: {
  people: readonly CensusPerson[];
  now: number;
  /** The server's `now` when the list was read: stays grow from there on the local clock. */
  arrivedAtNow: number;
  timeZone: string;
  caption: string;
}) {
  const { t } = useI18n();
  if (people.length === 0) return <p>{t('census.empty')}</p>;
  const grown = Math.max(0, now - arrivedAtNow);
  return (
    <table className="table census-table">
      <caption className="sr-only">{caption}</caption>
      <TableHead
        columns={[
          t('census.colPerson'),
          t('census.colWhere'),
          t('census.colArrived'),
          t('census.colStay'),
          t('census.colLegal'),
        ]}
      />
      <tbody>
        {people.map((p) => (
          <tr key={p.id} data-reference={p.reference} className={`stay-${p.stayLevel}`}>
            <td>
              <a href={`#/encounters/${p.id}`}>{personNameLabel(p.firstName, p.lastName)}</a>
              <div className="muted">{p.reference}</div>
            </td>
            <td>
              {p.bed
                ? t('census.inBed', { bed: p.bed.label, unit: p.bed.unit })
                : p.officerWaiting
                  ? t('census.atDeskWithOfficer')
                  : t('census.noBed')}
            </td>
            <td>{fmtDateTime(p.arrivedAt, timeZone)}</td>
            <td>
              {formatDuration(p.stayMs + grown)}
              {p.stayLevel !== 'ok' ? (
                <div className={`stay-flag stay-flag-${p.stayLevel}`}>
                  {t(`census.stay.${p.stayLevel}`)}
                </div>
              ) : null}
            </td>
            <td>{p.legalStatus ? vocabLabel('legalStatus', p.legalStatus) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
