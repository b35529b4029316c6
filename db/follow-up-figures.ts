import type { Database } from 'better-sqlite3';
import type { FollowUpFigures } from '../core/follow-up/figures';
import { REACHED_OUTCOMES } from '../core/follow-up/vocab';
import { percent } from '../core/reports/figures';
import type { UtcRange } from '../core/reports/range';
import { PLAN_FLAGS, rangeParts, type RangeParts } from './report-days';

/* The follow-up block of the figures (issue #19): from the covering index, and recomputed. */

const HOUR = 3_600_000;

/**
 * The followUp block of Figures JSON v1 (DESIGN.md "Follow-up after discharge"), over the plans
 * of encounters arriving in range: each plan's bits (db/report-days.ts), read from the covering
 * index follow_up_plans_figures (migration 0190; the plan's copies of the times and its first
 * reached attempt, kept by triggers) where a day changed. "Reached within 24 h" is "the first
 * reached attempt at or before discharge + 24 h".
 */
export function followUpFigures(
  db: Database,
  range: UtcRange,
  parts: RangeParts = rangeParts(db, range),
): FollowUpFigures {
  const n = { eligible: 0, r24: 0, r72: 0, scheduled: 0, kept: 0 };
  const names = Object.keys(n) as (keyof typeof n)[];
  for (const f of parts.planFlags) for (const k of names) if (f & PLAN_FLAGS[k]) n[k]++;
  return figuresOf(n.eligible, n.r24, n.r72, n.scheduled, n.kept);
}

export const figuresOf = (
  eligible: number,
  r24: number,
  r72: number,
  scheduled: number,
  kept: number,
): FollowUpFigures => ({
  eligible,
  reachedWithin24h: r24,
  reachedWithin72h: r72,
  within24hPct: percent(r24, eligible),
  within72hPct: percent(r72, eligible),
  aftercareScheduled: scheduled,
  aftercareKept: kept,
});

/**
 * The same block computed another way, for the tests and the rollup check: from the encounters'
 * own arrival and discharge times (not the plan's copies) and every attempt, counted in code.
 */
export function followUpFiguresDirect(db: Database, range: UtcRange): FollowUpFigures {
  const rows = db
    .prepare(
      `SELECT e.id, e.discharged_at, p.eligible, p.appointment_at,
              (SELECT json_group_array(json_array(a.outcome, a.at)) FROM follow_up_attempts a
                WHERE a.encounter_id = e.id) AS attempts
         FROM encounters e JOIN follow_up_plans p ON p.encounter_id = e.id
        WHERE e.arrived_at >= @start AND e.arrived_at < @end AND e.discharged_at IS NOT NULL`,
    )
    .all({ start: range.startMs, end: range.endMs }) as {
    discharged_at: number;
    eligible: number;
    appointment_at: number | null;
    attempts: string;
  }[];
  let eligible = 0;
  let r24 = 0;
  let r72 = 0;
  let scheduled = 0;
  let kept = 0;
  for (const r of rows) {
    const attempts = JSON.parse(r.attempts) as [string, number][];
    const reachedBy = (h: number) =>
      attempts.some(
        ([o, at]) =>
          (REACHED_OUTCOMES as readonly string[]).includes(o) && at - r.discharged_at <= h * HOUR,
      );
    if (r.eligible === 1) {
      eligible++;
      if (reachedBy(24)) r24++;
      if (reachedBy(72)) r72++;
    }
    if (r.appointment_at !== null) {
      scheduled++;
      if (attempts.some(([o]) => o === 'reached_appointment_kept')) kept++;
    }
  }
  return figuresOf(eligible, r24, r72, scheduled, kept);
}
