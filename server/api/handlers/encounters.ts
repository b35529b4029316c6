import type { encountersContract } from '../../../core/contract/encounters';
import { newArrivalErrors, timeRuleErrors } from '../../../core/schemas/encounters';
import {
  getEncounterRow,
  insertEncounter,
  insertEncounterEvent,
  nextReference,
  touchAgency,
  updateEncounter,
  type EncounterRow,
} from '../../../db/encounters';
import { bedLabelAndKind, reservedBedOf } from '../../../db/bed-links';
import type { HandlerCtx } from '../../context';
import { occupyReservation, releaseBed, reserveFirstOfKind } from '../../encounters/bed-link';
import { capacityOverride } from '../../encounters/capacity-override';
import { correctEncounter, type Corrected } from '../../encounters/correction';
import { recordDischargeFollowUp } from '../../follow-ups/service';
import { facilityTimeZone, yearIn } from '../../encounters/time';
import {
  assignBedWrite,
  checkRules,
  invalid,
  requireRow,
  step,
  TOPICS,
  TOPICS_WITH_BEDS,
  view,
  write,
} from '../../encounters/writes';
import type { HandlersWithPrefix, In, Out } from '../types';
import {
  activeEncounters,
  getEncounter,
  handoffSuggestions,
  officerReceipt,
  searchEncounterList,
} from './encounter-reads';

/** The encounter lifecycle: expected → arrived → accepted → discharged (or declined, lapsed). */

function createEncounter(
  input: In<'encounters.create'>,
  ctx: HandlerCtx,
): Out<'encounters.create'> {
  const { accept, arrivedAt: typedArrival, capacityReason, ...fields } = input;
  const arrivedAt = typedArrival ?? ctx.now;
  // Accepting at once: custody is assumed now (never before the typed arrival).
  const releasedAt = accept ? Math.max(ctx.now, arrivedAt) : null;
  checkRules({
    ...newArrivalErrors(arrivedAt, ctx.now),
    ...timeRuleErrors(
      { arrivedAt, officerReleasedAt: releasedAt, dateOfBirth: fields.dateOfBirth },
      ctx.now,
    ),
  });
  const override = capacityOverride(ctx, fields.referralSource, capacityReason);
  const { db } = ctx.app;
  const row = write(
    ctx,
    TOPICS,
    (r: EncounterRow) => ({
      action: 'encounters.create',
      entity: 'encounters',
      entityId: r.id,
      detail: { status: r.status, ...override },
    }),
    () => {
      const created = insertEncounter(db, {
        reference: nextReference(db, yearIn(arrivedAt, facilityTimeZone(db))),
        status: accept ? 'accepted' : 'arrived',
        values: { ...fields, arrivedAt, officerReleasedAt: releasedAt },
        createdBy: ctx.user.id,
        now: ctx.now,
      });
      insertEncounterEvent(db, {
        encounterId: created.id,
        at: arrivedAt,
        userId: ctx.user.id,
        kind: 'arrived',
        detail: { referralSource: fields.referralSource, ...override },
      });
      if (releasedAt !== null)
        insertEncounterEvent(db, {
          encounterId: created.id,
          at: releasedAt,
          userId: ctx.user.id,
          kind: 'accepted',
          detail: null,
        });
      if (fields.agency) touchAgency(db, fields.agency, ctx.now);
      return created;
    },
  );
  return view(row);
}

function expectEncounter(
  input: In<'encounters.expect'>,
  ctx: HandlerCtx,
): Out<'encounters.expect'> {
  const { db } = ctx.app;
  const { unitKind, eta, ...fields } = input;
  const row = write(
    ctx,
    TOPICS_WITH_BEDS,
    (r: EncounterRow) => ({ action: 'encounters.expect', entity: 'encounters', entityId: r.id }),
    () => {
      const created = insertEncounter(db, {
        reference: nextReference(db, yearIn(eta, facilityTimeZone(db))),
        status: 'expected',
        values: { ...fields, expectedEta: eta },
        createdBy: ctx.user.id,
        now: ctx.now,
      });
      if (unitKind) reserveFirstOfKind(db, created.id, unitKind, ctx.user.id, ctx.now);
      insertEncounterEvent(db, {
        encounterId: created.id,
        at: ctx.now,
        userId: ctx.user.id,
        kind: 'expected',
        detail: { eta, unitKind: unitKind ?? null },
      });
      if (fields.agency) touchAgency(db, fields.agency, ctx.now);
      return created;
    },
  );
  // The desk tells the caller which bed is waiting: "R2 is held".
  const held = reservedBedOf(db, row.id);
  return { ...view(row), heldBedLabel: held === null ? null : bedLabelAndKind(db, held).label };
}

function arriveEncounter(
  input: In<'encounters.arrive'>,
  ctx: HandlerCtx,
): Out<'encounters.arrive'> {
  const arrivedAt = input.arrivedAt ?? ctx.now;
  checkRules(timeRuleErrors({ arrivedAt }, ctx.now));
  const row = write(
    ctx,
    TOPICS_WITH_BEDS,
    { action: 'encounters.arrive', entity: 'encounters', entityId: input.id },
    () => {
      const current = requireRow(ctx, input.id);
      const status = step(current, 'arrive');
      let updated = updateEncounter(ctx.app.db, current.id, { status, arrivedAt }, ctx.now);
      occupyReservation(ctx.app.db, updated, ctx.user.id, ctx.now);
      updated = getEncounterRow(ctx.app.db, current.id)!;
      insertEncounterEvent(ctx.app.db, {
        encounterId: current.id,
        at: arrivedAt,
        userId: ctx.user.id,
        kind: 'arrived',
        detail: null,
      });
      return updated;
    },
  );
  return view(row);
}

