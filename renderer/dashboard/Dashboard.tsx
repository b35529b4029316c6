import { useState } from 'react';
import { FormError } from '../components/Field';
import { FollowUpFiguresPanel } from '../follow-ups/FollowUpFiguresPanel';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { useNow } from '../useNow';
import { ExportButton } from './ExportButton';
import { figureTables } from './figure-tables';
import { FigurePanels } from './FigurePanels';
import { HeadlineFigures } from './HeadlineFigures';
import { PrintSummary } from './parts';
import { RangePicker } from './RangePicker';
import { presetRange, type RangePreset } from './ranges';
import { RepeatVisitors } from './RepeatVisitors';

export default function Dashboard() {
  const { facility } = useSession();
  const now = useNow(60_000);
  const [preset, setPreset] = useState<RangePreset>('30d');
  const [custom, setCustom] = useState(() => presetRange('30d', Date.now(), facility.timeZone));
  const range = preset === 'custom' ? custom : presetRange(preset, now, facility.timeZone);
  const q = useApiQuery('reports.figures', range, ['encounters', 'beds', 'capacity']);
  const d = q.data;
  const empty = d !== null && d.figures.encounters === 0;
  const { t } = useI18n();
  const tables = d ? figureTables(d) : null;

  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <div className="dash-header">
        <h1 id="dash-title">{t('figures.title')}</h1>
        <div className="row-actions no-print">
          <button type="button" onClick={() => window.print()}>
            {t('figures.print')}
          </button>
          <ExportButton />
        </div>
      </div>
      <p className="muted print-only">
        {facility.name} · {t('figures.rangeTo', { from: range.from, to: range.to })} (
        {facility.timeZone})
      </p>
      <div className="no-print">
        <RangePicker
          preset={preset}
          custom={custom}
          onPreset={(p) => {
            if (p === 'custom' && preset !== 'custom') setCustom(range);
            setPreset(p);
          }}
          onCustom={setCustom}
        />
      </div>
      <p className="muted no-print">
        {t('figures.inZone', {
          range:
            range.from === range.to
              ? range.from
              : t('figures.rangeTo', { from: range.from, to: range.to }),
          timeZone: facility.timeZone,
        })}
      </p>
      <FormError message={q.error} />
      {!d && !q.error ? <p className="muted">{t('common.loading')}</p> : null}
      {empty ? (
        <p className="empty-state" role="status">
          {t('figures.empty')}
        </p>
      ) : null}
      {d && !empty && tables ? (
        <>
          <HeadlineFigures d={d} />
          <FigurePanels d={d} tables={tables} range={range} />
          <FollowUpFiguresPanel f={d.figures.followUp} />
          <PrintSummary
            specs={[tables.agency, tables.declines, tables.stay, tables.dispositions]}
          />
          <div className="no-print">
            <RepeatVisitors range={range} />
          </div>
        </>
      ) : null}
    </section>
  );
}
