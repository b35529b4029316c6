import type { authContract } from '../../../core/contract/auth';
import { ApiError } from '../../../core/result';
import { msg } from '../../../core/messages';
import type { SessionInfo } from '../../../core/types';
import { createFacility, getFacility, updateFacility } from '../../../db/facility';
import { deleteUserSessions } from '../../../db/sessions';
import {
  clearFailedSignIns,
  countActiveAdmins,
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  recordFailedSignIn,
  setPasswordHash,
  toUserView,
  updateUserFields,
  type UserRow,
} from '../../../db/users';
import { addressThrottle } from '../../auth/address-throttle';
import { auditEndedLocks, lockedTally } from '../../auth/locked-tally';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../auth/passwords';
import type { AppContext } from '../../context';
import { loadDemoData } from '../../demo';
import { databaseProblem } from '../../integrity';
import { newFacilityPublicId } from '../../facility-id';
import type { HandlersFor } from '../types';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
const WRONG_CREDENTIALS = msg('wrongCredentials');

export function sessionInfo(app: AppContext, user: UserRow | null): SessionInfo {
  const problem = databaseProblem(app);
  if (problem)
    return { setupRequired: false, user: null, facility: null, databaseProblem: problem };
  return {
    setupRequired: countUsers(app.db) === 0,
    user: user ? toUserView(user) : null,
    facility: getFacility(app.db),
  };
}

function assertSetupOpen(app: AppContext): void {
  if (countUsers(app.db) > 0 || getFacility(app.db)) {
    throw new ApiError('conflict', msg('alreadySetUp'));
  }
}

function requireUser(app: AppContext, id: number): UserRow {
  const user = findUserById(app.db, id);
  if (!user || user.role === 'kiosk')
    throw new ApiError('not_found', msg('userNotFound', { id }), { id: msg('unknownUser') });
  return user;
}

function addressLockedError(ms: number): ApiError {
  return new ApiError('locked', msg('lockedComputer', { count: Math.ceil(ms / 60000) }));
}

