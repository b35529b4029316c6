import type { Database } from 'better-sqlite3';
import type { DashboardData } from '../../core/contract/interchange';
import { percent } from '../../core/reports/figures';
import type { UtcRange } from '../../core/reports/range';
import {
  acceptingWhileNotFull,
  computeFigures,
  occupancyByUnit,
  turnaround,
  volume,
} from '../../db/reports';
import { rangeParts } from '../../db/report-days';
import { inTransaction } from '../../db/tx';

/** Everything the dashboard shows for a range: Figures JSON v1 plus its breakdowns. */
export function dashboardData(db: Database, range: UtcRange, target: number): DashboardData {
  // One snapshot for every read: a commit between two of them would mix two states.
  return inTransaction(db, () => compute(db, range, target));
}

function compute(db: Database, range: UtcRange, target: number): DashboardData {
  const parts = rangeParts(db, range);
  const t = turnaround(db, range, target, parts);
  const figures = computeFigures(db, range, target, t, parts);
  const { heatmap, weekly } = volume(db, range);
  const discharged = Object.values(figures.dispositions).reduce((a, b) => a + b, 0);
  return {
    figures,
    turnaroundByAgency: t.byAgency,
    turnaroundByHour: t.byHour,
    heatmap,
    weekly,
    accepting: acceptingWhileNotFull(db, range),
    edDiversionPct: percent(discharged - (figures.dispositions.medical_ed ?? 0), discharged),
    occupancy: occupancyByUnit(db, range),
  };
}
