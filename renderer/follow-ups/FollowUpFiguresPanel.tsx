import type { FollowUpFigures, FollowUpFigureId } from '../../core/follow-up/figures';
import { formatNumber, useI18n } from '../i18n';

/** The followUp block of the figures: each number with its definition beside it (also printed). */
export function FollowUpFiguresPanel({ f }: { f: FollowUpFigures }) {
  const { t } = useI18n();
  const pct = (v: number | null) => (v === null ? t('common.none') : `${formatNumber(v)}%`);
  const rows: { id: FollowUpFigureId; value: string }[] = [
    { id: 'eligible', value: formatNumber(f.eligible) },
    {
      id: 'reachedWithin24h',
      value: `${formatNumber(f.reachedWithin24h)} (${pct(f.within24hPct)})`,
    },
    {
      id: 'reachedWithin72h',
      value: `${formatNumber(f.reachedWithin72h)} (${pct(f.within72hPct)})`,
    },
    { id: 'aftercareScheduled', value: formatNumber(f.aftercareScheduled) },
    { id: 'aftercareKept', value: formatNumber(f.aftercareKept) },
  ];
  return (
    <section className="card follow-up-figures" aria-labelledby="follow-up-figures-title">
      <h2 id="follow-up-figures-title">{t('followUps.figures.title')}</h2>
      <dl className="definitions">
        {rows.map((r) => (
          <div key={r.id} className="definition-row" data-figure={r.id}>
            <dt>{t(`followUps.figures.${r.id}.label`)}</dt>
            <dd>
              <strong className="figure-value">{r.value}</strong>
              <p className="muted">{t(`followUps.figures.${r.id}.definition`)}</p>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
