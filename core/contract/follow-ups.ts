import { z } from 'zod';
import {
  attemptSchema,
  followUpExportSchema,
  followUpListSchema,
  followUpPolicySchema,
  intakeNoteAddSchema,
  intakeNoteEditSchema,
  intakeNoteRemoveSchema,
  intakeNotesLookupSchema,
} from '../follow-up/schemas';
import type {
  FollowUpListView,
  FollowUpPolicyView,
  IntakeNoteView,
  PersonView,
  RecordedAttempt,
} from '../follow-up/types';
import { CASE_MANAGEMENT, FOLLOW_UP_STAFF, MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import { method } from './define';

export const personViewSchema = z
  .object({
    personKey: z.string().min(3).max(400).optional(),
    encounterId: z.number().int().positive().optional(),
  })
  .refine((v) => (v.personKey === undefined) !== (v.encounterId === undefined), {
    message: 'Give a person key or an encounter id',
  });

/**
 * Follow-up after discharge and case management (issue #19). None of this reaches the capacity
 * endpoint, the region feed or the wall display: their readers never read these tables.
 */
export const followUpsContract = {
  'followUps.list': method<FollowUpListView>()({
    input: followUpListSchema,
    access: FOLLOW_UP_STAFF,
    audit: 'read',
  }),
  'followUps.dueCount': method<{ due: number }>()({ input: emptyInput, access: FOLLOW_UP_STAFF }),
  'followUps.record': method<RecordedAttempt>()({
    input: attemptSchema,
    access: FOLLOW_UP_STAFF,
    audit: 'write',
  }),
  'followUps.policy': method<FollowUpPolicyView>()({
    input: emptyInput,
    access: FOLLOW_UP_STAFF,
  }),
  'followUps.updatePolicy': method<FollowUpPolicyView>()({
    input: followUpPolicySchema,
    access: MANAGERS,
    audit: 'write',
  }),
  /** One row per attempt made in the range (a range, never the whole history at once). */
  'followUps.export': method<{ csv: string; rows: number }>()({
    input: followUpExportSchema,
    access: MANAGERS,
    audit: 'read',
  }),
  'people.get': method<PersonView>()({
    input: personViewSchema,
    access: CASE_MANAGEMENT,
    audit: 'read',
  }),
  'notes.add': method<IntakeNoteView>()({
    input: intakeNoteAddSchema,
    access: CASE_MANAGEMENT,
    audit: 'write',
  }),
  'notes.edit': method<IntakeNoteView>()({
    input: intakeNoteEditSchema,
    access: CASE_MANAGEMENT,
    audit: 'write',
  }),
  'notes.remove': method<null>()({
    input: intakeNoteRemoveSchema,
    access: CASE_MANAGEMENT,
    audit: 'write',
  }),
  /** The Handoff screen: notes for the person intake is typing in (names + date of birth). */
  'notes.forIntake': method<IntakeNoteView[]>()({
    input: intakeNotesLookupSchema,
    access: FOLLOW_UP_STAFF,
    audit: 'read',
  }),
} as const;
