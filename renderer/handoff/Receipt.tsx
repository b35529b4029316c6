import { formatMmSs } from '../../core/encounters/turnaround';
import { FormError } from '../components/Field';
import { useApiQuery } from '../useApiQuery';
import { fmtDateTime } from './time';

/**
 * The officer's receipt: proof of when custody passed to the center. Built from
 * `encounters.receipt`, which carries no clinical detail and not even the person's name: the
 * paper leaves the building in a patrol car.
 */
export function Receipt({ id }: { id: number }) {
  const q = useApiQuery('encounters.receipt', { id }, ['encounters']);
  const r = q.data;
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <div className="no-print actions">
        <a href={`#/encounters/${id}`}>Back to the encounter</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print receipt
        </button>
      </div>
      <FormError message={q.error} />
      {r ? (
        <article className="receipt-page" data-testid="officer-receipt">
          <h1 id="receipt-title">Officer drop-off receipt</h1>
          <p className="receipt-center">
            <strong>{r.facilityName}</strong>
            {r.facilityAddress ? (
              <>
                <br />
                {r.facilityAddress}
              </>
            ) : null}
            {r.facilityPhone ? (
              <>
                <br />
                {r.facilityPhone}
              </>
            ) : null}
          </p>
          <dl className="facts">
            <dt>Reference</dt>
            <dd>{r.reference}</dd>
            <dt>Agency</dt>
            <dd>{r.agency ?? '—'}</dd>
            <dt>Officer</dt>
            <dd>
              {r.officerName ?? '—'}
              {r.badgeNumber ? `, badge ${r.badgeNumber}` : ''}
            </dd>
            <dt>Arrived</dt>
            <dd>{fmtDateTime(r.arrivedAt, r.timeZone)}</dd>
            <dt>Released (custody assumed by the center)</dt>
            <dd>
              {r.officerReleasedAt === null
                ? 'Not yet released'
                : fmtDateTime(r.officerReleasedAt, r.timeZone)}
            </dd>
            <dt>Turnaround</dt>
            <dd>
              {r.arrivedAt !== null && r.officerReleasedAt !== null
                ? formatMmSs(r.officerReleasedAt - r.arrivedAt)
                : '—'}
            </dd>
          </dl>
          <p className="muted">Times in {r.timeZone}. Keep this with the incident report.</p>
        </article>
      ) : null}
    </section>
  );
}
