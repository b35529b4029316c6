import type { Database } from 'better-sqlite3';
import {
  availableInUnit,
  capacityStatus,
  manualInForce,
  sumCounts,
  type ManualStatus,
} from '../../core/capacity/status';
import type { CapacityFigures } from '../../core/capacity/json';
import { inTransaction } from '../../db/tx';
import { unitCounts } from '../../db/beds';
import { countOfficersWaiting } from '../../db/officers-waiting';
import {
  appendCapacityHistory,
  getCapacitySettings,
  getCapacityState,
  lastCapacityHistory,
  saveCapacityState,
  type CapacityStateRow,
} from '../../db/capacity';

/** The facility-level figures dispatch sees (docs/capacity-endpoint.md), minus times. */
export type { CapacityFigures } from '../../core/capacity/json';

export interface RefreshOptions {
  userId?: number | null;
  /** Why (kept in capacity history), e.g. the diversion reason. */
  reason?: string | null;
  /** Set (or with `null` clear) the manager's manual status in the same step. */
  manual?: ManualStatus | null;
}

function manualOf(state: CapacityStateRow | undefined): ManualStatus | null {
  if (!state?.manual_status) return null;
  return { status: state.manual_status, reason: state.manual_reason, until: state.manual_until };
}

/** Recomputes every published figure from bed states, arrivals and settings. */
export function computeFigures(
  db: Database,
  manual: ManualStatus | null,
  now: number,
): CapacityFigures {
  const settings = getCapacitySettings(db);
  const units = unitCounts(db).map((u) => ({
    id: String(u.id),
    name: u.name,
    kind: u.kind,
    total: u.total,
    available: availableInUnit(u.vacant, u.occupied, u.reserved, u.staffed_limit),
    occupied: u.occupied,
    reserved: u.reserved,
    outOfService: u.out_of_service,
  }));
  const totals = sumCounts(units);
  const { status, acceptingLawEnforcement } = capacityStatus(
    totals.available,
    manual,
    settings,
    now,
  );
  return {
    status,
    acceptingLawEnforcement,
    units,
    totals,
    officersWaiting: countOfficersWaiting(db),
    accepts: settings.accepts,
    // The diversion reason is written for dispatch (the form says so); the note follows it.
    note:
      [manual && manualInForce(manual, now) ? manual.reason : null, settings.note]
        .filter((s): s is string => Boolean(s))
        .join(' — ') || null,
  };
}

/**
 * Brings the stored capacity state up to date: evaluates a manual status's expiry, recomputes
 * the figures, and when anything changed saves the state (with a new `updated_at`) and appends
 * to capacity history. Cheap and idempotent, so it is safe to call after any change; call it
 * inside the transaction of the change so status and figures never disagree with the beds.
 */
export function refreshCapacity(
  db: Database,
  now: number,
  opts: RefreshOptions = {},
): CapacityStateRow {
  // This refresh covers every change made so far in an open batch (see batchCapacity).
  const batch = batches.get(db);
  if (batch) batch.pending = null;
  return inTransaction(db, () => {
    const state = getCapacityState(db);
    let manual = opts.manual !== undefined ? opts.manual : manualOf(state);
    // An expired diversion reverts at its expiry instant, whenever we first notice it.
    let changedAt = now;
    let reason = opts.reason ?? null;
    if (manual && !manualInForce(manual, now)) {
      changedAt = Math.max(manual.until ?? now, state?.updated_at ?? 0);
      reason = reason ?? `${manual.status} expired`;
      manual = null;
    }
    const figures = computeFigures(db, manual, now);
    const json = JSON.stringify(figures);
    const manualSame =
      state !== undefined &&
      state.manual_status === (manual?.status ?? null) &&
      state.manual_reason === (manual?.reason ?? null) &&
      state.manual_until === (manual?.until ?? null);
    if (state && manualSame && state.figures === json) return state;
    const setNow = opts.manual !== undefined;
    const next: Omit<CapacityStateRow, 'id'> = {
      status: figures.status,
      accepting_law_enforcement: figures.acceptingLawEnforcement ? 1 : 0,
      manual_status: manual?.status ?? null,
      manual_reason: manual?.reason ?? null,
      manual_until: manual?.until ?? null,
      manual_set_by: manual
        ? setNow
          ? (opts.userId ?? null)
          : (state?.manual_set_by ?? null)
        : null,
      manual_set_at: manual ? (setNow ? now : (state?.manual_set_at ?? null)) : null,
      figures: json,
      updated_at: state?.figures === json ? state.updated_at : changedAt,
    };
    saveCapacityState(db, next);
    appendHistoryIfChanged(
      db,
      figures,
      changedAt,
      opts.userId ?? null,
      reason ?? manual?.reason ?? null,
    );
    return { id: 1 as const, ...next };
  });
}

