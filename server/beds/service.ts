/**
 * Bed service: the only code that changes a bed's status. Other capabilities (encounters:
 * arrival, move, discharge, expected arrivals) call these plain functions with the app's
 * better-sqlite3 Database, normally INSIDE their own `ctx.write(...)` transaction. Each one
 * runs in a (nested, savepoint) transaction of its own, so it is all-or-nothing either way.
 *
 * Every function:
 * - checks the move against the state machine (core/beds/state-machine.ts) with an atomic
 *   compare-and-set (`UPDATE … WHERE status IN (…)` + `changes`), so two desks racing for one
 *   bed get exactly one winner; the loser gets `ApiError('conflict', 'Bed C3 was just taken')`
 *   with `fields.bedId`, and nothing is half-done;
 * - appends a bed_history row (who, when, from, to, encounter, why);
 * - refreshes the capacity status, figures and capacity history in the same transaction (once
 *   per write: inside `ctx.write` the refresh runs when the write's body returns, see
 *   `batchCapacity` in server/capacity/state.ts).
 *
 * API:
 * - `occupyBed(db, { bedId, encounterId, userId, now }): BedRow` — available, or reserved for
 *   that encounter (or for nobody) → occupied. Also sets the encounter's `bed_id`, `unit_kind`
 *   and `bed_label`. If the encounter already occupies another bed this is a MOVE: the old bed
 *   is vacated (→ cleaning) in the same step.
 * - `vacateBed(db, { bedId, userId, now, reason? }): BedRow` — occupied → cleaning (discharge,
 *   move out); clears the occupant's `encounters.bed_id` (unit_kind / bed_label keep "held last").
 * - `reserveBed(db, { bedId, encounterId, userId, now, reason? }): BedRow` — available → reserved
 *   for an expected arrival (`encounterId` may be null for a reservation made on the board).
 * - `releaseReservation(db, { bedId, userId, now, reason? }): BedRow` — reserved → available.
 * - `firstAvailableBed(db, kind): BedRow | undefined` — first vacant bed of that kind in a unit
 *   whose staffed limit still allows one more person (units and beds in board order).
 * - `capacityChanged(db, now)` — call after a change that alters the figures without touching a
 *   bed, e.g. "officers waiting" (police drop-off arrived / released / declined). Also safe
 *   anywhere else: it only writes when a figure changed.
 * Besides these, the capacity monitor (server/capacity/monitor.ts, running in serve and the
 * Electron main) listens to `app.afterWrite`: after any write whose topics include 'beds',
 * 'units', 'encounters', 'capacity', 'facility', 'settings' or 'dispatch' it refreshes the
 * figures (a safety net should a writer forget capacityChanged) and rebuilds the dispatch
 * snapshot. So: push ['beds', 'capacity'] (plus 'encounters') from a write that calls these
 * functions, and every desk's board and the dispatch endpoint follow.
 *
 * Errors: unknown bed → ApiError('not_found', …, { bedId }); unknown encounter →
 * ApiError('not_found', …, { encounterId }); discharged/declined/lapsed encounter or a bed in
 * the wrong state → ApiError('conflict', …). Throwing inside ctx.write rolls everything back.
 */
import type { Database } from 'better-sqlite3';
import {
  allowedFrom,
  actionFor,
  targetStatus,
  type BedAction,
} from '../../core/beds/state-machine';
import { availableInUnit } from '../../core/capacity/status';
import { ApiError } from '../../core/result';
import { codedLike, msg } from '../../core/messages';
import type { BedStatus, UnitKind } from '../../core/vocab';
import {
  appendBedHistory,
  casBedStatus,
  findBed,
  findUnit,
  unitCounts,
  type BedRow,
} from '../../db/beds';
import {
  clearEncounterBed,
  encounterBedInfo,
  firstVacantBedOfUnit,
  occupiedBedOf,
  setEncounterBed,
  type EncounterBedInfo,
} from '../../db/bed-links';
import { inTransaction } from '../../db/tx';
import { noteCapacityChange } from '../capacity/state';

export type { BedRow } from '../../db/beds';

/** The topics a bed change pushes to every open UI. */
export const BED_TOPICS = ['beds', 'capacity'] as const;

export function requireBed(db: Database, bedId: number): BedRow {
  const bed = findBed(db, bedId);
  if (!bed || bed.retired_at !== null)
    throw new ApiError('not_found', msg('bedNotFound', { id: bedId }), {
      bedId: msg('unknownBed'),
    });
  return bed;
}

function requireEncounter(db: Database, encounterId: number): EncounterBedInfo {
  const e = encounterBedInfo(db, encounterId);
  if (!e)
    throw new ApiError('not_found', msg('encounterNotFound', { id: encounterId }), {
      encounterId: msg('unknownEncounter'),
    });
  return e;
}

/** Why a bed could not be taken, in words a desk understands (re-read: it just changed). */
function refusal(db: Database, bed: BedRow, action: BedAction): ApiError {
  const status = findBed(db, bed.id)?.status ?? bed.status;
  const taken = status === 'occupied' || status === 'reserved';
  const params = { bed: bed.label, bedStatus: status };
  const message =
    action === 'occupy' || action === 'reserve'
      ? taken
        ? msg('bedTaken', params)
        : msg('bedIs', params)
      : msg('bedChanged', params);
  return new ApiError('conflict', message, { bedId: message });
}

interface Change {
  bed: BedRow;
  action: BedAction;
  from: readonly BedStatus[];
  encounterId: number | null;
  reason: string | null;
  userId: number | null;
  now: number;
  reservedFor?: number;
}

