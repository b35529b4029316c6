import { z } from 'zod';
import { m } from '../messages';
import { ADMINS, MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import { method } from './define';

/** Protecting the data (#20): least-privilege exports, the export log, the recovery key, retention. */

export const deidentifiedPageSchema = z
  .object({
    after: z
      .object({ arrivedAt: z.number().int(), reference: z.string().min(1).max(40) })
      .nullable()
      .default(null),
  })
  .strict();

/** Months after discharge; null = off. One schema for the form, the API and the CLI. */
export const retentionMonthsSchema = z
  .number({ error: m('retentionMonths') })
  .int({ error: m('retentionMonths') })
  .min(1, { error: m('retentionMonths') })
  .max(600, { error: m('retentionMonths') })
  .nullable();

export const retentionSettingsSchema = z.object({ months: retentionMonthsSchema }).strict();

export interface ExportLogRow {
  at: number;
  username: string | null;
  /** `full` (names included) or `deidentified`. */
  kind: 'full' | 'deidentified';
  rows: number | null;
  reason: string | null;
}

export interface RetentionSettings {
  months: number | null;
  lastRun: { at: number; deidentified: number } | null;
}

export interface ProtectionStatus {
  encrypted: boolean;
  /** When the recovery key of the current key was shown (it is shown once per key). */
  recoveryKeyShownAt: number | null;
}

export const protectionContract = {
  'encounters.exportDeidentifiedPage': method<{
    csv: string;
    rows: number;
    next: { arrivedAt: number; reference: string } | null;
  }>()({ input: deidentifiedPageSchema, access: MANAGERS, audit: 'read' }),
  'exports.log': method<{ rows: ExportLogRow[] }>()({ input: emptyInput, access: ADMINS }),
  'protection.status': method<ProtectionStatus>()({ input: emptyInput, access: ADMINS }),
  'protection.recoveryKey': method<{ recoveryKey: string }>()({
    input: emptyInput,
    access: ADMINS,
    audit: 'write',
  }),
  'retention.settings': method<RetentionSettings>()({ input: emptyInput, access: ADMINS }),
  'retention.updateSettings': method<RetentionSettings>()({
    input: retentionSettingsSchema,
    access: ADMINS,
    audit: 'write',
  }),
} as const;
