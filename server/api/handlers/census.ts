import type { censusContract } from '../../../core/contract/census';
import { STAFF_ROLES, type StaffRole } from '../../../core/roles';
import { insertCensusConfirmation } from '../../../db/census';
import { readCensus } from '../../capacity/census';
import type { HandlerCtx } from '../../context';
import type { HandlersFor } from '../types';

function getCensus(_input: Record<string, never>, ctx: HandlerCtx) {
  return readCensus(ctx.app.db, ctx.now);
}

/**
 * One action: the counts on the Board are true now. Audited with the role only in its detail;
 * the 'capacity' topic rebuilds the dispatch snapshot (confirmedAt, stale) and every Board.
 */
function confirmCensus(_input: Record<string, never>, ctx: HandlerCtx) {
  const role = ctx.user.role as StaffRole;
  if (!(STAFF_ROLES as readonly string[]).includes(role)) throw new Error('not a staff role');
  ctx.write(['capacity'], { action: 'census.confirm', entity: 'capacity', detail: { role } }, () =>
    insertCensusConfirmation(ctx.app.db, ctx.now, role),
  );
  return readCensus(ctx.app.db, ctx.now);
}

export const censusHandlers: HandlersFor<typeof censusContract> = {
  'census.get': getCensus,
  'census.confirm': confirmCensus,
};
