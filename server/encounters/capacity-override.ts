import { m } from '../../core/messages';
import { isPoliceSource } from '../../core/vocab';
import { readCapacity } from '../api/handlers/beds';
import type { HandlerCtx } from '../context';
import { invalid } from './writes';

export interface CapacityOverride {
  capacityStatus: 'diverting' | 'closed';
  reason: string;
}

/**
 * Taking an arrival in while the center says it is closed (or diverting police) needs a reason:
 * dispatch was told otherwise. Returns what the timeline and the audit log keep, or null.
 */
export function capacityOverride(
  ctx: HandlerCtx,
  referralSource: string,
  reason: string | null,
): CapacityOverride | null {
  const { status } = readCapacity(ctx.app, ctx.now);
  const against = status === 'closed' || (status === 'diverting' && isPoliceSource(referralSource));
  if (!against) return null;
  if (!reason) invalid({ capacityReason: m('capacityReasonRequired', { capacityStatus: status }) });
  return { capacityStatus: status, reason: reason! };
}
