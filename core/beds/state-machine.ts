import { m } from '../messages';
import type { BedStatus } from '../vocab';

/**
 * The bed state machine: every allowed status change in one place (issue 3).
 *
 * Occupied → available is deliberately missing: a bed a person leaves must be cleaned first,
 * and it is only left through a discharge or a move (which make it `cleaning`), so a board
 * click can never "lose" an occupant.
 */
export type BedAction =
  | 'occupy' // a person is assigned (arrival, move in)
  | 'vacate' // discharge or move out → cleaning
  | 'reserve' // held for an expected arrival
  | 'release' // the reservation is dropped
  | 'clean' // staff mark it being cleaned
  | 'ready' // cleaned / back in service → available
  | 'take_out'; // out of service (with a reason)

const TRANSITIONS: Record<BedAction, { from: readonly BedStatus[]; to: BedStatus }> = {
  occupy: { from: ['available', 'reserved'], to: 'occupied' },
  vacate: { from: ['occupied'], to: 'cleaning' },
  reserve: { from: ['available'], to: 'reserved' },
  release: { from: ['reserved'], to: 'available' },
  clean: { from: ['available', 'out_of_service'], to: 'cleaning' },
  ready: { from: ['cleaning', 'out_of_service'], to: 'available' },
  take_out: { from: ['available', 'cleaning', 'reserved'], to: 'out_of_service' },
};

export const BED_ACTIONS = Object.keys(TRANSITIONS) as BedAction[];

export function targetStatus(action: BedAction): BedStatus {
  return TRANSITIONS[action].to;
}

export function canTransition(from: BedStatus, action: BedAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The statuses an action may start from: the service's atomic `UPDATE … WHERE status IN`. */
export function allowedFrom(action: BedAction): readonly BedStatus[] {
  return TRANSITIONS[action].from;
}

/**
 * The action that takes a bed from `from` to `to` when staff pick a status on the board, or an
 * explanation of why it is not allowed (shown to the user as is).
 */
export function actionFor(
  from: BedStatus,
  to: BedStatus,
): { ok: true; action: BedAction } | { ok: false; message: string } {
  if (from === to) return { ok: false, message: m('bedAlready', { bedStatus: to }) };
  if (to === 'occupied') return { ok: false, message: m('occupiedByAssigning') };
  if (from === 'occupied')
    return {
      ok: false,
      message: m('bedOccupiedFirst'),
    };
  const action = BED_ACTIONS.find((a) => TRANSITIONS[a].to === to && canTransition(from, a));
  if (!action)
    return { ok: false, message: m('bedCannotGo', { fromBedStatus: from, toBedStatus: to }) };
  return { ok: true, action };
}

/** Out of service always needs a reason (why a bed is unusable must be visible to all). */
export function reasonRequired(to: BedStatus): boolean {
  return to === 'out_of_service';
}
