import type { bedsContract } from '../../../core/contract/beds';
import type { BedHistoryView, CapacityView } from '../../../core/beds/types';
import { ApiError } from '../../../core/result';
import { msg } from '../../../core/messages';
import {
  bedHistory,
  bedLabelTaken,
  bedsOfUnit,
  findUnit,
  insertBed,
  insertUnit,
  renameBed,
  retireBed,
  retireUnit,
  takenBedLabels,
  unitNameTaken,
  updateUnit,
  type UnitRow,
} from '../../../db/beds';
import {
  getCapacitySettings,
  getCapacityState,
  setCapacitySettings,
  type CapacityStateRow,
} from '../../../db/capacity';
import { userDisplayNames } from '../../../db/users';
import { buildBoard, capacityView, unitView } from '../../beds/board';
import { BED_TOPICS, requireBed, setBedStatus } from '../../beds/service';
import { assignBedWrite } from '../../encounters/writes';
import { refreshCapacity } from '../../capacity/state';
import { readCensusConfirmation } from '../../capacity/census';
import { notifyChange, type AppContext, type HandlerCtx } from '../../context';
import type { HandlersFor } from '../types';

const CONFIG_TOPICS = ['units', 'beds', 'capacity'] as const;

function requireUnit(ctx: HandlerCtx, id: number, field = 'id'): UnitRow {
  const unit = findUnit(ctx.app.db, id);
  if (!unit || unit.retired_at !== null)
    throw new ApiError('not_found', msg('unitNotFound', { id }), { [field]: msg('unknownUnit') });
  return unit;
}

function assertUnitName(ctx: HandlerCtx, name: string, exceptId: number | null): void {
  if (unitNameTaken(ctx.app.db, name, exceptId))
    throw new ApiError('invalid_input', msg('unitNameTaken', { name }), {
      name: msg('unitNameTakenField'),
    });
}

/**
 * Reading capacity also notices an expired diversion; when that changed the stored status,
 * every desk is told, so a board left open reverts too.
 */
function refreshAndNotify(app: AppContext, now: number): CapacityStateRow {
  const before = getCapacityState(app.db);
  const after = refreshCapacity(app.db, now);
  if (before && (before.figures !== after.figures || before.manual_status !== after.manual_status))
    notifyChange(app, ['capacity']);
  return after;
}

export function readCapacity(app: AppContext, now: number): CapacityView {
  return capacityView(refreshAndNotify(app, now), readCensusConfirmation(app.db, now));
}

