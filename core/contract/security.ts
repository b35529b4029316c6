import { ADMINS, EVERY_STAFF } from '../roles';
import { emptyInput } from '../schemas/auth';
import { restoreSchema, securitySettingsSchema } from '../schemas/security';
import type {
  AboutInfo,
  AuditVerificationView,
  BackupInfo,
  BackupList,
  RestoreResult,
  SecuritySettings,
} from '../security/types';
import { method } from './define';

/** Idle lock, audit verification, backups and About. */
export const securityContract = {
  /** Automatic logoff: ends the session but the UI keeps its unsaved input behind a lock. */
  'auth.lock': method<null>()({ input: emptyInput, access: EVERY_STAFF }),
  'security.settings': method<SecuritySettings>()({ input: emptyInput, access: EVERY_STAFF }),
  'security.updateSettings': method<SecuritySettings>()({
    input: securitySettingsSchema,
    access: ADMINS,
    audit: 'write',
  }),
  'audit.verify': method<AuditVerificationView>()({ input: emptyInput, access: ADMINS }),
  'backup.list': method<BackupList>()({ input: emptyInput, access: ADMINS }),
  'backup.create': method<BackupInfo>()({ input: emptyInput, access: ADMINS, audit: 'write' }),
  'backup.restore': method<RestoreResult>()({
    input: restoreSchema,
    access: ADMINS,
    audit: 'write',
  }),
  'app.about': method<AboutInfo>()({ input: emptyInput, access: EVERY_STAFF }),
} as const;
