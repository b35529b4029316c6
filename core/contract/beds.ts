import type {
  BoardUnit,
  BedHistoryView,
  BoardView,
  CapacitySettingsView,
  CapacityView,
} from '../beds/types';
import { ANY_STAFF, MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import {
  assignBedSchema,
  bedIdInput,
  bulkCreateBedsSchema,
  capacitySettingsSchema,
  createUnitSchema,
  idInput,
  renameBedSchema,
  setBedStatusSchema,
  setManualStatusSchema,
  updateUnitSchema,
} from '../schemas/beds';
import { method } from './define';

/**
 * Units, beds and capacity (issue 3). Intake changes bed statuses and assigns people;
 * managers and administrators configure units and set diverting / closed.
 */
export const bedsContract = {
  'beds.board': method<BoardView>()({ input: emptyInput, access: ANY_STAFF }),
  'beds.history': method<BedHistoryView[]>()({ input: bedIdInput, access: ANY_STAFF }),
  'beds.setStatus': method<BoardView>()({
    input: setBedStatusSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'beds.assign': method<BoardView>()({ input: assignBedSchema, access: ANY_STAFF, audit: 'write' }),
  'beds.bulkCreate': method<BoardUnit>()({
    input: bulkCreateBedsSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'beds.rename': method<null>()({ input: renameBedSchema, access: MANAGERS, audit: 'write' }),
  'beds.retire': method<null>()({ input: idInput, access: MANAGERS, audit: 'write' }),
  'units.create': method<BoardUnit>()({
    input: createUnitSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'units.update': method<BoardUnit>()({
    input: updateUnitSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'units.retire': method<null>()({ input: idInput, access: MANAGERS, audit: 'write' }),
  'capacity.get': method<CapacityView>()({ input: emptyInput, access: ANY_STAFF }),
  'capacity.setManualStatus': method<CapacityView>()({
    input: setManualStatusSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'capacity.getSettings': method<CapacitySettingsView>()({ input: emptyInput, access: ANY_STAFF }),
  'capacity.updateSettings': method<CapacitySettingsView>()({
    input: capacitySettingsSchema,
    access: MANAGERS,
    audit: 'write',
  }),
} as const;
