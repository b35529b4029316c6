import { isLapseDue } from '../../core/encounters/lifecycle';
import {
  getEncounterRow,
  insertEncounterEvent,
  updateEncounter,
  type EncounterRow,
} from '../../db/encounters';
import type { HandlerCtx } from '../context';
import { releaseBed } from './bed-link';
import { TOPICS_WITH_BEDS, write } from './writes';

/**
 * Marks pre-arrival calls lapsed 30 min after their ETA (done lazily when the board reads), from
 * the active rows the board has just read. True when any lapsed: the caller reads again.
 */
export function lapseDue(ctx: HandlerCtx, active: readonly EncounterRow[]): boolean {
  const due = active.filter(
    (r) =>
      r.status === 'expected' && r.expected_eta !== null && isLapseDue(r.expected_eta, ctx.now),
  );
  if (due.length === 0) return false;
  write(
    ctx,
    TOPICS_WITH_BEDS,
    { action: 'encounters.lapse', entity: 'encounters', detail: { ids: due.map((r) => r.id) } },
    () => {
      for (const r of due) {
        const fresh = getEncounterRow(ctx.app.db, r.id)!;
        if (fresh.status !== 'expected') continue;
        releaseBed(ctx.app.db, fresh, null, ctx.now, 'expected arrival lapsed');
        updateEncounter(ctx.app.db, r.id, { status: 'lapsed' }, ctx.now);
        insertEncounterEvent(ctx.app.db, {
          encounterId: r.id,
          at: ctx.now,
          userId: null,
          kind: 'lapsed',
          detail: { eta: r.expected_eta },
        });
      }
    },
  );
  return true;
}
