import { transition, type EncounterAction } from '../../core/encounters/lifecycle';
import type { EncounterView } from '../../core/encounters/types';
import { ApiError } from '../../core/result';
import { msg, type Message } from '../../core/messages';
import type { EncounterStatus } from '../../core/vocab';
import { getEncounterRow, toEncounterView, type EncounterRow } from '../../db/encounters';
import { noteCapacityChange } from '../capacity/state';
import { assignEncounterBed } from './bed-link';
import type { AuditSpec, HandlerCtx } from '../context';

/**
 * What the encounter-writing handlers (lifecycle, turnaround settings, kiosk) share: the write
 * that keeps the dispatch figures in step, and the refusals they word the same way.
 */

/** Boards, the bed board and the dispatch snapshot all listen to this topic. */
export const TOPICS = ['encounters', 'capacity'] as const;
export const TOPICS_WITH_BEDS = ['encounters', 'beds', 'capacity'] as const;

/**
 * ctx.write plus the dispatch figures: officers waiting changes with arrivals, acceptances and
 * declines, so capacity is refreshed in the same transaction (it writes only when a figure moved;
 * a bed step in the same write widens the refresh to every figure).
 */
export function write<T>(
  ctx: HandlerCtx,
  topics: readonly string[],
  audit: AuditSpec | ((result: T) => AuditSpec),
  fn: () => T,
): T {
  return ctx.write(topics, audit, () => {
    const result = fn();
    noteCapacityChange(ctx.app.db, ctx.now, ctx.caller.user?.id ?? null, 'officers');
    return result;
  });
}

export function invalid(fields: Record<string, string | Message>): never {
  // Our messages already name the field in words ("Arrival cannot be…"): no code-name prefix.
  const message = Object.values(fields)[0]!;
  throw new ApiError('invalid_input', message, fields);
}

export function checkRules(fields: Record<string, string | Message>): void {
  if (Object.keys(fields).length > 0) invalid(fields);
}

export function requireRow(ctx: HandlerCtx, id: number): EncounterRow {
  const row = getEncounterRow(ctx.app.db, id);
  if (!row)
    throw new ApiError('not_found', msg('encounterNotFound', { id }), {
      id: msg('unknownEncounter'),
    });
  return row;
}

/** Refuses a step the lifecycle does not allow (e.g. accepting twice), naming the status. */
export function step(row: EncounterRow, action: EncounterAction): EncounterStatus {
  const t = transition(row.status, action);
  if (!t.ok) throw new ApiError('conflict', t.message, { status: t.message });
  return t.status;
}

export const view = (row: EncounterRow): EncounterView => toEncounterView(row);

/**
 * A bed for an encounter, from the bed board (`beds.assign`) or the encounter page
 * (`encounters.assignBed`): one write, so both keep the dispatch figures in step; each names its
 * own audit row.
 */
export function assignBedWrite(
  ctx: HandlerCtx,
  ids: { encounterId: number; bedId: number },
  audit: AuditSpec,
): EncounterRow {
  return write(ctx, TOPICS_WITH_BEDS, audit, () =>
    assignEncounterBed(ctx.app.db, { ...ids, userId: ctx.user.id, now: ctx.now }),
  );
}
