import { orderedCounts } from '../core/reports/figures';
import { POLICE_SOURCES } from '../core/vocab';
import type { UtcRange } from '../core/reports/range';

/**
 * Pieces shared by the figures read from the rollups (db/reports.ts) and the direct computation
 * from the encounters (db/reports-direct.ts), so the two cannot drift apart on what "a police
 * drop-off" or "in range" means.
 */
const POLICE_LIST = POLICE_SOURCES.map((s) => `'${s}'`).join(',');
/** "A police drop-off" (core/vocab POLICE_SOURCES) on a table alias, e.g. `policeOf('e')`. */
export const policeOf = (alias: string): string => `${alias}.referral_source IN (${POLICE_LIST})`;
export const POLICE = `referral_source IN (${POLICE_LIST})`;
export const IN_RANGE = 'arrived_at >= @start AND arrived_at < @end';
/** Police drop-offs with a release time that were not declined: the turnaround population. */
export const MEASURED = `${POLICE} AND officer_released_at IS NOT NULL AND declined_at IS NULL`;

/** A range as the `@start` / `@end` parameters of IN_RANGE. */
export interface Params {
  start: number;
  end: number;
}

export const params = (r: UtcRange): Params => ({ start: r.startMs, end: r.endMs });

/** Keys in the vocabulary's order, unknown ones after (as the figures list them). */
export function orderedKeys(keys: readonly string[], vocabulary: readonly string[]): string[] {
  return Object.keys(
    orderedCounts(
      keys.map((key) => ({ key, n: 1 })),
      vocabulary,
    ),
  );
}
