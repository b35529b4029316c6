import type { DashboardData } from '../../core/contract/interchange';
import { i18n, vocabLabel } from '../i18n';
import type { TableSpec } from './parts';

export type FigureTable =
  'agency' | 'hour' | 'declines' | 'stay' | 'dispositions' | 'weekly' | 'occupancy';

/** Every panel's numbers as a table (on screen, printed, and as CSV), named by panel. */
export function figureTables(d: DashboardData): Record<FigureTable, TableSpec> {
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
