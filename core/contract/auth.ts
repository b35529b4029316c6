import { ADMINS, EVERY_STAFF } from '../roles';
import {
  changePasswordSchema,
  createUserSchema,
  emptyInput,
  facilitySchema,
  resetPasswordSchema,
  setupSchema,
  signInSchema,
  updateUserSchema,
} from '../schemas/auth';
import type { FacilityView, SessionInfo, UserView } from '../types';
import { method } from './define';

export const authContract = {
  'session.status': method<SessionInfo>()({ input: emptyInput, access: 'device' }),
  'setup.create': method<SessionInfo>()({ input: setupSchema, access: 'public' }),
  'setup.demo': method<SessionInfo>()({ input: emptyInput, access: 'public' }),
  'auth.signIn': method<SessionInfo>()({ input: signInSchema, access: 'public' }),
  'auth.signOut': method<null>()({ input: emptyInput, access: EVERY_STAFF }),
  'auth.changePassword': method<null>()({ input: changePasswordSchema, access: EVERY_STAFF }),
  'users.list': method<UserView[]>()({ input: emptyInput, access: ADMINS }),
  'users.create': method<UserView>()({ input: createUserSchema, access: ADMINS, audit: 'write' }),
  'users.update': method<UserView>()({ input: updateUserSchema, access: ADMINS, audit: 'write' }),
  'users.resetPassword': method<null>()({
    input: resetPasswordSchema,
    access: ADMINS,
    audit: 'write',
  }),
  'facility.get': method<FacilityView>()({ input: emptyInput, access: EVERY_STAFF }),
  'facility.update': method<FacilityView>()({
    input: facilitySchema,
    access: ADMINS,
    audit: 'write',
  }),
} as const;