/**
 * What a change can have moved: `all` (beds, units, settings: recompute everything) or only
 * `officers` waiting (an encounter's status or release changed, no bed touched).
 */
export type CapacityScope = 'all' | 'officers';

interface Batch {
  /** A change since the last refresh, with who made it and when; null when up to date. */
  pending: { now: number; userId: number | null; scope: CapacityScope } | null;
}
const batches = new WeakMap<Database, Batch>();

/**
 * Runs `fn` (a write's body, inside its transaction) with capacity refreshes coalesced: the bed
 * service and `capacityChanged` only note that the figures may have moved, and the figures are
 * recomputed once when `fn` returns, still inside the same transaction. So a write that touches
 * an encounter and a bed (an arrival occupying its reserved bed, a move, a discharge) computes
 * capacity once, and records one capacity history row for its end state instead of one per
 * intermediate step nobody could observe. An explicit `refreshCapacity` (a manual status, a
 * settings change) still runs at once and covers the changes noted before it. Nested calls
 * join the outer batch. If `fn` throws, nothing is refreshed (the transaction rolls back).
 */
export function batchCapacity<T>(db: Database, fn: () => T): T {
  if (batches.has(db)) return fn();
  const batch: Batch = { pending: null };
  batches.set(db, batch);
  let result: T;
  try {
    result = fn();
  } finally {
    batches.delete(db);
  }
  const p = batch.pending;
  if (p) refreshScope(db, p.now, p.userId, p.scope);
  return result;
}

/**
 * The figures may have changed (a bed moved, officers waiting changed): refresh now, or at the
 * end of the enclosing `batchCapacity`. Only writes when a figure changed.
 */
export function noteCapacityChange(
  db: Database,
  now: number,
  userId: number | null,
  scope: CapacityScope = 'all',
): void {
  const batch = batches.get(db);
  if (!batch) return refreshScope(db, now, userId, scope);
  const wider = batch.pending?.scope === 'all' ? 'all' : scope;
  batch.pending = { now, userId, scope: wider };
}

function refreshScope(db: Database, now: number, userId: number | null, scope: CapacityScope) {
  if (scope === 'officers' && refreshOfficersWaiting(db, now, userId)) return;
  refreshCapacity(db, now, { userId });
}

/** The stored figures, parsed once per stored value (never mutated). */
let parsed: { json: string; figures: CapacityFigures } | null = null;

/**
 * After a change that can only move "officers waiting" (an encounter's status or release; no bed,
 * unit or setting): counts them and, when the count moved, stores the figures with that one
 * number changed, with the same `updated_at` and history row a full refresh would write. Every
 * other figure comes from beds, units and settings, whose writers refresh capacity in their own
 * transaction, so units and settings are not read again for each arrival and acceptance.
 * False when a full refresh is needed: no stored state, or a manual status has expired.
 */
function refreshOfficersWaiting(db: Database, now: number, userId: number | null): boolean {
  const state = getCapacityState(db);
  if (!state) return false;
  if (state.manual_status && state.manual_until !== null && state.manual_until <= now) return false;
  if (parsed?.json !== state.figures)
    parsed = { json: state.figures, figures: JSON.parse(state.figures) as CapacityFigures };
  const figures = parsed.figures;
  if (typeof figures.officersWaiting !== 'number') return false;
  const officersWaiting = countOfficersWaiting(db);
  if (figures.officersWaiting === officersWaiting) return true;
  // The same keys in the same order as computeFigures: a later full refresh compares equal.
  const next: CapacityFigures = { ...figures, officersWaiting };
  const { id: _id, ...row } = state;
  saveCapacityState(db, { ...row, figures: JSON.stringify(next), updated_at: now });
  appendHistoryIfChanged(db, next, now, userId, state.manual_status ? state.manual_reason : null);
  return true;
}

function appendHistoryIfChanged(
  db: Database,
  f: CapacityFigures,
  at: number,
  userId: number | null,
  reason: string | null,
): void {
  const row = {
    at,
    status: f.status,
    accepting_law_enforcement: (f.acceptingLawEnforcement ? 1 : 0) as 0 | 1,
    total: f.totals.total,
    available: f.totals.available,
    occupied: f.totals.occupied,
    reserved: f.totals.reserved,
    out_of_service: f.totals.outOfService,
    officers_waiting: f.officersWaiting,
    user_id: userId,
    reason,
  };
  const last = lastCapacityHistory(db);
  const same =
    last &&
    (
      [
        'status',
        'accepting_law_enforcement',
        'total',
        'available',
        'occupied',
        'reserved',
        'out_of_service',
        'officers_waiting',
      ] as const
    ).every((k) => last[k] === row[k]);
  if (!same) appendCapacityHistory(db, row);
}