export const bedsHandlers: HandlersFor<typeof bedsContract> = {
  // One capacity refresh per read: the board is built from the state it just brought up to date.
  'beds.board': function bedsBoard(_input, ctx) {
    return buildBoard(ctx.app.db, ctx.now, refreshAndNotify(ctx.app, ctx.now));
  },

  'beds.history': function bedsHistory(input, ctx) {
    requireBed(ctx.app.db, input.bedId);
    const names = userDisplayNames(ctx.app.db);
    return bedHistory(ctx.app.db, input.bedId).map((h): BedHistoryView => ({
      at: h.at,
      user: h.user_id === null ? null : (names.get(h.user_id) ?? null),
      from: h.from_status,
      to: h.to_status,
      reason: h.reason,
    }));
  },

  'beds.setStatus': function bedsSetStatus(input, ctx) {
    if (input.status === 'occupied')
      throw new ApiError('invalid_input', msg('occupiedByAssigning'), {
        status: msg('occupiedByAssigningField'),
      });
    ctx.write(
      BED_TOPICS,
      (b: { id: number }) => ({
        action: 'beds.setStatus',
        entity: 'beds',
        entityId: b.id,
        detail: { to: input.status },
      }),
      () =>
        setBedStatus(ctx.app.db, {
          bedId: input.bedId,
          status: input.status,
          reason: input.reason,
          userId: ctx.user.id,
          now: ctx.now,
        }),
    );
    return buildBoard(ctx.app.db, ctx.now);
  },

  'beds.assign': function bedsAssign(input, ctx) {
    assignBedWrite(
      ctx,
      { encounterId: input.encounterId, bedId: input.bedId },
      {
        action: 'beds.assign',
        entity: 'beds',
        entityId: input.bedId,
        detail: { encounterId: input.encounterId },
      },
    );
    return buildBoard(ctx.app.db, ctx.now);
  },

  'beds.bulkCreate': function bedsBulkCreate(input, ctx) {
    const unit = requireUnit(ctx, input.unitId, 'unitId');
    const labels: string[] = [];
    for (let n = input.from; n <= input.to; n++) labels.push(`${input.prefix}${n}`);
    const taken = takenBedLabels(ctx.app.db, unit.id, labels);
    if (taken.length)
      throw new ApiError(
        'invalid_input',
        msg('bedLabelsTaken', {
          unit: unit.name,
          count: taken.length,
          beds: `${taken.slice(0, 5).join(', ')}${taken.length > 5 ? '…' : ''}`,
        }),
        { from: msg('bedLabelsTakenField') },
      );
    ctx.write(
      CONFIG_TOPICS,
      {
        action: 'beds.bulkCreate',
        entity: 'units',
        entityId: unit.id,
        detail: { count: labels.length },
      },
      () => {
        for (const label of labels)
          insertBed(ctx.app.db, { unitId: unit.id, label, userId: ctx.user.id }, ctx.now);
        refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id });
      },
    );
    return unitView(ctx.app.db, unit.id, ctx.now);
  },

  'beds.rename': function bedsRename(input, ctx) {
    const bed = requireBed(ctx.app.db, input.id);
    if (bedLabelTaken(ctx.app.db, bed.unit_id, input.label, bed.id))
      throw new ApiError('invalid_input', msg('bedLabelTaken', { bed: input.label }), {
        label: msg('bedLabelTakenField'),
      });
    ctx.write(CONFIG_TOPICS, { action: 'beds.rename', entity: 'beds', entityId: bed.id }, () =>
      renameBed(ctx.app.db, bed.id, input.label, ctx.now),
    );
    return null;
  },

  'beds.retire': function bedsRetire(input, ctx) {
    const bed = requireBed(ctx.app.db, input.id);
    if (bed.status === 'occupied' || bed.status === 'reserved')
      throw new ApiError('conflict', msg('retireBusy', { bed: bed.label, bedStatus: bed.status }), {
        id: msg('bedIs', { bed: bed.label, bedStatus: bed.status }),
      });
    ctx.write(CONFIG_TOPICS, { action: 'beds.retire', entity: 'beds', entityId: bed.id }, () => {
      retireBed(ctx.app.db, bed.id, ctx.now);
      refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id });
    });
    return null;
  },

  'units.create': function unitsCreate(input, ctx) {
    assertUnitName(ctx, input.name, null);
    const unit = ctx.write(
      CONFIG_TOPICS,
      (u: UnitRow) => ({ action: 'units.create', entity: 'units', entityId: u.id }),
      () => {
        const u = insertUnit(ctx.app.db, input, ctx.now);
        refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id });
        return u;
      },
    );
    return unitView(ctx.app.db, unit.id, ctx.now);
  },

  'units.update': function unitsUpdate(input, ctx) {
    const unit = requireUnit(ctx, input.id);
    assertUnitName(ctx, input.name, unit.id);
    ctx.write(
      CONFIG_TOPICS,
      {
        action: 'units.update',
        entity: 'units',
        entityId: unit.id,
        detail: { staffedLimit: input.staffedLimit },
      },
      () => {
        updateUnit(ctx.app.db, unit.id, input, ctx.now);
        refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id });
      },
    );
    return unitView(ctx.app.db, unit.id, ctx.now);
  },

  'units.retire': function unitsRetire(input, ctx) {
    const unit = requireUnit(ctx, input.id);
    const held = bedsOfUnit(ctx.app.db, unit.id).filter(
      (b) => b.status === 'occupied' || b.status === 'reserved',
    );
    if (held.length)
      throw new ApiError(
        'conflict',
        msg('unitNotEmpty', {
          unit: unit.name,
          count: held.length,
          beds: held.map((b) => b.label).join(', '),
        }),
        { id: msg('unitNotEmptyField', { unit: unit.name }) },
      );
    ctx.write(CONFIG_TOPICS, { action: 'units.retire', entity: 'units', entityId: unit.id }, () => {
      retireUnit(ctx.app.db, unit.id, ctx.now);
      refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id });
    });
    return null;
  },

  'capacity.get': function capacityGet(_input, ctx) {
    return readCapacity(ctx.app, ctx.now);
  },

  'capacity.setManualStatus': function capacitySetManualStatus(input, ctx) {
    const manual = input.status
      ? {
          status: input.status,
          reason: input.reason,
          until: input.durationMinutes ? ctx.now + input.durationMinutes * 60_000 : null,
        }
      : null;
    const state = ctx.write(
      ['capacity'],
      {
        action: 'capacity.setManualStatus',
        entity: 'capacity',
        detail: { status: input.status, durationMinutes: input.durationMinutes ?? null },
      },
      () =>
        refreshCapacity(ctx.app.db, ctx.now, {
          manual,
          userId: ctx.user.id,
          reason: input.reason ?? (manual ? null : 'back to automatic status'),
        }),
    );
    return capacityView(state, readCensusConfirmation(ctx.app.db, ctx.now));
  },

  'capacity.getSettings': function capacityGetSettings(_input, ctx) {
    return getCapacitySettings(ctx.app.db);
  },

  'capacity.updateSettings': function capacityUpdateSettings(input, ctx) {
    const stayThresholds = Object.fromEntries(
      Object.entries(input.stayThresholds)
        .filter(([, v]) => v.warnMinutes !== null && v.alertMinutes !== null)
        .map(([k, v]) => [k, { warnMinutes: v.warnMinutes!, alertMinutes: v.alertMinutes! }]),
    );
    // The public note is edited with the dispatch settings; keep it (and a window not sent).
    const current = getCapacitySettings(ctx.app.db);
    const settings = {
      ...input,
      stayThresholds,
      note: current.note,
      confirmWindowHours: input.confirmWindowHours ?? current.confirmWindowHours,
    };
    ctx.write(
      ['capacity', 'settings'],
      { action: 'capacity.updateSettings', entity: 'settings' },
      () => {
        setCapacitySettings(ctx.app.db, settings, ctx.now);
        refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id, reason: 'settings changed' });
      },
    );
    return getCapacitySettings(ctx.app.db);
  },
};
