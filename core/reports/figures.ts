import type { FollowUpFigures } from '../follow-up/figures';
/**
 * Figures JSON v1 (docs/figures-json.md): the shape `handoff report --json` prints and
 * the dashboard shows. Each figure's definition lives once, in FIGURE_DEFINITIONS; the SQL in
 * db/reports.ts implements exactly that text, and the UI shows it behind the figure's "?".
 */
export interface FiguresV1 {
  version: 1;
  range: { from: string; to: string; timeZone: string };
  encounters: number;
  policeDropOffs: number;
  declinedPoliceDropOffs: number;
  declineReasons: Record<string, number>;
  turnaroundMinutes: {
    count: number;
    median: number | null;
    p90: number | null;
    withinTargetPct: number | null;
    targetMinutes: number;
  };
  lengthOfStayHours: Record<string, { count: number; median: number | null; p90: number | null }>;
  chairStaysOver23h59: number;
  dispositions: Record<string, number>;
  jailDiversion: { probableCause: number; diverted: number };
  repeatVisitors: number;
  /** DESIGN.md "Follow-up after discharge" (core/follow-up/figures.ts defines each number). */
  followUp: FollowUpFigures;
}

export type FigureId =
  | 'inRange'
  | 'encounters'
  | 'policeDropOffs'
  | 'declinedPoliceDropOffs'
  | 'turnaround'
  | 'percentiles'
  | 'lengthOfStay'
  | 'chairStaysOver23h59'
  | 'dispositions'
  | 'jailDiversion'
  | 'edDiversion'
  | 'repeatVisitors'
  | 'acceptingWhileNotFull'
  | 'volume'
  | 'occupancy';

/** The definitions, word for word what the figures compute (tests pin each). */
export const FIGURE_DEFINITIONS: Record<FigureId, { label: string; definition: string }> = {
  inRange: {
    label: 'Date range',
    definition:
      'An encounter is in range when it arrived on or after the start day at 00:00 and before the day after the end day at 00:00, both in the facility’s time zone.',
  },
  encounters: {
    label: 'Encounters',
    definition:
      'Every encounter that arrived in range, whatever the referral source or outcome (declined ones included).',
  },
  policeDropOffs: {
    label: 'Police drop-offs',
    definition:
      'Encounters in range whose referral source is law enforcement or a co-responder team.',
  },
  declinedPoliceDropOffs: {
    label: 'Declined police drop-offs',
    definition:
      'Police drop-offs in range that were declined (have a decline time), counted by decline reason. Target: zero.',
  },
  turnaround: {
    label: 'Officer turnaround',
    definition:
      'Minutes from arrival to the officer being released (staff assumed custody), over police drop-offs in range that have a release time and were not declined. Within target: at most the target minutes.',
  },
  percentiles: {
    label: 'Median and 90th percentile',
    definition:
      'Linear interpolation between the closest ranks (PERCENTILE_CONT, numpy’s default); no value when there is nothing to measure. Numbers are rounded to 2 decimals, percentages to 1.',
  },
  lengthOfStay: {
    label: 'Length of stay',
    definition:
      'Hours from arrival to discharge over discharged encounters in range, grouped by the kind of unit of the bed held last; only kinds with at least one stay appear. Encounters still open are not counted.',
  },
  chairStaysOver23h59: {
    label: 'Chair stays over 23 h 59 min',
    definition:
      'Discharged encounters in range whose last bed was a 23-hour recliner (chair) and whose stay was longer than 23 hours 59 minutes. Target: zero.',
  },
  dispositions: {
    label: 'Dispositions',
    definition:
      'Discharged encounters in range by disposition (only dispositions that occur are listed).',
  },
  jailDiversion: {
    label: 'Jail diversion',
    definition:
      'Police drop-offs in range with probable cause for an arrest, and of those the ones recorded as diverted from arrest.',
  },
  edDiversion: {
    label: 'ED diversion',
    definition:
      'Share of discharged encounters in range whose disposition is not the medical emergency department.',
  },
  repeatVisitors: {
    label: 'Repeat visitors',
    definition:
      'People (same first name, last name and date of birth, compared trimmed and case-insensitively; rows without all three never match) with three encounters in range where the third arrives at most 30 days (30 × 24 hours) after the first.',
  },
  acceptingWhileNotFull: {
    label: 'Accepting police while not full',
    definition:
      'Share of the time in range, while the facility was not full, during which it was accepting law-enforcement drop-offs (from the capacity history). Target: at least 90%.',
  },
  occupancy: {
    label: 'Occupancy by unit',
    definition:
      'Beds in service and occupied now; over the range, the time-weighted average number of occupied beds and the most occupied at once, from the bed history (each change into or out of occupied). No value when a unit has no bed history.',
  },
  volume: {
    label: 'Volume',
    definition:
      'Encounters in range by hour of day and day of week, and per week (weeks start on Monday), in the facility’s time zone.',
  },
};

/**
 * Rounds half away from zero at `digits` decimals. The value is first cut to 12 significant
 * digits after scaling, so float noise from unit conversions (20.574999999999996 for 20.575) rounds the way
 * the hand-worked figure does.
 */
export function roundTo(x: number, digits: number): number {
  const scale = 10 ** digits;
  const scaled = Number((Math.abs(x) * scale).toPrecision(12));
  const r = Math.round(scaled) / scale;
  return (x < 0 ? -r : r) || 0;
}

export const round2 = (x: number | null): number | null => (x === null ? null : roundTo(x, 2));

/** A share as a percentage rounded to 1 decimal; no value when there is nothing to divide. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : roundTo((100 * part) / whole, 1);

/**
 * PERCENTILE_CONT over sorted values (p from 0 to 1): linear interpolation between the closest
 * ranks, as numpy's default. The SQL path uses SQLite's percentile_cont; this one serves
 * in-memory lists (per-agency tables in tests, fixtures) and pins the same definition.
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const idx = p * (sorted.length - 1);
  const lo = Math.floor(idx);
  const hi = Math.ceil(idx);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (idx - lo);
}

/** Orders a `{key: count}` map by a vocabulary, unknown keys after it alphabetically. */
export function orderedCounts(
  entries: ReadonlyArray<{ key: string; n: number }>,
  vocabulary: readonly string[],
): Record<string, number> {
  const rank = (k: string) => {
    const i = vocabulary.indexOf(k);
    return i === -1 ? vocabulary.length : i;
  };
  const sorted = [...entries].sort(
    (a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key),
  );
  const out: Record<string, number> = {};
  for (const e of sorted) if (e.n > 0) out[e.key] = e.n;
  return out;
}

/** A stay over 23 h 59 min (DOMAIN.md: 23-hour observation is capped there). */
export const CHAIR_STAY_LIMIT_MS = (23 * 60 + 59) * 60_000;
/** "Within 30 days": the third arrival at most 30 × 24 h after the first. */
export const REPEAT_WINDOW_MS = 30 * 86_400_000;
export const REPEAT_VISIT_COUNT = 3;
