import type { censusConfirmationContract } from '../../../core/contract/census-confirmation';
import { STAFF_ROLES, type StaffRole } from '../../../core/roles';
import { insertCensusConfirmation } from '../../../db/census-confirmations';
import { readCensusConfirmation } from '../../capacity/census';
import type { HandlerCtx } from '../../context';
import type { HandlersFor } from '../types';

function getCensusConfirmation(_input: Record<string, never>, ctx: HandlerCtx) {
  return readCensusConfirmation(ctx.app.db, ctx.now);
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
  return readCensusConfirmation(ctx.app.db, ctx.now);
}

export const censusConfirmationHandlers: HandlersFor<typeof censusConfirmationContract> = {
  'census.confirmation': getCensusConfirmation,
  'census.confirm': confirmCensus,
};
