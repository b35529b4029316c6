import { createContext, useContext } from 'react';
import { contract, type MethodName } from '../core/contract';
import { isAllowed } from '../core/roles';
import type { FacilityView, UserView } from '../core/types';

export interface SessionState {
  user: UserView;
  facility: FacilityView;
  refresh(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in screen');
  return s;
}

/**
 * Whether the signed-in role may call `method`, by the method's own access in the contract: a
 * screen offers (or makes read-only) what the server would allow, from the one list of roles.
 */
export function useMayCall(method: MethodName): boolean {
  return isAllowed(contract[method].access, useSession().user.role);
}
