import { useState } from 'react';
import type { DashboardData } from '../../core/contract/interchange';
import {
  DECLINE_REASON_LABELS,
  DISPOSITION_LABELS,
  UNIT_KIND_LABELS,
  type DeclineReason,
  type Disposition,
  type UnitKind,
} from '../../core/vocab';
import { FormError } from '../components/Field';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { useNow } from '../useNow';
import { Bars, Trend } from './Charts';
import { ExportButton } from './ExportButton';
import { DataTable, FigureCard, Panel, PrintSummary, type TableSpec } from './parts';
import { PRESETS, presetRange, type RangePreset } from './ranges';
import { RepeatVisitors } from './RepeatVisitors';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const fmt = (v: number | null, unit = '') => (v === null ? null : `${v}${unit}`);
const label = <K extends string>(labels: Record<K, string>, k: string) =>
  (labels as Record<string, string>)[k] ?? k;

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
  return (
    <fieldset className="range-picker">
      <legend>Date range</legend>
      <div className="row-actions" role="group" aria-label="Date range">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={preset === p.id}
            className={preset === p.id ? 'primary' : undefined}
            onClick={() => onPreset(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {preset === 'custom' ? (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="range-from">From</label>
            <input
              id="range-from"
              type="date"
              value={custom.from}
              onChange={(e) => onCustom({ ...custom, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="range-to">To</label>
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
                text: f.declinedPoliceDropOffs === 0 ? 'target met: none' : 'target is zero',
              }
        }
      />
      <FigureCard
        id="turnaround"
        label="Officer turnaround, median"
        value={fmt(t.median, ' min')}
        detail={t.count ? `90th percentile ${t.p90} min · ${t.count} drop-offs measured` : null}
      />
      <FigureCard
        id="turnaround"
        label={`Within ${t.targetMinutes} minutes`}
        value={fmt(t.withinTargetPct, '%')}
      />
      <FigureCard
        id="acceptingWhileNotFull"
        value={fmt(d.accepting.pct, '%')}
        detail={d.accepting.reason}
        status={
          d.accepting.pct === null
            ? undefined
            : { ok: d.accepting.pct >= 90, text: 'target at least 90%' }
        }
      />
      <FigureCard
        id="chairStaysOver23h59"
        value={f.lengthOfStayHours.chair ? f.chairStaysOver23h59 : null}
        status={
          f.lengthOfStayHours.chair
            ? {
                ok: f.chairStaysOver23h59 === 0,
                text: f.chairStaysOver23h59 === 0 ? 'target met: none' : 'target is zero',
              }
            : undefined
        }
      />
      <FigureCard
        id="jailDiversion"
        value={
          f.jailDiversion.probableCause
            ? `${f.jailDiversion.diverted} of ${f.jailDiversion.probableCause}`
            : null
        }
        detail="diverted from arrest, of drop-offs with probable cause"
      />
      <FigureCard id="edDiversion" value={fmt(d.edDiversionPct, '%')} />
      <FigureCard id="repeatVisitors" value={f.encounters ? f.repeatVisitors : null} />
    </div>
  );
}

function tables(d: DashboardData): Record<string, TableSpec> {
  const f = d.figures;
  return {
    agency: {
      caption: 'Turnaround by agency',
      header: [
        'Agency',
        'Drop-offs measured',
        'Median (min)',
        '90th percentile (min)',
        'Within target (%)',
      ],
      rows: d.turnaroundByAgency.map((a) => [
        a.key || '(not recorded)',
        a.count,
        a.median,
        a.p90,
        a.withinTargetPct,
      ]),
      fileName: `turnaround-by-agency-${f.range.from}-${f.range.to}.csv`,
    },
    hour: {
      caption: 'Turnaround by hour of arrival',
      header: [
        'Hour',
        'Drop-offs measured',
        'Median (min)',
        '90th percentile (min)',
        'Within target (%)',
      ],
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
      caption: 'Declined police drop-offs by reason',
      header: ['Reason', 'Declined'],
      rows: Object.entries(f.declineReasons).map(([k, n]) => [
        label(DECLINE_REASON_LABELS as Record<DeclineReason, string>, k),
        n,
      ]),
      fileName: `declines-${f.range.from}-${f.range.to}.csv`,
    },
    stay: {
      caption: 'Length of stay by unit kind',
      header: ['Unit kind', 'Stays', 'Median (hours)', '90th percentile (hours)'],
      rows: Object.entries(f.lengthOfStayHours).map(([k, s]) => [
        label(UNIT_KIND_LABELS as Record<UnitKind, string>, k),
        s.count,
        s.median,
        s.p90,
      ]),
      fileName: `length-of-stay-${f.range.from}-${f.range.to}.csv`,
    },
    dispositions: {
      caption: 'Dispositions',
      header: ['Disposition', 'Discharges'],
      rows: Object.entries(f.dispositions).map(([k, n]) => [
        label(DISPOSITION_LABELS as Record<Disposition, string>, k),
        n,
      ]),
      fileName: `dispositions-${f.range.from}-${f.range.to}.csv`,
    },
    weekly: {
      caption: 'Encounters per week',
      header: ['Week starting', 'Encounters', 'Police drop-offs'],
      rows: d.weekly.map((w) => [w.week, w.encounters, w.policeDropOffs]),
      fileName: `weekly-${f.range.from}-${f.range.to}.csv`,
    },
    occupancy: {
      caption: 'Occupancy by unit',
      header: [
        'Unit',
        'Kind',
        'Beds now',
        'Occupied now',
        'Average occupied in range',
        'Peak in range',
      ],
      rows: d.occupancy.map((o) => [
        o.unit,
        label(UNIT_KIND_LABELS as Record<UnitKind, string>, o.kind),
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
  const spec: TableSpec = {
    caption: 'Arrivals by weekday and hour',
    header: ['Day', ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))],
    rows: grid.map((row, i) => [WEEKDAYS[i]!, ...row]),
    fileName: `arrivals-by-hour-${range.from}-${range.to}.csv`,
  };
  return (
    <>
      {/* Scrolls sideways on narrow screens: focusable so keyboard users can scroll it too. */}
      <div
        className="heatmap-wrap"
        tabIndex={0}
        role="region"
        aria-label="Arrivals by weekday and hour (scrollable)"
      >
        <table className="heatmap">
          <caption className="sr-only">
            Arrivals by weekday (rows) and hour of day (columns)
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
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
                <th scope="row">{WEEKDAYS[i]}</th>
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
  const t = d ? tables(d) : null;

  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <div className="dash-header">
        <h1 id="dash-title">Figures</h1>
        <div className="row-actions no-print">
          <button type="button" onClick={() => window.print()}>
            Print summary
          </button>
          <ExportButton />
        </div>
      </div>
      <p className="muted print-only">
        {facility.name} · {range.from} to {range.to} ({facility.timeZone})
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
        {range.from === range.to ? range.from : `${range.from} to ${range.to}`}, in the facility’s
        time zone ({facility.timeZone}).
      </p>
      <FormError message={q.error} />
      {!d && !q.error ? <p className="muted">Loading…</p> : null}
      {empty ? (
        <p className="empty-state" role="status">
          No data: no encounters arrived in this range.
        </p>
      ) : null}
      {d && !empty && t ? (
        <>
          <Figures d={d} />
          <div className="panel-grid no-print">
            <Panel title="Officer turnaround by agency" definition="turnaround">
              <Bars
                data={d.turnaroundByAgency.map((a) => ({
                  agency: a.key || '(not recorded)',
                  median: a.median,
                }))}
                x="agency"
                y="median"
                unit=" min"
                label="Median turnaround by agency, minutes"
              />
              <DataTable spec={t.agency!} />
            </Panel>
            <Panel title="Officer turnaround by hour of arrival" definition="turnaround">
              <Bars
                data={d.turnaroundByHour.map((a) => ({ hour: a.key, median: a.median }))}
                x="hour"
                y="median"
                unit=" min"
                label="Median turnaround by hour of arrival, minutes"
              />
              <DataTable spec={t.hour!} />
            </Panel>
            <Panel title="Declined police drop-offs" definition="declinedPoliceDropOffs">
              <DataTable spec={t.declines!} open />
            </Panel>
            <Panel title="Length of stay" definition="lengthOfStay">
              <Bars
                data={Object.entries(d.figures.lengthOfStayHours).map(([k, s]) => ({
                  kind: label(UNIT_KIND_LABELS as Record<UnitKind, string>, k),
                  median: s.median,
                }))}
                x="kind"
                y="median"
                unit=" h"
                label="Median length of stay by unit kind, hours"
              />
              <DataTable spec={t.stay!} />
            </Panel>
            <Panel title="Dispositions" definition="dispositions">
              <Bars
                data={Object.entries(d.figures.dispositions).map(([k, n]) => ({
                  disposition: label(DISPOSITION_LABELS as Record<Disposition, string>, k),
                  discharges: n,
                }))}
                x="disposition"
                y="discharges"
                label="Discharges by disposition"
              />
              <DataTable spec={t.dispositions!} />
            </Panel>
            <Panel title="Encounters per week" definition="volume">
              <Trend
                data={d.weekly}
                x="week"
                lines={[
                  { key: 'encounters', name: 'Encounters', color: 'var(--accent)' },
                  { key: 'policeDropOffs', name: 'Police drop-offs', color: 'var(--warn)' },
                ]}
                label="Encounters and police drop-offs per week"
              />
              <DataTable spec={t.weekly!} />
            </Panel>
            <Panel title="Arrivals by weekday and hour" definition="volume" wide>
              <Heatmap grid={d.heatmap} range={range} />
            </Panel>
            <Panel title="Occupancy by unit" definition="occupancy">
              {d.occupancy.length === 0 ? (
                <p className="muted">No units are set up yet.</p>
              ) : (
                <DataTable spec={t.occupancy!} open />
              )}
            </Panel>
          </div>
          <PrintSummary specs={[t.agency!, t.declines!, t.stay!, t.dispositions!]} />
          <div className="no-print">
            <RepeatVisitors range={range} />
          </div>
        </>
      ) : null}
    </section>
  );
}
