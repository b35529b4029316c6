import type { followUpsContract } from '../../../core/contract/follow-ups';
import { resolveRange } from '../../../core/reports/range';
import { ApiError } from '../../../core/result';
import { msg } from '../../../core/messages';
import {
  countDueContacts,
  listDoneContacts,
  listOpenContacts,
  type ListedContactRow,
} from '../../../db/follow-ups';
import {
  editIntakeNote,
  getIntakeNote,
  insertIntakeNote,
  removeIntakeNote,
} from '../../../db/intake-notes';
import { personKeyOfEncounter } from '../../../db/person-view';
import { getFacility } from '../../../db/facility';
import { listAttemptsOf } from '../../../db/follow-ups';
import type { HandlerCtx } from '../../context';
import { facilityTimeZone, startOfDayIn, startOfNextDayIn } from '../../encounters/time';
import {
  attemptView,
  contactView,
  followUpCsv,
  getPolicy,
  policyView,
  recordAttempt,
  setPolicy,
} from '../../follow-ups/service';
import { notesForIntake, notesView, personView } from '../../follow-ups/person';
import type { HandlersFor } from '../types';

/** Follow-up changes tell only the follow-up screens: no capacity, feed or wall display reader. */
const TOPICS = ['followUps'] as const;
const LIST_LIMIT = 200;

function noteNotFound(id: number): never {
  throw new ApiError('not_found', msg('noteNotFound', { id }), {
    noteId: msg('noteNotFound', { id }),
  });
}

function noteChanged(): never {
  throw new ApiError('conflict', msg('noteChanged'), { text: msg('noteChangedField') });
}

function listFollowUps(
  input: {
    dueFrom?: string | null;
    dueTo?: string | null;
    outcome?: ListedContactRow['last_outcome'];
  },
  ctx: HandlerCtx,
) {
  const tz = facilityTimeZone(ctx.app.db);
  const filter = {
    dueFromMs: input.dueFrom ? startOfDayIn(input.dueFrom, tz) : null,
    dueToMs: input.dueTo ? startOfNextDayIn(input.dueTo, tz) : null,
    outcome: input.outcome ?? null,
    limit: LIST_LIMIT,
  };
  const open = listOpenContacts(ctx.app.db, filter).map((r) => contactView(r, ctx.now));
  const done = listDoneContacts(ctx.app.db, filter).map((r) => contactView(r, ctx.now));
  ctx.audit({
    action: 'followUps.list',
    entity: 'follow_up_contacts',
    detail: { results: open.length + done.length },
  });
  return {
    now: ctx.now,
    due: open.filter((c) => c.state === 'due'),
    overdue: open.filter((c) => c.state === 'overdue'),
    upcoming: open.filter((c) => c.state === 'upcoming'),
    done,
  };
}

function dueCount(_input: unknown, ctx: HandlerCtx) {
  return { due: countDueContacts(ctx.app.db, ctx.now) };
}

function recordFollowUp(input: Parameters<typeof recordAttempt>[1], ctx: HandlerCtx) {
  const r = ctx.write(
    TOPICS,
    (res: ReturnType<typeof recordAttempt>) => ({
      action: 'followUps.record',
      entity: 'follow_up_contacts',
      entityId: input.contactId,
      detail: {
        encounterId: res.encounterId,
        outcome: input.outcome,
        closedContacts: res.closed,
      },
    }),
    () => recordAttempt(ctx.app.db, input, ctx.user.id, ctx.now),
  );
  const attempt = listAttemptsOf(ctx.app.db, [r.encounterId]).find((a) => a.id === r.attemptId)!;
  const listed = listOpenContacts(ctx.app.db, {
    dueFromMs: null,
    dueToMs: null,
    outcome: null,
    limit: LIST_LIMIT,
  }).find((c) => c.id === input.contactId);
  const contact =
    listed ??
    listDoneContacts(ctx.app.db, { dueFromMs: null, dueToMs: null, outcome: null, limit: 50 }).find(
      (c) => c.id === input.contactId,
    );
  return {
    attempt: attemptView(attempt),
    contact: contactView(contact!, ctx.now),
    closedContactIds: r.closed,
  };
}

function readPolicy(_input: unknown, ctx: HandlerCtx) {
  return policyView(getPolicy(ctx.app.db));
}

function updatePolicy(input: Parameters<typeof setPolicy>[1], ctx: HandlerCtx) {
  return ctx.write(
    ['followUps', 'settings'],
    { action: 'followUps.updatePolicy', entity: 'settings', detail: { policy: input } },
    () => {
      setPolicy(ctx.app.db, input, ctx.now);
      return policyView(getPolicy(ctx.app.db));
    },
  );
}

