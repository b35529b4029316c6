import type { DashboardData } from '../../core/contract/interchange';
import { useI18n, vocabLabel } from '../i18n';
import type { ComponentProps } from 'react';
import type { FigureId } from '../../core/reports/figures';
import { Bars, Trend } from './Charts';
import type { FigureTable } from './figure-tables';
import { Heatmap } from './Heatmap';
import type { DateRange } from '../components/DateRangeFields';
import { DataTable, Panel, type TableSpec } from './parts';

/** A bar chart's panel: the chart, then its numbers as a table under it. */
function BarsPanel({
  title,
  definition,
  table,
  ...bars
}: { title: string; definition: FigureId; table: TableSpec } & ComponentProps<typeof Bars>) {
  return (
    <Panel title={title} definition={definition}>
      <Bars {...bars} />
      <DataTable spec={table} />
    </Panel>
  );
}

/** The on-screen panels: each chart with its numbers as a table under it. */
export function FigurePanels({
  d,
  tables,
  range,
}: {
  d: DashboardData;
  tables: Record<FigureTable, TableSpec>;
  range: DateRange;
}) {
  const { t } = useI18n();
  return (
    <div className="panel-grid no-print">
      <BarsPanel
        title={t('figures.panelAgency')}
        definition="turnaround"
        table={tables.agency}
        data={d.turnaroundByAgency.map((a) => ({
          agency: a.key || t('figures.notRecorded'),
          median: a.median,
        }))}
        x="agency"
        y="median"
        unit=" min"
        label={t('figures.chartAgency')}
      />
      <BarsPanel
        title={t('figures.panelHour')}
        definition="turnaround"
        table={tables.hour}
        data={d.turnaroundByHour.map((a) => ({ hour: a.key, median: a.median }))}
        x="hour"
        y="median"
        columns
        unit=" min"
        label={t('figures.chartHour')}
      />
      <Panel title={t('figures.panelDeclined')} definition="declinedPoliceDropOffs">
        <DataTable spec={tables.declines} open />
      </Panel>
      <BarsPanel
        title={t('figures.panelStay')}
        definition="lengthOfStay"
        table={tables.stay}
        data={Object.entries(d.figures.lengthOfStayHours).map(([k, s]) => ({
          kind: vocabLabel('unitKind', k),
          median: s.median,
        }))}
        x="kind"
        y="median"
        unit=" h"
        label={t('figures.chartStay')}
      />
      <BarsPanel
        title={t('figures.panelDispositions')}
        definition="dispositions"
        table={tables.dispositions}
        data={Object.entries(d.figures.dispositions).map(([k, n]) => ({
          disposition: vocabLabel('disposition', k),
          discharges: n,
        }))}
        x="disposition"
        y="discharges"
        label={t('figures.chartDispositions')}
      />
      <Panel title={t('figures.panelWeekly')} definition="volume">
        <Trend
          data={d.weekly}
          x="week"
          lines={[
            { key: 'encounters', name: t('figures.lineEncounters'), color: 'var(--accent)' },
            { key: 'policeDropOffs', name: t('figures.linePolice'), color: 'var(--warn)' },
          ]}
          label={t('figures.chartWeekly')}
        />
        <DataTable spec={tables.weekly} />
      </Panel>
      <Panel title={t('figures.panelHeatmap')} definition="volume" wide>
        <Heatmap grid={d.heatmap} range={range} />
      </Panel>
      <Panel title={t('figures.panelOccupancy')} definition="occupancy" wide>
        {d.occupancy.length === 0 ? (
          <p className="muted">{t('figures.noUnits')}</p>
        ) : (
          <DataTable spec={tables.occupancy} open />
        )}
      </Panel>
    </div>
  );
}
