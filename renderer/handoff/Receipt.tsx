import { formatMmSs } from '../../core/encounters/turnaround';
import { FormError } from '../components/Field';
import { useI18n } from '../i18n';
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
  const { t } = useI18n();
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <div className="no-print actions">
        <a href={`#/encounters/${id}`}>{t('receipt.back')}</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
      </div>
      <FormError message={q.error} />
      {r ? (
        <article className="receipt-page" data-testid="officer-receipt">
          <h1 id="receipt-title">{t('receipt.title')}</h1>
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
            <dt>{t('receipt.reference')}</dt>
            <dd>{r.reference}</dd>
            <dt>{t('receipt.agency')}</dt>
            <dd>{r.agency ?? '—'}</dd>
            <dt>{t('receipt.officer')}</dt>
            <dd>
              {r.officerName ?? '—'}
              {r.badgeNumber ? t('receipt.badge', { badge: r.badgeNumber }) : ''}
            </dd>
            <dt>{t('receipt.arrived')}</dt>
            <dd>{fmtDateTime(r.arrivedAt, r.timeZone)}</dd>
            <dt>{t('receipt.released')}</dt>
            <dd>
              {r.officerReleasedAt === null
                ? t('receipt.notReleased')
                : fmtDateTime(r.officerReleasedAt, r.timeZone)}
            </dd>
            <dt>{t('receipt.turnaround')}</dt>
            <dd>
              {r.arrivedAt !== null && r.officerReleasedAt !== null
                ? formatMmSs(r.officerReleasedAt - r.arrivedAt)
                : '—'}
            </dd>
          </dl>
          <p className="muted">{t('receipt.footer', { timeZone: r.timeZone })}</p>
        </article>
      ) : null}
    </section>
  );
}
