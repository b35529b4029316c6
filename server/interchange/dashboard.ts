import type { Database } from 'better-sqlite3';
import type { DashboardData } from '../../core/contract/interchange';
import {
  DEFAULT_TURNAROUND_TARGET_MINUTES,
  TURNAROUND_TARGET_SETTING,
  percent,
} from '../../core/reports/figures';
import type { UtcRange } from '../../core/reports/range';
import { getSetting } from '../../db/settings';
import {
  acceptingWhileNotFull,
  computeFigures,
  occupancyByUnit,
  turnaroundByAgency,
  turnaroundByHour,
  volume,
} from '../../db/reports';

/** The turnaround target (minutes) shared with the live clock on the board. */
export function turnaroundTarget(db: Database): number {
  const v = getSetting<number>(db, TURNAROUND_TARGET_SETTING, DEFAULT_TURNAROUND_TARGET_MINUTES);
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_TURNAROUND_TARGET_MINUTES;
}

/** Everything the dashboard shows for a range: Figures JSON v1 plus its breakdowns. */
export function dashboardData(db: Database, range: UtcRange, target: number): DashboardData {
  const figures = computeFigures(db, range, target);
  const { heatmap, weekly } = volume(db, range);
  const discharged = Object.values(figures.dispositions).reduce((a, b) => a + b, 0);
  return {
    figures,
    turnaroundByAgency: turnaroundByAgency(db, range, target),
    turnaroundByHour: turnaroundByHour(db, range, target),
    heatmap,
    weekly,
    accepting: acceptingWhileNotFull(db, range),
    edDiversionPct: percent(discharged - (figures.dispositions.medical_ed ?? 0), discharged),
    occupancy: occupancyByUnit(db, range),
  };
}
