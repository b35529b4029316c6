/** Staff roles, plus `kiosk`: a device credential for officer self-check-in that can do almost nothing. */
export const STAFF_ROLES = ['admin', 'manager', 'intake', 'case_manager'] as const;
export const ROLES = [...STAFF_ROLES, 'kiosk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

/**
 * Who may call a method: `public` needs no session (signed out or staff, never a kiosk: a kiosk
 * device can do nothing but check officers in); `device` is public and open to a kiosk too, for
 * the one method its page needs to start (session.status: which facility, which session).
 */
export type Access = 'public' | 'device' | readonly Role[];

/** Every signed-in person's own account and session (sign out, lock, password, about). */
export const EVERY_STAFF: readonly Role[] = STAFF_ROLES;
/** The intake desk's roles (every encounter method); a case manager is not one of them. */
export const ANY_STAFF: readonly Role[] = ['admin', 'manager', 'intake'];
/** Follow-ups: the desk records attempts, case managers work the list. */
export const FOLLOW_UP_STAFF: readonly Role[] = ['admin', 'manager', 'intake', 'case_manager'];
/** Person views, repeat-visitor and possible-match lists, intake notes. */
export const CASE_MANAGEMENT: readonly Role[] = ['admin', 'manager', 'case_manager'];
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
export const ADMINS: readonly Role[] = ['admin'];

/** Needs no session: `public` or `device`. */
export function isPublic(access: Access): access is 'public' | 'device' {
  return access === 'public' || access === 'device';
}

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === 'device') return true;
  if (access === 'public') return role !== 'kiosk';
  return role !== null && access.includes(role);
}
