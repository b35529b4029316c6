import type { DashboardData } from '../../core/contract/interchange';
import { formatNumber, i18n, useI18n } from '../i18n';
import { FigureCard } from './parts';

/** A figure with its unit, in the language's number format (thousands separators). */
const fmt = (v: number | null, unit: 'minutes' | 'hours' | 'percent') =>
  v === null ? null : i18n.t(`figures.${unit}`, { value: formatNumber(v) });
const n = (v: number | null) => (v === null ? null : formatNumber(v));

/** The headline cards, each against its target where the field has one. */
export function HeadlineFigures({ d }: { d: DashboardData }) {
  const f = d.figures;
  const t = f.turnaroundMinutes;
  const police = f.policeDropOffs;
  const { t: tr } = useI18n();
  return (
    <div className="figure-grid">
      <FigureCard id="encounters" value={f.encounters} />
      <FigureCard id="policeDropOffs" value={police} />
      <FigureCard
        id="declinedPoliceDropOffs"
        value={police === 0 ? null : f.declinedPoliceDropOffs}
        status={
          police === 0
            ? undefined
            : {
                ok: f.declinedPoliceDropOffs === 0,
                text:
                  f.declinedPoliceDropOffs === 0
                    ? tr('figures.targetMetNone')
                    : tr('figures.targetZero'),
              }
        }
      />
      <FigureCard
        id="turnaround"
        label={tr('figures.turnaroundMedian')}
        value={fmt(t.median, 'minutes')}
        detail={t.count ? tr('figures.p90Detail', { p90: n(t.p90) ?? '—', count: t.count }) : null}
      />
      <FigureCard
        id="turnaround"
        label={tr('figures.withinMinutes', { count: t.targetMinutes })}
        value={fmt(t.withinTargetPct, 'percent')}
      />
      <FigureCard
        id="acceptingWhileNotFull"
        value={fmt(d.accepting.pct, 'percent')}
        detail={d.accepting.reason}
        status={
          d.accepting.pct === null
            ? undefined
            : { ok: d.accepting.pct >= 90, text: tr('figures.target90') }
        }
      />
      <FigureCard
        id="chairStaysOver23h59"
        value={f.lengthOfStayHours.chair ? f.chairStaysOver23h59 : null}
        status={
          f.lengthOfStayHours.chair
            ? {
                ok: f.chairStaysOver23h59 === 0,
                text:
                  f.chairStaysOver23h59 === 0
                    ? tr('figures.targetMetNone')
                    : tr('figures.targetZero'),
              }
            : undefined
        }
      />
      <FigureCard
        id="jailDiversion"
        value={
          f.jailDiversion.probableCause
            ? tr('figures.xOfY', {
                x: formatNumber(f.jailDiversion.diverted),
                y: formatNumber(f.jailDiversion.probableCause),
              })
            : null
        }
        detail={tr('figures.jailDetail')}
      />
      <FigureCard id="edDiversion" value={fmt(d.edDiversionPct, 'percent')} />
      <FigureCard id="repeatVisitors" value={f.encounters ? f.repeatVisitors : null} />
    </div>
  );
}
