import type { Database } from 'better-sqlite3';
import type { DashboardData } from '../../core/contract/interchange';
import type { UtcRange } from '../../core/reports/range';
import { personAliases, possibleMatches } from '../../db/person-matches';
import { listRepeatVisitors } from '../../db/reports';
import { dashboardData } from './dashboard';

/**
 * The heavy report reads, as messages a worker thread can run on its own connection (or the
 * main thread can run itself when no worker is available): one definition for both.
 */
export type ReportJob =
  | { kind: 'dashboard'; range: UtcRange; target: number }
  | { kind: 'repeatVisitors'; range: UtcRange }
  | { kind: 'possibleMatches'; range: UtcRange };

export interface ReportResults {
  dashboard: DashboardData;
  repeatVisitors: ReturnType<typeof listRepeatVisitors>;
  possibleMatches: ReturnType<typeof possibleMatches>;
}

export type ReportResult<J extends ReportJob> = ReportResults[J['kind']];

export function runReportJob<J extends ReportJob>(db: Database, job: J): ReportResult<J> {
  switch (job.kind) {
    case 'dashboard':
      return dashboardData(db, job.range, job.target) as ReportResult<J>;
    case 'repeatVisitors':
      return listRepeatVisitors(db, job.range, personAliases(db)) as ReportResult<J>;
    case 'possibleMatches':
      return possibleMatches(db, job.range) as ReportResult<J>;
  }
}
