import { useState } from 'react';
import { ENCOUNTER_STATUSES, type EncounterStatus } from '../../core/vocab';
import { FormError } from '../components/Field';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { EncounterPage } from './EncounterPage';
import { Receipt } from './Receipt';
import { useRouteSegments } from './route';
import { fmtDateTime } from './time';
import { personNameLabel } from '../people/person-name';

interface Filters {
  text: string;
  agency: string;
  from: string;
  to: string;
  status: EncounterStatus | '';
}
const NO_FILTERS: Filters = { text: '', agency: '', from: '', to: '', status: '' };

function SearchResults({ filters }: { filters: Filters }) {
  const { facility } = useSession();
  const q = useApiQuery('encounters.search', { ...filters, limit: 100 }, ['encounters']);
  const { t } = useI18n();
  if (q.error) return <FormError message={q.error} />;
  const rows = q.data?.rows ?? [];
  return (
    <>
      <p role="status" className="muted">
        {q.loading
          ? t('encounters.searching')
          : t('encounters.found', { count: rows.length, more: q.data?.truncated ? '+' : '' })}
      </p>
      <table className="table">
        <caption className="sr-only">{t('encounters.foundCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('encounters.colReference')}</th>
            <th scope="col">{t('encounters.colPerson')}</th>
            <th scope="col">{t('encounters.colStatus')}</th>
            <th scope="col">{t('encounters.colArrived')}</th>
            <th scope="col">{t('encounters.colAgency')}</th>
            <th scope="col">{t('encounters.colOfficer')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`#/encounters/${r.id}`}>{r.reference}</a>
              </td>
              <td>{personNameLabel(r.firstName, r.lastName)}</td>
              <td>{vocabLabel('encounterStatus', r.status)}</td>
              <td>{fmtDateTime(r.arrivedAt ?? r.expectedEta, facility.timeZone)}</td>
              <td>{r.agency ?? '—'}</td>
              <td>{r.officerName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Who is here or on the way now (officers waiting are on the Handoff screen). */
function NowInCenter() {
  const { facility } = useSession();
  const q = useApiQuery('encounters.active', {}, ['encounters']);
  const rows = [...(q.data?.expected ?? []), ...(q.data?.inHouse ?? [])];
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="now-title">
      <h2 id="now-title">{t('encounters.nowTitle', { count: rows.length })}</h2>
      <FormError message={q.error} />
      <table className="table">
        <caption className="sr-only">{t('encounters.nowCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('encounters.colReference')}</th>
            <th scope="col">{t('encounters.colPerson')}</th>
            <th scope="col">{t('encounters.colStatus')}</th>
            <th scope="col">{t('encounters.colArrivedExpected')}</th>
            <th scope="col">{t('encounters.colBed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`#/encounters/${r.id}`}>{r.reference}</a>
              </td>
              <td>{personNameLabel(r.firstName, r.lastName)}</td>
              <td>{vocabLabel('encounterStatus', r.status)}</td>
              <td>{fmtDateTime(r.arrivedAt ?? r.expectedEta, facility.timeZone)}</td>
              <td>{r.bedLabel && r.bedId !== null ? r.bedLabel : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Search by name, reference, agency and date range; `#/encounters/<id>` opens one. */
export function EncountersScreen() {
  const [, idPart, sub] = useRouteSegments();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { t } = useI18n();
  const id = idPart ? Number(idPart) : NaN;
  if (Number.isInteger(id) && id > 0)
    return sub === 'receipt' ? <Receipt id={id} /> : <EncounterPage id={id} />;

  const bind = (k: keyof Filters) => ({
    id: `search-${k}`,
    value: draft[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDraft({ ...draft, [k]: e.target.value }),
  });
  return (
    <section aria-labelledby="encounters-title">
      <h1 id="encounters-title">{t('encounters.title')}</h1>
      <form
        className="card inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="field">
          <label htmlFor="search-text">{t('encounters.nameOrReference')}</label>
          <input {...bind('text')} />
        </div>
        <div className="field">
          <label htmlFor="search-agency">{t('encounters.agency')}</label>
          <input {...bind('agency')} />
        </div>
        <div className="field">
          <label htmlFor="search-from">{t('encounters.from')}</label>
          <input type="date" {...bind('from')} />
        </div>
        <div className="field">
          <label htmlFor="search-to">{t('encounters.to')}</label>
          <input type="date" {...bind('to')} />
        </div>
        <div className="field">
          <label htmlFor="search-status">{t('encounters.status')}</label>
          <select {...bind('status')}>
            <option value="">{t('encounters.any')}</option>
            {ENCOUNTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {vocabLabel('encounterStatus', s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t('encounters.search')}
        </button>
      </form>
      <SearchResults filters={filters} />
      <NowInCenter />
    </section>
  );
}
