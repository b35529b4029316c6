import { createContext, useContext } from 'react';
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