function exportFollowUps(input: { from: string; to: string }, ctx: HandlerCtx) {
  const f = getFacility(ctx.app.db);
  if (!f) throw new ApiError('conflict', msg('setUpFacilityFirst'));
  const range = resolveRange(input.from, input.to, f.timeZone);
  const out = followUpCsv(ctx.app.db, range);
  ctx.audit({
    action: 'followUps.export',
    entity: 'follow_up_attempts',
    detail: { from: range.from, to: range.to, rows: out.rows },
  });
  return out;
}

function getPerson(
  input: { personKey?: string | undefined; encounterId?: number | undefined },
  ctx: HandlerCtx,
) {
  const key =
    input.personKey ??
    (input.encounterId !== undefined ? personKeyOfEncounter(ctx.app.db, input.encounterId) : null);
  if (!key)
    throw new ApiError('not_found', msg('personUnknown'), { personKey: msg('personUnknown') });
  const view = personView(ctx.app.db, key, ctx.now);
  if (view.encounters.length === 0)
    throw new ApiError('not_found', msg('personUnknown'), { personKey: msg('personUnknown') });
  ctx.audit({
    action: 'people.view',
    entity: 'encounters',
    detail: { ids: view.encounters.slice(0, 100).map((e) => e.id) },
  });
  return view;
}

function noteById(ctx: HandlerCtx, id: number) {
  const n = getIntakeNote(ctx.app.db, id);
  if (!n) return noteNotFound(id);
  return notesView(ctx.app.db, [n.person_key]).find((v) => v.id === id)!;
}

function addNote(input: { personKey: string; text: string }, ctx: HandlerCtx) {
  const id = ctx.write(
    TOPICS,
    (noteId: number) => ({ action: 'notes.add', entity: 'intake_notes', entityId: noteId }),
    () => insertIntakeNote(ctx.app.db, { ...input, userId: ctx.user.id, now: ctx.now }),
  );
  return noteById(ctx, id);
}

/**
 * A change to a live note at the version the desk saw: a removed or unknown note is not found,
 * and a note changed since (another desk) is refused, so nobody overwrites what they never read.
 */
function changeNote(
  ctx: HandlerCtx,
  noteId: number,
  audit: { action: 'notes.edit' | 'notes.remove'; detail: Record<string, unknown> },
  apply: () => boolean,
): void {
  ctx.write(TOPICS, { ...audit, entity: 'intake_notes', entityId: noteId }, () => {
    const n = getIntakeNote(ctx.app.db, noteId);
    if (!n || n.removed_at !== null) noteNotFound(noteId);
    if (!apply()) noteChanged();
  });
}

function editNote(input: { noteId: number; version: number; text: string }, ctx: HandlerCtx) {
  changeNote(
    ctx,
    input.noteId,
    { action: 'notes.edit', detail: { version: input.version + 1 } },
    () =>
      editIntakeNote(ctx.app.db, {
        id: input.noteId,
        version: input.version,
        text: input.text,
        userId: ctx.user.id,
        now: ctx.now,
      }),
  );
  return noteById(ctx, input.noteId);
}

function removeNote(input: { noteId: number; version: number; reason: string }, ctx: HandlerCtx) {
  changeNote(ctx, input.noteId, { action: 'notes.remove', detail: { reason: input.reason } }, () =>
    removeIntakeNote(ctx.app.db, {
      id: input.noteId,
      version: input.version,
      reason: input.reason,
      userId: ctx.user.id,
      now: ctx.now,
    }),
  );
  return null;
}

function intakeNotes(
  input: { firstName?: string | null; lastName?: string | null; dateOfBirth?: string | null },
  ctx: HandlerCtx,
) {
  const notes = notesForIntake(ctx.app.db, input.firstName, input.lastName, input.dateOfBirth);
  if (notes.length > 0)
    ctx.audit({
      action: 'notes.forIntake',
      entity: 'intake_notes',
      detail: { ids: notes.map((n) => n.id) },
    });
  return notes;
}

export const followUpsHandlers: HandlersFor<typeof followUpsContract> = {
  'followUps.list': listFollowUps,
  'followUps.dueCount': dueCount,
  'followUps.record': recordFollowUp,
  'followUps.policy': readPolicy,
  'followUps.updatePolicy': updatePolicy,
  'followUps.export': exportFollowUps,
  'people.get': getPerson,
  'notes.add': addNote,
  'notes.edit': editNote,
  'notes.remove': removeNote,
  'notes.forIntake': intakeNotes,
};
