import { useState } from 'react';
import { ENCOUNTER_STATUSES, type EncounterStatus } from '../../core/vocab';
import { FormError } from '../components/Field';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { EncounterPage } from './EncounterPage';
import { Receipt } from './Receipt';
import { useRouteSegments } from './route';
import { fmtDateTime } from './time';

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
  if (q.error) return <FormError message={q.error} />;
  const rows = q.data?.rows ?? [];
  return (
    <>
      <p role="status" className="muted">
        {q.loading ? 'Searching…' : `${rows.length}${q.data?.truncated ? '+' : ''} encounters`}
      </p>
      <table className="table">
        <caption className="sr-only">Encounters found</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Person</th>
            <th scope="col">Status</th>
            <th scope="col">Arrived</th>
            <th scope="col">Agency</th>
            <th scope="col">Officer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`#/encounters/${r.id}`}>{r.reference}</a>
              </td>
              <td>{r.personName}</td>
              <td>{r.status}</td>
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
  return (
    <section className="card" aria-labelledby="now-title">
      <h2 id="now-title">Now in the center ({rows.length})</h2>
      <FormError message={q.error} />
      <table className="table">
        <caption className="sr-only">Expected and current encounters</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Person</th>
            <th scope="col">Status</th>
            <th scope="col">Arrived / expected</th>
            <th scope="col">Bed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`#/encounters/${r.id}`}>{r.reference}</a>
              </td>
              <td>{r.personName}</td>
              <td>{r.status}</td>
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
      <h1 id="encounters-title">Encounters</h1>
      <form
        className="card inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="field">
          <label htmlFor="search-text">Name or reference</label>
          <input {...bind('text')} />
        </div>
        <div className="field">
          <label htmlFor="search-agency">Agency</label>
          <input {...bind('agency')} />
        </div>
        <div className="field">
          <label htmlFor="search-from">From</label>
          <input type="date" {...bind('from')} />
        </div>
        <div className="field">
          <label htmlFor="search-to">To</label>
          <input type="date" {...bind('to')} />
        </div>
        <div className="field">
          <label htmlFor="search-status">Status</label>
          <select {...bind('status')}>
            <option value="">Any</option>
            {ENCOUNTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <SearchResults filters={filters} />
      <NowInCenter />
    </section>
  );
}
