import { z } from 'zod';
import { STAFF_ROLES } from '../roles';
import { id, optionalText, text, timeZone } from './common';

export const MIN_PASSWORD_LENGTH = 12;

export const password = z
  .string({ error: 'Password is required' })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'Password must be at most 200 characters');

export const username = z
  .string({ error: 'Username is required' })
  .trim()
  .toLowerCase()
  .min(2, 'Username must be at least 2 characters')
  .max(64, 'Username must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore');

export const facilitySchema = z.object({
  name: text('Facility name', 120),
  timeZone,
  address: optionalText('Address', 300),
  phone: optionalText('Phone', 40),
});
export type FacilityInput = z.input<typeof facilitySchema>;

export const setupSchema = z.object({
  facility: facilitySchema,
  admin: z.object({
    displayName: text('Name', 120),
    username,
    password,
  }),
});
export type SetupInput = z.input<typeof setupSchema>;

export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Username is required').max(64),
  password: z.string().min(1, 'Password is required').max(200),
});
export type SignInInput = z.input<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Current password is required').max(200),
    newPassword: password,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'The new password must differ from the current one',
  });

export const staffRole = z.enum(STAFF_ROLES, { error: 'Choose a role' });

export const createUserSchema = z.object({
  displayName: text('Name', 120),
  username,
  role: staffRole,
  password,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  id,
  displayName: text('Name', 120).optional(),
  role: staffRole.optional(),
  disabled: z.boolean().optional(),
});

export const resetPasswordSchema = z.object({ id, password });

export const emptyInput = z.object({}).strict().optional().default({});