/** The one write path: compare-and-set, history, capacity. */
function apply(db: Database, c: Change): BedRow {
  const to = targetStatus(c.action);
  const won = casBedStatus(db, {
    bedId: c.bed.id,
    from: c.from,
    to,
    encounterId: c.encounterId,
    reason: c.reason,
    now: c.now,
    reservedFor: c.reservedFor,
  });
  if (!won) throw refusal(db, c.bed, c.action);
  appendBedHistory(db, {
    bedId: c.bed.id,
    at: c.now,
    userId: c.userId,
    from: c.bed.status,
    to,
    // Keep who left the bed (vacate) or whom it was held for (release) in the history.
    encounterId: c.encounterId ?? c.bed.encounter_id,
    reason: c.reason,
  });
  noteCapacityChange(db, c.now, c.userId);
  return findBed(db, c.bed.id)!;
}

export interface OccupyInput {
  bedId: number;
  encounterId: number;
  userId: number | null;
  now: number;
}

export function occupyBed(db: Database, p: OccupyInput): BedRow {
  return inTransaction(db, () => {
    const bed = requireBed(db, p.bedId);
    const encounter = requireEncounter(db, p.encounterId);
    if (['discharged', 'declined', 'lapsed'].includes(encounter.status))
      throw new ApiError('conflict', msg('encounterClosedNoBed', { status: encounter.status }), {
        encounterId: msg('encounterClosedNoBedField', { status: encounter.status }),
      });
    if (bed.status === 'occupied' && bed.encounter_id === p.encounterId) return bed;
    // A move: the bed held now is vacated first (one occupied bed per encounter).
    const held = occupiedBedOf(db, p.encounterId, p.bedId);
    if (held)
      vacateBed(db, {
        bedId: held.id,
        userId: p.userId,
        now: p.now,
        reason: `moved to ${bed.label}`,
      });
    const row = apply(db, {
      bed,
      action: 'occupy',
      from: allowedFrom('occupy'),
      encounterId: p.encounterId,
      reason: null,
      userId: p.userId,
      now: p.now,
      reservedFor: p.encounterId,
    });
    const unit = findUnit(db, bed.unit_id)!;
    setEncounterBed(db, p.encounterId, { id: bed.id, label: bed.label, kind: unit.kind }, p.now);
    return row;
  });
}

export interface VacateInput {
  bedId: number;
  userId: number | null;
  now: number;
  reason?: string | null;
}

export function vacateBed(db: Database, p: VacateInput): BedRow {
  return inTransaction(db, () => {
    const bed = requireBed(db, p.bedId);
    const row = apply(db, {
      bed,
      action: 'vacate',
      from: allowedFrom('vacate'),
      encounterId: null,
      reason: p.reason ?? null,
      userId: p.userId,
      now: p.now,
    });
    if (bed.encounter_id !== null) clearEncounterBed(db, bed.encounter_id, bed.id, p.now);
    return row;
  });
}

export interface ReserveInput {
  bedId: number;
  encounterId: number | null;
  userId: number | null;
  now: number;
  reason?: string | null;
}

export function reserveBed(db: Database, p: ReserveInput): BedRow {
  return inTransaction(db, () => {
    const bed = requireBed(db, p.bedId);
    if (p.encounterId !== null) requireEncounter(db, p.encounterId);
    return apply(db, {
      bed,
      action: 'reserve',
      from: allowedFrom('reserve'),
      encounterId: p.encounterId,
      reason: p.reason ?? null,
      userId: p.userId,
      now: p.now,
    });
  });
}

export interface ReleaseInput {
  bedId: number;
  userId: number | null;
  now: number;
  reason?: string | null;
}

export function releaseReservation(db: Database, p: ReleaseInput): BedRow {
  return inTransaction(db, () => {
    const bed = requireBed(db, p.bedId);
    return apply(db, {
      bed,
      action: 'release',
      from: allowedFrom('release'),
      encounterId: null,
      reason: p.reason ?? null,
      userId: p.userId,
      now: p.now,
    });
  });
}

export interface SetStatusInput {
  bedId: number;
  status: BedStatus;
  reason: string | null;
  userId: number | null;
  now: number;
}

/**
 * A status picked on the board (cleaning, available, out of service, a reservation). Occupying
 * and vacating go through occupyBed / vacateBed, which know about the person.
 */
export function setBedStatus(db: Database, p: SetStatusInput): BedRow {
  return inTransaction(db, () => {
    const bed = requireBed(db, p.bedId);
    const step = actionFor(bed.status, p.status);
    if (!step.ok)
      throw new ApiError('conflict', codedLike(step.message, `Bed ${bed.label}: ${step.message}`), {
        status: step.message,
      });
    if (p.status === 'out_of_service' && !p.reason)
      throw new ApiError('invalid_input', msg('bedOutOfServiceReason'), {
        reason: msg('bedOutOfServiceReasonField'),
      });
    return apply(db, {
      bed,
      action: step.action,
      // Exactly the status this desk saw: a change made meanwhile elsewhere wins, not ours.
      from: [bed.status],
      encounterId: null,
      reason: p.reason,
      userId: p.userId,
      now: p.now,
    });
  });
}

/** First vacant bed of a kind, skipping units already at their staffed limit. */
export function firstAvailableBed(db: Database, kind: UnitKind): BedRow | undefined {
  for (const u of unitCounts(db)) {
    if (u.kind !== kind) continue;
    if (availableInUnit(u.vacant, u.occupied, u.reserved, u.staffed_limit) <= 0) continue;
    const bed = firstVacantBedOfUnit(db, u.id);
    if (bed) return bed;
  }
  return undefined;
}

/**
 * Tell capacity that something besides a bed changed its figures (officers waiting, settings).
 * Call inside the same transaction as that change. Returns nothing; only writes on a change.
 */
export function capacityChanged(db: Database, now: number, userId: number | null = null): void {
  noteCapacityChange(db, now, userId);
}
