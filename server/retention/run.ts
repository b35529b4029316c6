import { subMonths } from 'date-fns';
import { appendAudit } from '../../db/audit';
import { applyRetention, type RetentionResult } from '../../db/retention';
import { getSetting, setSetting } from '../../db/settings';
import { inTransaction } from '../../db/tx';
import { notifyChange, type AppContext } from '../context';
import { databaseProblem } from '../integrity';
import { HOUR_MS, repeatEvery } from '../periodic';
import { RETENTION_LAST_RUN_SETTING, RETENTION_MONTHS_SETTING } from './settings';

export interface RetentionOutcome extends RetentionResult {
  months: number | null;
  cutoff: number | null;
  dryRun: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionMonths(app: AppContext): number | null {
  const v = getSetting<unknown>(app.db, RETENTION_MONTHS_SETTING, null);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null;
}

/**
 * One retention run: every encounter that ended more than the set number of months ago loses
 * its identifying details (db/retention.ts), in one transaction with its one audit row (the
 * count), so a kill leaves none or all of it. Off (no months set): nothing happens.
 */
export function runRetention(
  app: AppContext,
  options: { dryRun?: boolean; username?: string | null; userId?: number | null } = {},
): RetentionOutcome {
  const dryRun = options.dryRun ?? false;
  const months = retentionMonths(app);
  if (months === null) return { months, cutoff: null, dryRun, encounters: 0, steps: {} };
  const now = app.clock.now();
  const cutoff = subMonths(now, months).getTime();
  const result = inTransaction(app.db, () => {
    const r = applyRetention(app.db, cutoff, now, dryRun);
    appendAudit(app.db, {
      at: now,
      userId: options.userId ?? null,
      username: options.username ?? null,
      action: dryRun ? 'retention.dryRun' : 'retention.run',
      entity: 'encounters',
      detail: { months, cutoff, encounters: r.encounters, steps: r.steps },
    });
    if (!dryRun)
      setSetting(app.db, RETENTION_LAST_RUN_SETTING, { at: now, deidentified: r.encounters }, now);
    return r;
  });
  if (!dryRun) notifyChange(app, ['retention', 'encounters']);
  return { ...result, months, cutoff, dryRun };
}

export interface RetentionScheduler {
  stop(): void;
}

/** The nightly job: checked hourly (and at start), a run when the last one is a day old. */
export function startRetentionScheduler(
  app: AppContext,
  log: { error(message: string, err: unknown): void },
  everyMs = HOUR_MS,
): RetentionScheduler {
  const tick = () => {
    try {
      if (databaseProblem(app) || !app.db.open || retentionMonths(app) === null) return;
      const last = getSetting<{ at?: number } | null>(app.db, RETENTION_LAST_RUN_SETTING, null);
      if (last?.at !== undefined && app.clock.now() - last.at < DAY_MS) return;
      runRetention(app, { username: 'retention' });
    } catch (err) {
      log.error('retention run failed', err);
    }
  };
  return { stop: repeatEvery(everyMs, tick) };
}
