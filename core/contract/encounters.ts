import type {
  ActiveEncounters,
  EncounterDetail,
  EncounterSearchResult,
  EncounterView,
  ExpectedArrivalView,
  HandoffSuggestions,
  KioskCheckInResult,
  KioskDeviceView,
  KioskIssued,
  OfficerReceipt,
  TurnaroundSettings,
} from '../encounters/types';
import { ADMINS, ANY_STAFF, MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import {
  encounterAcceptSchema,
  encounterArriveSchema,
  encounterAssignBedSchema,
  encounterCreateSchema,
  encounterDeclineSchema,
  encounterDischargeSchema,
  encounterExpectSchema,
  encounterIdSchema,
  encounterSearchSchema,
  encounterUpdateSchema,
  kioskCheckInSchema,
  kioskIssueSchema,
  kioskPairSchema,
  turnaroundSettingsSchema,
} from '../schemas/encounters';
import type { SessionInfo } from '../types';
import { method } from './define';

/** Encounters (warm handoff, turnaround, discharge, search) and the officer kiosk. */
export const encountersContract = {
  'encounters.create': method<EncounterView>()({
    input: encounterCreateSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.expect': method<ExpectedArrivalView>()({
    input: encounterExpectSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.arrive': method<EncounterView>()({
    input: encounterArriveSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.accept': method<EncounterView>()({
    input: encounterAcceptSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.decline': method<EncounterView>()({
    input: encounterDeclineSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.discharge': method<EncounterView>()({
    input: encounterDischargeSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.assignBed': method<EncounterView>()({
    input: encounterAssignBedSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.update': method<EncounterView>()({
    input: encounterUpdateSchema,
    access: ANY_STAFF,
    audit: 'write',
  }),
  'encounters.get': method<EncounterDetail>()({
    input: encounterIdSchema,
    access: ANY_STAFF,
    audit: 'read',
  }),
  'encounters.search': method<EncounterSearchResult>()({
    input: encounterSearchSchema,
    access: ANY_STAFF,
    audit: 'read',
  }),
  'encounters.active': method<ActiveEncounters>()({ input: emptyInput, access: ANY_STAFF }),
  'encounters.suggestions': method<HandoffSuggestions>()({
    input: emptyInput,
    access: ANY_STAFF,
  }),
  'encounters.receipt': method<OfficerReceipt>()({
    input: encounterIdSchema,
    access: ANY_STAFF,
    audit: 'read',
  }),
  'turnaround.settings': method<TurnaroundSettings>()({ input: emptyInput, access: ANY_STAFF }),
  'turnaround.updateSettings': method<TurnaroundSettings>()({
    input: turnaroundSettingsSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'kiosk.list': method<KioskDeviceView[]>()({ input: emptyInput, access: ADMINS }),
  'kiosk.issue': method<KioskIssued>()({ input: kioskIssueSchema, access: ADMINS, audit: 'write' }),
  'kiosk.revoke': method<KioskDeviceView>()({
    input: encounterIdSchema,
    access: ADMINS,
    audit: 'write',
  }),
  /** Binds this browser to a kiosk device (public: the kiosk has no session yet). */
  'kiosk.pair': method<SessionInfo>()({ input: kioskPairSchema, access: 'public' }),
  /** The one method a kiosk session may call. */
  'kiosk.checkIn': method<KioskCheckInResult>()({
    input: kioskCheckInSchema,
    access: ['kiosk'],
    audit: 'write',
  }),
} as const;
