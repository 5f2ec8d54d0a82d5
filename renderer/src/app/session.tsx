import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import type { Permission } from '../../../shared/roles.ts';

export type SessionActions = {
  session: SessionInfo;
  /** Signs out and shows sign-in with the user name kept (switching back is one password away). */
  lock: () => Promise<void>;
  signOut: () => Promise<void>;
};

export const SessionContext = createContext<SessionActions | null>(null);

export function useSession(): SessionActions {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession: outside the signed-in app');
  return value;
}

/** The UI only hides what the core would refuse anyway; the core enforces every call. */
export function useCan(permission: Permission): boolean {
  return useSession().session.permissions.includes(permission);
}
