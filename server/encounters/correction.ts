import type { MethodParsed } from '../../core/contract';
import type { EncounterView } from '../../core/encounters/types';
import { msg, type Message } from '../../core/messages';
import { fieldRuleErrors, timeRuleErrors } from '../../core/schemas/encounters';
import type { EncounterStatus } from '../../core/vocab';
import {
  insertEncounterEvent,
  touchAgency,
  updateEncounter,
  type EncounterRow,
  type EncounterValues,
} from '../../db/encounters';
import type { HandlerCtx } from '../context';
import { correctFollowUpDisposition } from '../follow-ups/service';
import { checkRules, invalid, requireRow, step, view } from './writes';

/** Fields that, changed after the fact, need a reason whatever the status. */
const TIME_FIELDS = new Set(['arrivedAt', 'officerReleasedAt', 'dischargedAt']);
const CLOSED: readonly EncounterStatus[] = ['discharged', 'declined', 'lapsed'];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export type Corrected = EncounterRow & { changed?: string[] };

/**
 * Applies a correction inside the caller's write: only the fields that really change, a reason
 * when it is after the fact, and only the rule errors this change causes. The row carries the
 * names of the changed fields for the audit row.
 */
export function correctEncounter(
  ctx: HandlerCtx,
  input: MethodParsed<'encounters.update'>,
): Corrected {
  const current = requireRow(ctx, input.id);
  step(current, 'correct');
  const before = view(current) as unknown as Record<string, unknown>;
  const changes: EncounterValues = {};
  const history: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(input.changes)) {
    if (to === undefined) continue;
    const from = before[field] ?? null;
    const normalized = Array.isArray(to) ? [...new Set(to)] : to;
    if (same(from, normalized)) continue;
    (changes as Record<string, unknown>)[field] = normalized;
    history[field] = { from, to: normalized };
  }
  const changed = Object.keys(changes);
  if (changed.length === 0) return current;

  const afterTheFact = CLOSED.includes(current.status) || changed.some((f) => TIME_FIELDS.has(f));
  if (afterTheFact && !input.reason) invalid({ reason: msg('correctionNeedsReason') });
  const merged = { ...before, ...changes } as unknown as EncounterView;
  const errors: Record<string, string | Message> = {
    ...fieldRuleErrors(merged),
    ...timeRuleErrors(merged, ctx.now),
  };
  if (changes.dischargedAt !== undefined || changes.disposition !== undefined) {
    if (current.status !== 'discharged') errors.dischargedAt = msg('onlyDischargedHasDischarge');
  }
  if (changes.declineReason !== undefined && current.status !== 'declined')
    errors.declineReason = msg('onlyDeclinedHasReason');
  if (changes.officerReleasedAt !== undefined && current.officer_released_at === null)
    errors.officerReleasedAt = msg('acceptHandoffFirst');
  // Report only errors this change causes (older data may predate a rule). A time error
  // on an untouched field (release now before a moved arrival) lands on the moved field.
  const changedTime = changed.find((f) => TIME_FIELDS.has(f));
  const relevant: Record<string, string | Message> = {};
  for (const [f, message] of Object.entries(errors)) {
    if (f in changes || (f === 'agency' && 'referralSource' in changes)) relevant[f] = message;
    else if (TIME_FIELDS.has(f) && changedTime && !(changedTime in relevant))
      relevant[changedTime] = message;
  }
  checkRules(relevant);
  const updated = updateEncounter(ctx.app.db, current.id, changes, ctx.now);
  if (typeof changes.agency === 'string') touchAgency(ctx.app.db, changes.agency, ctx.now);
  // A corrected disposition closes or schedules follow-up contacts (issue #19).
  const followUp =
    changes.disposition !== undefined ? correctFollowUpDisposition(ctx.app.db, updated) : null;
  insertEncounterEvent(ctx.app.db, {
    encounterId: current.id,
    at: ctx.now,
    userId: ctx.user.id,
    kind: afterTheFact ? 'corrected' : 'updated',
    detail: { reason: input.reason, changes: history, ...(followUp ? { followUp } : {}) },
  });
  return Object.assign(updated, { changed });
}