export const authHandlers: HandlersFor<typeof authContract> = {
  'session.status': function sessionStatus(_input, ctx) {
    return sessionInfo(ctx.app, ctx.caller.user);
  },

  'setup.create': async function setupCreate(input, ctx) {
    assertSetupOpen(ctx.app);
    const passwordHash = await hashPassword(input.admin.password);
    const user = ctx.write(
      ['facility', 'users'],
      (u: UserRow) => ({ action: 'setup.create', entity: 'users', entityId: u.id }),
      () => {
        assertSetupOpen(ctx.app); // again inside the transaction: two first-run forms at once
        createFacility(
          ctx.app.db,
          newFacilityPublicId(input.facility.name),
          input.facility,
          ctx.now,
        );
        return insertUser(
          ctx.app.db,
          {
            username: input.admin.username,
            displayName: input.admin.displayName,
            role: 'admin',
            passwordHash,
          },
          ctx.now,
        );
      },
    );
    ctx.caller.startSession(user.id);
    return sessionInfo(ctx.app, user);
  },

  'setup.demo': async function setupDemo(_input, ctx) {
    assertSetupOpen(ctx.app);
    const admin = await loadDemoData(ctx.app);
    ctx.caller.startSession(admin.id);
    return sessionInfo(ctx.app, admin);
  },

  'auth.signIn': async function authSignIn(input, ctx) {
    const { db } = ctx.app;
    const address = ctx.caller.address;
    const throttle = addressThrottle(ctx.app);
    const tally = lockedTally(ctx.app);
    auditEndedLocks(ctx);
    const addressLockedMs = throttle.lockedFor(address, ctx.now);
    if (addressLockedMs > 0) {
      // Checked before scrypt: a locked-out machine cannot make the server hash for it. The lock
      // is on record; this attempt is counted into one row written when the lock ends.
      tally.note(
        {
          action: 'auth.signIn',
          reason: 'address_locked',
          address,
          until: ctx.now + addressLockedMs,
          username: input.username,
        },
        ctx.now,
      );
      throw addressLockedError(addressLockedMs);
    }
    // A failure counts against the client's address too (serve mode); the lock is audited.
    const addressFailure = () =>
      throttle.recordFailure(address, ctx.now) ? { addressLocked: true, address } : {};
    const user = findUserByUsername(db, input.username);
    // Always run one scrypt so an unknown username costs the same time as a wrong password.
    const valid = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || user.role === 'kiosk') {
      ctx.audit({
        action: 'auth.signIn.failed',
        detail: { reason: 'unknown_user', ...addressFailure() },
      });
      throw new ApiError('unauthenticated', WRONG_CREDENTIALS);
    }
    if (user.locked_until && user.locked_until > ctx.now) {
      const lockedAddress = addressFailure();
      // The account's lock is on record; only a lock of this address now is a row of its own.
      if (lockedAddress.addressLocked)
        ctx.audit({
          action: 'auth.signIn.failed',
          entity: 'users',
          entityId: user.id,
          detail: { reason: 'locked', ...lockedAddress },
        });
      else
        tally.note(
          {
            action: 'auth.signIn',
            reason: 'account_locked',
            address,
            until: user.locked_until,
            username: user.username,
            userId: user.id,
          },
          ctx.now,
        );
      const minutes = Math.ceil((user.locked_until - ctx.now) / 60000);
      throw new ApiError('locked', msg('lockedAccount', { count: minutes }));
    }
    if (!valid || user.disabled) {
      db.transaction(() => {
        const lock =
          !user.disabled && user.failed_attempts + 1 >= MAX_FAILED_SIGN_INS
            ? ctx.now + LOCKOUT_MS
            : null;
        recordFailedSignIn(db, user.id, lock);
        ctx.audit({
          action: 'auth.signIn.failed',
          entity: 'users',
          entityId: user.id,
          detail: {
            reason: user.disabled ? 'disabled' : 'password',
            locked: lock !== null,
            ...addressFailure(),
          },
        });
      })();
      throw new ApiError('unauthenticated', WRONG_CREDENTIALS);
    }
    db.transaction(() => {
      clearFailedSignIns(db, user.id);
      ctx.audit({ action: 'auth.signIn', entity: 'users', entityId: user.id });
    })();
    ctx.caller.startSession(user.id);
    return sessionInfo(ctx.app, findUserById(db, user.id)!);
  },

  'auth.signOut': function authSignOut(_input, ctx) {
    ctx.audit({ action: 'auth.signOut', entity: 'users', entityId: ctx.user.id });
    ctx.caller.endSession();
    return null;
  },

  'auth.changePassword': async function authChangePassword(input, ctx) {
    const user = ctx.user;
    if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
      throw new ApiError('invalid_input', msg('currentPasswordWrong'), {
        currentPassword: msg('currentPasswordWrong'),
      });
    }
    const hash = await hashPassword(input.newPassword);
    ctx.write([], { action: 'auth.changePassword', entity: 'users', entityId: user.id }, () =>
      setPasswordHash(ctx.app.db, user.id, hash, ctx.now),
    );
    return null;
  },

  'users.list': function usersList(_input, ctx) {
    return listUsers(ctx.app.db);
  },

  'users.create': async function usersCreate(input, ctx) {
    if (findUserByUsername(ctx.app.db, input.username)) {
      throw new ApiError('conflict', msg('usernameTaken', { username: input.username }), {
        username: msg('usernameTakenField'),
      });
    }
    const passwordHash = await hashPassword(input.password);
    const row = ctx.write(
      ['users'],
      (u: UserRow) => ({
        action: 'users.create',
        entity: 'users',
        entityId: u.id,
        detail: { role: u.role },
      }),
      () => {
        if (findUserByUsername(ctx.app.db, input.username)) {
          throw new ApiError('conflict', msg('usernameTaken', { username: input.username }), {
            username: msg('usernameTakenField'),
          });
        }
        return insertUser(ctx.app.db, { ...input, passwordHash }, ctx.now);
      },
    );
    return toUserView(row);
  },

  'users.update': function usersUpdate(input, ctx) {
    const { db } = ctx.app;
    const target = requireUser(ctx.app, input.id);
    const demotes =
      target.role === 'admin' &&
      ((input.role && input.role !== 'admin') || input.disabled === true);
    const row = ctx.write(
      ['users'],
      {
        action: 'users.update',
        entity: 'users',
        entityId: target.id,
        detail: { fields: Object.keys(input).filter((k) => k !== 'id') },
      },
      () => {
        if (demotes && !target.disabled && countActiveAdmins(db) <= 1) {
          throw new ApiError(
            'conflict',
            msg('lastAdmin'),
            input.disabled ? { disabled: msg('lastAdminField') } : { role: msg('lastAdminField') },
          );
        }
        updateUserFields(db, target.id, input, ctx.now);
        if (input.disabled) deleteUserSessions(db, target.id);
        return findUserById(db, target.id)!;
      },
    );
    return toUserView(row);
  },

  'users.resetPassword': async function usersResetPassword(input, ctx) {
    const target = requireUser(ctx.app, input.id);
    const hash = await hashPassword(input.password);
    ctx.write(
      ['users'],
      { action: 'users.resetPassword', entity: 'users', entityId: target.id },
      () => {
        setPasswordHash(ctx.app.db, target.id, hash, ctx.now);
        deleteUserSessions(ctx.app.db, target.id);
      },
    );
    return null;
  },

  'facility.get': function facilityGet(_input, ctx) {
    const f = getFacility(ctx.app.db);
    if (!f) throw new ApiError('not_found', msg('facilityNotSetUp'));
    return f;
  },

  'facility.update': function facilityUpdate(input, ctx) {
    return ctx.write(
      ['facility'],
      { action: 'facility.update', entity: 'facility', entityId: 1 },
      () => {
        if (!getFacility(ctx.app.db)) throw new ApiError('not_found', msg('facilityNotSetUp'));
        return updateFacility(ctx.app.db, input, ctx.now);
      },
    );
  },
};
