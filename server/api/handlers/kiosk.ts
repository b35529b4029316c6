import { randomBytes } from 'node:crypto';
import type { encountersContract } from '../../../core/contract/encounters';
import type { EncounterRow } from '../../../db/encounters';
import {
  insertEncounter,
  insertEncounterEvent,
  nextReference,
  touchAgency,
} from '../../../db/encounters';
import {
  findKioskByCodeHash,
  findKioskByUser,
  getKiosk,
  insertKiosk,
  listKiosks,
  markKioskUsed,
  revokeKiosk,
  toKioskView,
} from '../../../db/kiosks';
import { deleteUserSessions } from '../../../db/sessions';
import { findUserById, insertUser, updateUserFields } from '../../../db/users';
import { ApiError } from '../../../core/result';
import { msg } from '../../../core/messages';
import { addressThrottle } from '../../auth/address-throttle';
import { auditEndedLocks, lockedTally } from '../../auth/locked-tally';
import { hashPassword } from '../../auth/passwords';
import type { HandlerCtx } from '../../context';
import { hashKioskCode, newKioskCode } from '../../encounters/kiosk-codes';
import { facilityTimeZone, yearIn } from '../../encounters/time';
import { TOPICS, write } from '../../encounters/writes';
import type { HandlersWithPrefix, In, Out } from '../types';
import { sessionInfo } from './auth';

/**
 * Kiosk administration (each kiosk is a user of its own, created here) and the officer's
 * self check-in at a paired kiosk.
 */

function listKioskDevices(_input: In<'kiosk.list'>, ctx: HandlerCtx): Out<'kiosk.list'> {
  return listKiosks(ctx.app.db);
}

async function issueKiosk(input: In<'kiosk.issue'>, ctx: HandlerCtx): Promise<Out<'kiosk.issue'>> {
  const code = newKioskCode();
  // The kiosk user never signs in with a password (auth.signIn refuses kiosk rows).
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
  const row = write(
    ctx,
    ['kiosks'],
    (k: { id: number }) => ({ action: 'kiosk.issue', entity: 'kiosk_devices', entityId: k.id }),
    () => {
      const user = insertUser(
        ctx.app.db,
        {
          username: `kiosk-${randomBytes(6).toString('hex')}`,
          displayName: `Kiosk: ${input.name}`,
          role: 'kiosk',
          passwordHash,
        },
        ctx.now,
      );
      return insertKiosk(ctx.app.db, {
        userId: user.id,
        name: input.name,
        codeHash: hashKioskCode(code),
        createdBy: ctx.user.id,
        now: ctx.now,
      });
    },
  );
  return { device: toKioskView(row), code };
}

function revokeKioskDevice(input: In<'kiosk.revoke'>, ctx: HandlerCtx): Out<'kiosk.revoke'> {
  const row = write(
    ctx,
    ['kiosks'],
    { action: 'kiosk.revoke', entity: 'kiosk_devices', entityId: input.id },
    () => {
      const kiosk = getKiosk(ctx.app.db, input.id);
      if (!kiosk)
        throw new ApiError('not_found', msg('kioskNotFound', { id: input.id }), {
          id: msg('unknownKiosk'),
        });
      revokeKiosk(ctx.app.db, kiosk.id, ctx.now);
      // Disabling the kiosk user ends its sessions at once (resolveSession refuses it).
      updateUserFields(ctx.app.db, kiosk.user_id, { disabled: true }, ctx.now);
      deleteUserSessions(ctx.app.db, kiosk.user_id);
      return getKiosk(ctx.app.db, kiosk.id)!;
    },
  );
  return toKioskView(row);
}

function pairKiosk(input: In<'kiosk.pair'>, ctx: HandlerCtx): Out<'kiosk.pair'> {
  // Throttled per address like sign-in; refusals while locked are tallied, not a row each.
  const address = ctx.caller.address;
  const throttle = addressThrottle(ctx.app, 'kioskPair');
  auditEndedLocks(ctx);
  const lockedMs = throttle.lockedFor(address, ctx.now);
  if (lockedMs > 0) {
    lockedTally(ctx.app).note(
      { action: 'kiosk.pair', reason: 'address_locked', address, until: ctx.now + lockedMs },
      ctx.now,
    );
    throw new ApiError('locked', msg('lockedKioskPair', { count: Math.ceil(lockedMs / 60000) }));
  }
  const kiosk = findKioskByCodeHash(ctx.app.db, hashKioskCode(input.code));
  const user = kiosk ? findUserById(ctx.app.db, kiosk.user_id) : undefined;
  if (!kiosk || kiosk.revoked_at !== null || !user || user.disabled) {
    const locked = throttle.recordFailure(address, ctx.now);
    ctx.audit({
      action: 'kiosk.pair.failed',
      ...(locked ? { detail: { addressLocked: true, address } } : {}),
    });
    throw new ApiError('unauthenticated', msg('kioskCodeUnknown'), {
      code: msg('kioskCodeUnknownField'),
    });
  }
  ctx.app.db.transaction(() => {
    markKioskUsed(ctx.app.db, kiosk.id, ctx.now);
    ctx.audit({ action: 'kiosk.pair', entity: 'kiosk_devices', entityId: kiosk.id });
  })();
  ctx.caller.startSession(user.id);
  return sessionInfo(ctx.app, user);
}

function kioskCheckIn(input: In<'kiosk.checkIn'>, ctx: HandlerCtx): Out<'kiosk.checkIn'> {
  const kiosk = findKioskByUser(ctx.app.db, ctx.user.id);
  if (!kiosk || kiosk.revoked_at !== null) throw new ApiError('forbidden', msg('kioskRevoked'));
  const { db } = ctx.app;
  const row = write(
    ctx,
    TOPICS,
    (r: EncounterRow) => ({
      action: 'kiosk.checkIn',
      entity: 'encounters',
      entityId: r.id,
      detail: { kiosk: kiosk.id },
    }),
    () => {
      const created = insertEncounter(db, {
        reference: nextReference(db, yearIn(ctx.now, facilityTimeZone(db))),
        status: 'arrived',
        values: { referralSource: 'law_enforcement', ...input, arrivedAt: ctx.now },
        createdBy: ctx.user.id,
        now: ctx.now,
      });
      insertEncounterEvent(db, {
        encounterId: created.id,
        at: ctx.now,
        userId: ctx.user.id,
        kind: 'arrived',
        detail: { referralSource: 'law_enforcement', via: 'kiosk', kiosk: kiosk.name },
      });
      touchAgency(db, input.agency, ctx.now);
      markKioskUsed(db, kiosk.id, ctx.now);
      return created;
    },
  );
  return { reference: row.reference, arrivedAt: row.arrived_at! };
}

export const kioskHandlers: HandlersWithPrefix<typeof encountersContract, 'kiosk.'> = {
  'kiosk.list': listKioskDevices,
  'kiosk.issue': issueKiosk,
  'kiosk.revoke': revokeKioskDevice,
  'kiosk.pair': pairKiosk,
  'kiosk.checkIn': kioskCheckIn,
};
