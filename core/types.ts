import type { Role } from './roles';

export interface FacilityView {
  /** Stable id published to dispatch (never changes once set). */
  id: string;
  name: string;
  timeZone: string;
  address: string | null;
  phone: string | null;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}

export interface SessionInfo {
  /** True on a new database: the UI shows first-run setup. */
  setupRequired: boolean;
  user: UserView | null;
  facility: FacilityView | null;
  /**
   * Set when the database file was found damaged after start-up (the background integrity
   * check): every other call is refused and the UI shows this message instead of its screens.
   */
  databaseProblem?: string;
}
