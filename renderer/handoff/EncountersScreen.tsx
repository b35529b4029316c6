import { useState, type ReactNode } from 'react';
import type { EncounterSummary } from '../../core/encounters/types';
import { ENCOUNTER_STATUSES, type EncounterStatus } from '../../core/vocab';
import { DateRangeFields } from '../components/DateRangeFields';
import { Field, FormError, SelectField } from '../components/Field';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { EncounterPage } from './EncounterPage';
import { Receipt } from './Receipt';
import { useRouteSegments } from './route';
import { fmtDateTime } from './time';
import { personNameLabel } from '../people/person-name';
import { TableHead } from '../components/TableHead';
import { submitWith } from '../components/Forms';

interface Filters {
  text: string;
  agency: string;
  from: string;
  to: string;
  status: EncounterStatus | '';
}
const NO_FILTERS: Filters = { text: '', agency: '', from: '', to: '', status: '' };

/**
 * Encounters as a table: the reference (opening the encounter), person, status and arrival (or
 * expected) time, then the list's own columns.
 */
function EncounterTable({
  caption,
  timeHeading,
  rows,
  more,
}: {
  caption: string;
  timeHeading: string;
  rows: EncounterSummary[];
  more: { heading: string; cell(r: EncounterSummary): ReactNode }[];
}) {
  const { facility } = useSession();
  const { t } = useI18n();
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <TableHead
        columns={[
          t('encounters.colReference'),
          t('encounters.colPerson'),
          t('encounters.colStatus'),
          timeHeading,
          ...more.map((c) => c.heading),
        ]}
      />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={`#/encounters/${r.id}`}>{r.reference}</a>
            </td>
            <td>{personNameLabel(r.firstName, r.lastName)}</td>
            <td>{vocabLabel('encounterStatus', r.status)}</td>
            <td>{fmtDateTime(r.arrivedAt ?? r.expectedEta, facility.timeZone)}</td>
            {more.map((c) => (
              <td key={c.heading}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SearchResults({ filters }: { filters: Filters }) {
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
      <EncounterTable
        caption={t('encounters.foundCaption')}
        timeHeading={t('encounters.colArrived')}
        rows={rows}
        more={[
          { heading: t('encounters.colAgency'), cell: (r) => r.agency ?? '—' },
          { heading: t('encounters.colOfficer'), cell: (r) => r.officerName ?? '—' },
        ]}
      />
    </>
  );
}

/** Who is here or on the way now (officers waiting are on the Handoff screen). */
function NowInCenter() {
  const q = useApiQuery('encounters.active', {}, ['encounters']);
  const rows = [...(q.data?.expected ?? []), ...(q.data?.inHouse ?? [])];
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="now-title">
      <h2 id="now-title">{t('encounters.nowTitle', { count: rows.length })}</h2>
      <FormError message={q.error} />
      <EncounterTable
        caption={t('encounters.nowCaption')}
        timeHeading={t('encounters.colArrivedExpected')}
        rows={rows}
        more={[
          {
            heading: t('encounters.colBed'),
            cell: (r) => (r.bedLabel && r.bedId !== null ? r.bedLabel : '—'),
          },
        ]}
      />
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
        onSubmit={submitWith(() => setFilters(draft))}
      >
        <Field label={t('encounters.nameOrReference')} {...bind('text')} />
        <Field label={t('encounters.agency')} {...bind('agency')} />
        <DateRangeFields
          idPrefix="search"
          labels={{ from: t('encounters.from'), to: t('encounters.to') }}
          value={{ from: draft.from, to: draft.to }}
          onChange={(range) => setDraft({ ...draft, ...range })}
        />
        <SelectField
          label={t('encounters.status')}
          placeholder={t('encounters.any')}
          options={ENCOUNTER_STATUSES.map((s) => ({
            value: s,
            label: vocabLabel('encounterStatus', s),
          }))}
          {...bind('status')}
        />
        <button type="submit" className="primary">
          {t('encounters.search')}
        </button>
      </form>
      <SearchResults filters={filters} />
      <NowInCenter />
    </section>
  );
}
