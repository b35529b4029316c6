import type { securityContract } from '../../../core/contract/security';
import { DEFAULT_IDLE_LOCK_MINUTES, type SecuritySettings } from '../../../core/security/types';
import {
  isAuditResult,
  startAuditVerification,
  verifyAuditSlice,
  type AuditVerification,
} from '../../../db/audit';
import { ApiError } from '../../../core/result';
import { schemaVersion } from '../../../db/migrate';
import { getSetting, setSetting } from '../../../db/settings';
import { backupAndRotate, backupDir, listBackups, restoreBackup } from '../../backup';
import { notifyChange, type AppContext } from '../../context';
import { maintenanceReason } from '../../maintenance';
import { runtimeInfo } from '../../runtime-info';
import type { HandlersFor } from '../types';

export const IDLE_LOCK_SETTING = 'security.idleLockMinutes';

/** How long one slice of the audit verification may hold the main thread. */
const VERIFY_SLICE_MS = 3;

/**
 * The whole chain, in slices of a few milliseconds with other calls in between: the log only
 * grows (a real center's holds millions of rows), and a desk or a dispatch poll must not wait
 * behind it. Every row is re-hashed each time, so an edited old row is always found.
 */
async function verifyAuditInSlices(app: AppContext): Promise<AuditVerification> {
  let state = startAuditVerification(app.db);
  for (;;) {
    const until = performance.now() + VERIFY_SLICE_MS;
    const r = verifyAuditSlice(app.db, state, () => performance.now() > until);
    if (isAuditResult(r)) return r;
    state = r;
    await new Promise((resolve) => setImmediate(resolve));
    const busy = maintenanceReason(app);
    if (busy || !app.db.open)
      throw new ApiError(
        'unavailable',
        `${busy ?? 'Handoff is closing.'} Verify again afterwards.`,
      );
  }
}

export function securitySettings(app: AppContext): SecuritySettings {
  const v = getSetting<unknown>(app.db, IDLE_LOCK_SETTING, DEFAULT_IDLE_LOCK_MINUTES);
  return {
    idleLockMinutes:
      typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_IDLE_LOCK_MINUTES,
  };
}

export const securityHandlers: HandlersFor<typeof securityContract> = {
  'auth.lock': function authLock(_input, ctx) {
    ctx.audit({ action: 'auth.idleLock', entity: 'users', entityId: ctx.user.id });
    ctx.caller.endSession();
    return null;
  },

  'security.settings': function readSecuritySettings(_input, ctx) {
    return securitySettings(ctx.app);
  },

  'security.updateSettings': function securityUpdateSettings(input, ctx) {
    return ctx.write(
      ['security'],
      { action: 'security.updateSettings', detail: { idleLockMinutes: input.idleLockMinutes } },
      () => {
        setSetting(ctx.app.db, IDLE_LOCK_SETTING, input.idleLockMinutes, ctx.now);
        return securitySettings(ctx.app);
      },
    );
  },

  'audit.verify': async function auditVerify(_input, ctx) {
    const result = await verifyAuditInSlices(ctx.app);
    // The check itself is on the record, after the rows it checked.
    ctx.audit({
      action: 'audit.verify',
      detail: { ok: result.ok, rows: result.rows, brokenAt: result.brokenAt },
    });
    return { ...result, checkedAt: ctx.now };
  },

  'backup.list': function backupList(_input, ctx) {
    return {
      folder: backupDir(ctx.app.dataDir),
      backups: listBackups(ctx.app.dataDir),
    };
  },

  'backup.create': async function backupCreate(_input, ctx) {
    const info = await backupAndRotate(ctx.app, 'manual');
    ctx.audit({ action: 'backup.create', entity: 'backups', entityId: info.name });
    return info;
  },

  'backup.restore': async function backupRestore(input, ctx) {
    const result = await restoreBackup(ctx.app, input.name, {
      nativeBinding: runtimeInfo(ctx.app).nativeBinding,
    });
    // Appended to the restored database's own chain, which carries on from the copy.
    ctx.audit({
      action: 'backup.restore',
      entity: 'backups',
      entityId: result.restored,
      detail: { safetyBackup: result.safetyBackup },
    });
    // Every screen and cache reloads: the data underneath them changed wholesale.
    notifyChange(ctx.app, ['*']);
    return result;
  },

  'app.about': function appAbout(_input, ctx) {
    const info = runtimeInfo(ctx.app);
    return {
      version: info.version,
      shell: info.shell,
      dataFolder: ctx.app.dataDir,
      databaseFile: ctx.app.db.name,
      backupFolder: backupDir(ctx.app.dataDir),
      logFolder: info.logFolder,
      schemaVersion: schemaVersion(ctx.app.db),
      runtime: process.versions.electron
        ? `Electron ${process.versions.electron}, Node ${process.versions.node}`
        : `Node ${process.versions.node}`,
    };
  },
};
