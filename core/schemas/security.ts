import { z } from 'zod';
import { m } from '../messages';
import { MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES } from '../security/types';

export const securitySettingsSchema = z
  .object({
    idleLockMinutes: z
      .number({ error: m('idleNumber') })
      .int(m('idleWhole'))
      .min(MIN_IDLE_LOCK_MINUTES, m('idleMin', { count: MIN_IDLE_LOCK_MINUTES }))
      .max(MAX_IDLE_LOCK_MINUTES, m('idleMax', { count: MAX_IDLE_LOCK_MINUTES })),
  })
  .strict();

/** A backup file name as listed by backup.list: no folders, no traversal. */
export const backupName = z
  .string({ error: m('chooseBackup') })
  .min(1, m('chooseBackup'))
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.db$/, m('notBackupName'));

export const restoreSchema = z
  .object({
    name: backupName,
    /** The UI asks first; the API refuses a restore that was not confirmed. */
    confirm: z.literal(true, { error: m('confirmRestore') }),
  })
  .strict();
