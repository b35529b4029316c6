import crypto from 'node:crypto';
import type { protectionContract, RetentionSettings } from '../../../core/contract/protection';
import { msg } from '../../../core/messages';
import { ApiError } from '../../../core/result';
import { keyOf } from '../../../db/cipher';
import {
  DEIDENTIFIED_EXPORT_ACTION,
  exportAuditRows,
  exportableEncounterCount,
} from '../../../db/export-log';
import { getFacility } from '../../../db/facility';
import { getSetting, setSetting } from '../../../db/settings';
import type { AppContext, HandlerCtx } from '../../context';
import { DEIDENTIFIED_CSV, exportPage } from '../../interchange/export';
import { formatRecoveryKey } from '../../keys/key-file';
import { RETENTION_LAST_RUN_SETTING, RETENTION_MONTHS_SETTING } from '../../retention/settings';
import type { HandlersFor } from '../types';

/** Settings key: fingerprint of the key whose recovery key was shown, and when. */
export const RECOVERY_SHOWN_SETTING = 'protection.recoveryKeyShown';

const fingerprint = (key: Buffer): string =>
  crypto.createHash('sha256').update('handoff recovery key shown').update(key).digest('hex');

function recoveryShownAt(app: AppContext): number | null {
  const key = keyOf(app.db);
  const shown = getSetting<{ fingerprint?: string; at?: number } | null>(
    app.db,
    RECOVERY_SHOWN_SETTING,
    null,
  );
  return key && shown?.fingerprint === fingerprint(key) && typeof shown.at === 'number'
    ? shown.at
    : null;
}

export function retentionSettings(app: AppContext): RetentionSettings {
  const months = getSetting<unknown>(app.db, RETENTION_MONTHS_SETTING, null);
  const last = getSetting<{ at?: unknown; deidentified?: unknown } | null>(
    app.db,
    RETENTION_LAST_RUN_SETTING,
    null,
  );
  return {
    months: typeof months === 'number' && Number.isInteger(months) && months >= 1 ? months : null,
    lastRun:
      last && typeof last.at === 'number' && typeof last.deidentified === 'number'
        ? { at: last.at, deidentified: last.deidentified }
        : null,
  };
}

function facilityZone(ctx: HandlerCtx): string {
  const f = getFacility(ctx.app.db);
  if (!f) throw new ApiError('conflict', msg('setUpFacilityFirst'));
  return f.timeZone;
}

function exportDeidentifiedPage(
  input: { after: { arrivedAt: number; reference: string } | null },
  ctx: HandlerCtx,
) {
  if (!input.after)
    ctx.audit({
      action: DEIDENTIFIED_EXPORT_ACTION,
      entity: 'encounters',
      detail: { rows: exportableEncounterCount(ctx.app.db) },
    });
  return exportPage(
    ctx.app.db,
    facilityZone(ctx),
    input.after,
    undefined,
    undefined,
    DEIDENTIFIED_CSV,
  );
}

function exportLog(_input: unknown, ctx: HandlerCtx) {
  return {
    rows: exportAuditRows(ctx.app.db).map((r) => {
      let detail: { rows?: unknown; reason?: unknown } = {};
      try {
        detail = r.detail ? (JSON.parse(r.detail) as typeof detail) : {};
      } catch {
        /* an old row without detail */
      }
      return {
        at: r.at,
        username: r.username,
        kind:
          r.action === DEIDENTIFIED_EXPORT_ACTION ? ('deidentified' as const) : ('full' as const),
        rows: typeof detail.rows === 'number' ? detail.rows : null,
        reason: typeof detail.reason === 'string' ? detail.reason : null,
      };
    }),
  };
}

function protectionStatus(_input: unknown, ctx: HandlerCtx) {
  return {
    encrypted: keyOf(ctx.app.db) !== undefined,
    recoveryKeyShownAt: recoveryShownAt(ctx.app),
  };
}

/**
 * The recovery key, shown once per key: whoever sees it next could open every copy, so a second
 * look is refused (and says how to get a new one: change the key).
 */
function showRecoveryKey(_input: unknown, ctx: HandlerCtx) {
  const key = keyOf(ctx.app.db);
  if (!key)
    throw new ApiError('conflict', msg('recoveryKeyShown', { when: 'never: not encrypted' }));
  const shown = recoveryShownAt(ctx.app);
  if (shown !== null)
    throw new ApiError(
      'conflict',
      msg('recoveryKeyShown', { when: new Date(shown).toISOString() }),
    );
  ctx.write(['protection'], { action: 'protection.recoveryKeyShown', entity: 'database' }, () =>
    setSetting(
      ctx.app.db,
      RECOVERY_SHOWN_SETTING,
      { fingerprint: fingerprint(key), at: ctx.now },
      ctx.now,
    ),
  );
  return { recoveryKey: formatRecoveryKey(key) };
}

function updateRetentionSettings(input: { months: number | null }, ctx: HandlerCtx) {
  ctx.write(
    ['retention'],
    { action: 'retention.updateSettings', entity: 'settings', detail: { months: input.months } },
    () => setSetting(ctx.app.db, RETENTION_MONTHS_SETTING, input.months, ctx.now),
  );
  return retentionSettings(ctx.app);
}

export const protectionHandlers: HandlersFor<typeof protectionContract> = {
  'encounters.exportDeidentifiedPage': exportDeidentifiedPage,
  'exports.log': exportLog,
  'protection.status': protectionStatus,
  'protection.recoveryKey': showRecoveryKey,
  'retention.settings': (_input, ctx) => retentionSettings(ctx.app),
  'retention.updateSettings': updateRetentionSettings,
};
