import { z } from 'zod';
import { m } from '../messages';
import { STAFF_ROLES } from '../roles';
import { id, optionalText, text, timeZone } from './common';

export const MIN_PASSWORD_LENGTH = 12;

export const password = z
  .string({ error: m('passwordRequired') })
  .min(MIN_PASSWORD_LENGTH, m('passwordMin', { min: MIN_PASSWORD_LENGTH }))
  .max(200, m('passwordMax', { max: 200 }));

export const username = z
  .string({ error: m('usernameRequired') })
  .trim()
  .toLowerCase()
  .min(2, m('usernameMin', { min: 2 }))
  .max(64, m('usernameMax', { max: 64 }))
  .regex(/^[a-z0-9._-]+$/, m('usernameChars'));

export const facilitySchema = z.object({
  name: text('facilityName', 120),
  timeZone,
  address: optionalText('address', 300),
  phone: optionalText('phone', 40),
});
export type FacilityInput = z.input<typeof facilitySchema>;

export const setupSchema = z.object({
  facility: facilitySchema,
  admin: z.object({
    displayName: text('name', 120),
    username,
    password,
  }),
});
export type SetupInput = z.input<typeof setupSchema>;

export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, m('usernameRequired')).max(64),
  password: z.string().min(1, m('passwordRequired')).max(200),
});
export type SignInInput = z.input<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, m('currentPasswordRequired')).max(200),
    newPassword: password,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: m('newPasswordSame'),
  });

export const staffRole = z.enum(STAFF_ROLES, { error: m('chooseRole') });

export const createUserSchema = z.object({
  displayName: text('name', 120),
  username,
  role: staffRole,
  password,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  id,
  displayName: text('name', 120).optional(),
  role: staffRole.optional(),
  disabled: z.boolean().optional(),
});

export const resetPasswordSchema = z.object({ id, password });

export const emptyInput = z.object({}).strict().optional().default({});
