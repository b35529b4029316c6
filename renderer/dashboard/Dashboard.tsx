import { useState } from 'react';
import type { DashboardData } from '../../core/contract/interchange';
import { FormError } from '../components/Field';
import { formatNumber, i18n, useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { useNow } from '../useNow';
import { Bars, Trend } from './Charts';
import { ExportButton } from './ExportButton';
import { DataTable, FigureCard, Panel, PrintSummary, type TableSpec } from './parts';
import { PRESETS, presetRange, type RangePreset } from './ranges';
import { RepeatVisitors } from './RepeatVisitors';
import { FollowUpFiguresPanel } from '../follow-ups/FollowUpFiguresPanel';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const weekday = (i: number) => i18n.t(`figures.weekdays.${WEEKDAYS[i] ?? 'mon'}`);
/** A figure with its unit, in the language's number format (thousands separators). */
const fmt = (v: number | null, unit: 'minutes' | 'hours' | 'percent') =>
  v === null ? null : i18n.t(`figures.${unit}`, { value: formatNumber(v) });
const n = (v: number | null) => (v === null ? null : formatNumber(v));

function RangePicker({
  preset,
  custom,
  onPreset,
  onCustom,
}: {
  preset: RangePreset;
  custom: { from: string; to: string };
  onPreset(p: RangePreset): void;
  onCustom(r: { from: string; to: string }): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="range-picker">
      <legend>{t('figures.dateRange')}</legend>
      <div className="row-actions" role="group" aria-label={t('figures.dateRange')}>
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={preset === p.id}
            className={preset === p.id ? 'primary' : undefined}
            onClick={() => onPreset(p.id)}
          >
            {t(`figures.presets.${p.id}`)}
          </button>
        ))}
      </div>
      {preset === 'custom' ? (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="range-from">{t('figures.from')}</label>
            <input
              id="range-from"
              type="date"
              value={custom.from}
              onChange={(e) => onCustom({ ...custom, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="range-to">{t('figures.to')}</label>
            <input
              id="range-to"
              type="date"
              value={custom.to}
              onChange={(e) => onCustom({ ...custom, to: e.target.value })}
            />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

function Figures({ d }: { d: DashboardData }) {
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

function tables(d: DashboardData): Record<string, TableSpec> {
  const f = d.figures;
  const t = i18n.t;
  const turnaroundHeader = [
    t('figures.colMeasured'),
    t('figures.colMedianMin'),
    t('figures.colP90Min'),
    t('figures.colWithinPct'),
  ];
  return {
    agency: {
      caption: t('figures.byAgency'),
      header: [t('figures.colAgency'), ...turnaroundHeader],
      rows: d.turnaroundByAgency.map((a) => [
        a.key || t('figures.notRecorded'),
        a.count,
        a.median,
        a.p90,
        a.withinTargetPct,
      ]),
      fileName: `turnaround-by-agency-${f.range.from}-${f.range.to}.csv`,
    },
    hour: {
      caption: t('figures.byHour'),
      header: [t('figures.colHour'), ...turnaroundHeader],
      rows: d.turnaroundByHour.map((a) => [
        `${a.key.padStart(2, '0')}:00`,
        a.count,
        a.median,
        a.p90,
        a.withinTargetPct,
      ]),
      fileName: `turnaround-by-hour-${f.range.from}-${f.range.to}.csv`,
    },
    declines: {
      caption: t('figures.declinesByReason'),
      header: [t('figures.colReason'), t('figures.colDeclined')],
      rows: Object.entries(f.declineReasons).map(([k, n]) => [vocabLabel('declineReason', k), n]),
      fileName: `declines-${f.range.from}-${f.range.to}.csv`,
    },
    stay: {
      caption: t('figures.stayByKind'),
      header: [
        t('figures.colUnitKind'),
        t('figures.colStays'),
        t('figures.colMedianH'),
        t('figures.colP90H'),
      ],
      rows: Object.entries(f.lengthOfStayHours).map(([k, s]) => [
        vocabLabel('unitKind', k),
        s.count,
        s.median,
        s.p90,
      ]),
      fileName: `length-of-stay-${f.range.from}-${f.range.to}.csv`,
    },
    dispositions: {
      caption: t('figures.dispositions'),
      header: [t('figures.colDisposition'), t('figures.colDischarges')],
      rows: Object.entries(f.dispositions).map(([k, n]) => [vocabLabel('disposition', k), n]),
      fileName: `dispositions-${f.range.from}-${f.range.to}.csv`,
    },
    weekly: {
      caption: t('figures.perWeek'),
      header: [t('figures.colWeek'), t('figures.colEncounters'), t('figures.colPolice')],
      rows: d.weekly.map((w) => [w.week, w.encounters, w.policeDropOffs]),
      fileName: `weekly-${f.range.from}-${f.range.to}.csv`,
    },
    occupancy: {
      caption: t('figures.occupancy'),
      header: [
        t('figures.colUnit'),
        t('figures.colKind'),
        t('figures.colBedsNow'),
        t('figures.colOccupiedNow'),
        t('figures.colAverage'),
        t('figures.colPeak'),
      ],
      rows: d.occupancy.map((o) => [
        o.unit,
        vocabLabel('unitKind', o.kind),
        o.total,
        o.occupied,
        o.average,
        o.peak,
      ]),
      fileName: `occupancy-${f.range.from}-${f.range.to}.csv`,
    },
  };
}

function Heatmap({ grid, range }: { grid: number[][]; range: { from: string; to: string } }) {
  const max = Math.max(1, ...grid.flat());
  const { t } = useI18n();
  const spec: TableSpec = {
    caption: t('figures.heatmap'),
    header: [
      t('figures.colDay'),
      ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
    ],
    rows: grid.map((row, i) => [weekday(i), ...row]),
    fileName: `arrivals-by-hour-${range.from}-${range.to}.csv`,
  };
  return (
    <>
      {/* Scrolls sideways on narrow screens: focusable so keyboard users can scroll it too. */}
      <div
        className="heatmap-wrap"
        tabIndex={0}
        role="region"
        aria-label={t('figures.heatmapScroll')}
      >
        <table className="heatmap">
          <caption className="sr-only">{t('figures.heatmapCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.colDay')}</th>
              {Array.from({ length: 24 }, (_, h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((row, i) => (
              <tr key={i}>
                <th scope="row">{weekday(i)}</th>
                {row.map((n, h) => (
                  <td
                    key={h}
                    style={{
                      background: `color-mix(in srgb, var(--accent) ${Math.round((n / max) * 85)}%, transparent)`,
                    }}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DataTable spec={spec} />
    </>
  );
}

export default function Dashboard() {
  const { facility } = useSession();
  const now = useNow(60_000);
  const [preset, setPreset] = useState<RangePreset>('30d');
  const [custom, setCustom] = useState(() => presetRange('30d', Date.now(), facility.timeZone));
  const range = preset === 'custom' ? custom : presetRange(preset, now, facility.timeZone);
  const q = useApiQuery('reports.figures', range, ['encounters', 'beds', 'capacity']);
  const d = q.data;
  const empty = d !== null && d.figures.encounters === 0;
  const { t: tr } = useI18n();
  const t = d ? tables(d) : null;

  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <div className="dash-header">
        <h1 id="dash-title">{tr('figures.title')}</h1>
        <div className="row-actions no-print">
          <button type="button" onClick={() => window.print()}>
            {tr('figures.print')}
          </button>
          <ExportButton />
        </div>
      </div>
      <p className="muted print-only">
        {facility.name} · {tr('figures.rangeTo', { from: range.from, to: range.to })} (
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
        {tr('figures.inZone', {
          range:
            range.from === range.to
              ? range.from
              : tr('figures.rangeTo', { from: range.from, to: range.to }),
          timeZone: facility.timeZone,
        })}
      </p>
      <FormError message={q.error} />
      {!d && !q.error ? <p className="muted">{tr('common.loading')}</p> : null}
      {empty ? (
        <p className="empty-state" role="status">
          {tr('figures.empty')}
        </p>
      ) : null}
      {d && !empty && t ? (
        <>
          <Figures d={d} />
          <div className="panel-grid no-print">
            <Panel title={tr('figures.panelAgency')} definition="turnaround">
              <Bars
                data={d.turnaroundByAgency.map((a) => ({
                  agency: a.key || tr('figures.notRecorded'),
                  median: a.median,
                }))}
                x="agency"
                y="median"
                unit=" min"
                label={tr('figures.chartAgency')}
              />
              <DataTable spec={t.agency!} />
            </Panel>
            <Panel title={tr('figures.panelHour')} definition="turnaround">
              <Bars
                data={d.turnaroundByHour.map((a) => ({ hour: a.key, median: a.median }))}
                x="hour"
                y="median"
                columns
                unit=" min"
                label={tr('figures.chartHour')}
              />
              <DataTable spec={t.hour!} />
            </Panel>
            <Panel title={tr('figures.panelDeclined')} definition="declinedPoliceDropOffs">
              <DataTable spec={t.declines!} open />
            </Panel>
            <Panel title={tr('figures.panelStay')} definition="lengthOfStay">
              <Bars
                data={Object.entries(d.figures.lengthOfStayHours).map(([k, s]) => ({
                  kind: vocabLabel('unitKind', k),
                  median: s.median,
                }))}
                x="kind"
                y="median"
                unit=" h"
                label={tr('figures.chartStay')}
              />
              <DataTable spec={t.stay!} />
            </Panel>
            <Panel title={tr('figures.panelDispositions')} definition="dispositions">
              <Bars
                data={Object.entries(d.figures.dispositions).map(([k, n]) => ({
                  disposition: vocabLabel('disposition', k),
                  discharges: n,
                }))}
                x="disposition"
                y="discharges"
                label={tr('figures.chartDispositions')}
              />
              <DataTable spec={t.dispositions!} />
            </Panel>
            <Panel title={tr('figures.panelWeekly')} definition="volume">
              <Trend
                data={d.weekly}
                x="week"
                lines={[
                  { key: 'encounters', name: tr('figures.lineEncounters'), color: 'var(--accent)' },
                  {
                    key: 'policeDropOffs',
                    name: tr('figures.linePolice'),
                    color: 'var(--warn)',
                  },
                ]}
                label={tr('figures.chartWeekly')}
              />
              <DataTable spec={t.weekly!} />
            </Panel>
            <Panel title={tr('figures.panelHeatmap')} definition="volume" wide>
              <Heatmap grid={d.heatmap} range={range} />
            </Panel>
            <Panel title={tr('figures.panelOccupancy')} definition="occupancy" wide>
              {d.occupancy.length === 0 ? (
                <p className="muted">{tr('figures.noUnits')}</p>
              ) : (
                <DataTable spec={t.occupancy!} open />
              )}
            </Panel>
          </div>
          <FollowUpFiguresPanel f={d.figures.followUp} />
          <PrintSummary specs={[t.agency!, t.declines!, t.stay!, t.dispositions!]} />
          <div className="no-print">
            <RepeatVisitors range={range} />
          </div>
        </>
      ) : null}
    </section>
  );
}
