import { z } from 'zod';
import { MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES } from '../security/types';

export const securitySettingsSchema = z
  .object({
    idleLockMinutes: z
      .number({ error: 'Enter a number of minutes' })
      .int('Whole minutes only')
      .min(MIN_IDLE_LOCK_MINUTES, `At least ${MIN_IDLE_LOCK_MINUTES} minute`)
      .max(MAX_IDLE_LOCK_MINUTES, `At most ${MAX_IDLE_LOCK_MINUTES} minutes`),
  })
  .strict();

/** A backup file name as listed by backup.list: no folders, no traversal. */
export const backupName = z
  .string({ error: 'Choose a backup' })
  .min(1, 'Choose a backup')
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.db$/, 'Not a backup file name');

export const restoreSchema = z
  .object({
    name: backupName,
    /** The UI asks first; the API refuses a restore that was not confirmed. */
    confirm: z.literal(true, { error: 'Confirm the restore' }),
  })
  .strict();