function acceptEncounter(
  input: In<'encounters.accept'>,
  ctx: HandlerCtx,
): Out<'encounters.accept'> {
  const row = write(
    ctx,
    TOPICS,
    { action: 'encounters.accept', entity: 'encounters', entityId: input.id },
    () => {
      const current = requireRow(ctx, input.id);
      const status = step(current, 'accept');
      const releasedAt = input.releasedAt ?? ctx.now;
      const errors = timeRuleErrors(
        { arrivedAt: current.arrived_at, officerReleasedAt: releasedAt },
        ctx.now,
      );
      if (errors.officerReleasedAt) invalid({ releasedAt: errors.officerReleasedAt });
      const updated = updateEncounter(
        ctx.app.db,
        current.id,
        { status, officerReleasedAt: releasedAt },
        ctx.now,
      );
      insertEncounterEvent(ctx.app.db, {
        encounterId: current.id,
        at: releasedAt,
        userId: ctx.user.id,
        kind: 'accepted',
        detail: null,
      });
      return updated;
    },
  );
  return view(row);
}

function declineEncounter(
  input: In<'encounters.decline'>,
  ctx: HandlerCtx,
): Out<'encounters.decline'> {
  const row = write(
    ctx,
    TOPICS_WITH_BEDS,
    {
      action: 'encounters.decline',
      entity: 'encounters',
      entityId: input.id,
      detail: { reason: input.reason },
    },
    () => {
      const current = requireRow(ctx, input.id);
      const status = step(current, 'decline');
      releaseBed(ctx.app.db, current, ctx.user.id, ctx.now, 'declined');
      const updated = updateEncounter(
        ctx.app.db,
        current.id,
        {
          status,
          declinedAt: Math.max(ctx.now, current.arrived_at ?? 0),
          declineReason: input.reason,
        },
        ctx.now,
      );
      insertEncounterEvent(ctx.app.db, {
        encounterId: current.id,
        at: ctx.now,
        userId: ctx.user.id,
        kind: 'declined',
        detail: { reason: input.reason, note: input.note },
      });
      return updated;
    },
  );
  return view(row);
}

function dischargeEncounter(
  input: In<'encounters.discharge'>,
  ctx: HandlerCtx,
): Out<'encounters.discharge'> {
  const row = write(
    ctx,
    TOPICS_WITH_BEDS,
    {
      action: 'encounters.discharge',
      entity: 'encounters',
      entityId: input.id,
      detail: { disposition: input.disposition },
    },
    () => {
      const current = requireRow(ctx, input.id);
      const status = step(current, 'discharge');
      const dischargedAt = input.dischargedAt ?? ctx.now;
      checkRules(timeRuleErrors({ arrivedAt: current.arrived_at, dischargedAt }, ctx.now));
      // The bed goes to cleaning (beds service); the encounter keeps the label it held last.
      releaseBed(ctx.app.db, current, ctx.user.id, ctx.now, 'discharged');
      const updated = updateEncounter(
        ctx.app.db,
        current.id,
        { status, dischargedAt, disposition: input.disposition },
        ctx.now,
      );
      recordDischargeFollowUp(ctx.app.db, updated, input.followUp, ctx.user.id, ctx.now);
      insertEncounterEvent(ctx.app.db, {
        encounterId: current.id,
        at: dischargedAt,
        userId: ctx.user.id,
        kind: 'discharged',
        detail: { disposition: input.disposition, bedLabel: current.bed_label },
      });
      return updated;
    },
  );
  return view(row);
}

function assignEncounterToBed(
  input: In<'encounters.assignBed'>,
  ctx: HandlerCtx,
): Out<'encounters.assignBed'> {
  const row = assignBedWrite(
    ctx,
    { encounterId: input.id, bedId: input.bedId },
    {
      action: 'encounters.assignBed',
      entity: 'encounters',
      entityId: input.id,
      detail: { bedId: input.bedId },
    },
  );
  return view(row);
}

function updateEncounterFields(
  input: In<'encounters.update'>,
  ctx: HandlerCtx,
): Out<'encounters.update'> {
  const row = write(
    ctx,
    // A corrected disposition may close or schedule follow-up contacts.
    input.changes.disposition !== undefined ? [...TOPICS, 'followUps'] : TOPICS,
    (r: Corrected) => ({
      action: 'encounters.update',
      entity: 'encounters',
      entityId: r.id,
      detail: { fields: r.changed ?? [] },
    }),
    () => correctEncounter(ctx, input),
  );
  const { changed: _changed, ...plain } = row;
  return view(plain);
}

export const encountersHandlers: HandlersWithPrefix<typeof encountersContract, 'encounters.'> = {
  'encounters.create': createEncounter,
  'encounters.expect': expectEncounter,
  'encounters.arrive': arriveEncounter,
  'encounters.accept': acceptEncounter,
  'encounters.decline': declineEncounter,
  'encounters.discharge': dischargeEncounter,
  'encounters.assignBed': assignEncounterToBed,
  'encounters.update': updateEncounterFields,
  'encounters.get': getEncounter,
  'encounters.search': searchEncounterList,
  'encounters.active': activeEncounters,
  'encounters.suggestions': handoffSuggestions,
  'encounters.receipt': officerReceipt,
};
