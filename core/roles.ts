/** Staff roles, plus `kiosk`: a device credential for officer self-check-in that can do almost nothing. */
export const STAFF_ROLES = ['admin', 'manager', 'intake'] as const;
export const ROLES = [...STAFF_ROLES, 'kiosk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Who may call a method: `public` needs no session at all. */
export type Access = 'public' | readonly Role[];

export const ANY_STAFF: readonly Role[] = STAFF_ROLES;
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
export const ADMINS: readonly Role[] = ['admin'];

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
