import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import type { Settings } from '../../../shared/api/settings.ts';
import type { BackupManifest } from '../../../shared/api/backup.ts';
import type { Permission } from '../../../shared/roles.ts';

export type SessionActions = {
  session: SessionInfo;
  /** Signs out and covers the app with the lock screen; open forms keep what was typed. */
  lock: () => Promise<void>;
  /** Signs out and returns to sign-in with nothing kept. */
  signOut: () => Promise<void>;
  /** Signs out and returns to an empty sign-in form for the next person, with nothing kept. */
  switchUser: () => Promise<void>;
  /** The core answered with a fresher session (own password changed). */
  updateSession: (session: SessionInfo) => void;
  /** The owner saved settings (the idle lock follows at once). */
  updateSettings: (settings: Settings) => void;
  /** A backup replaced the data: everyone was signed out; sign in with a password valid in it. */
  restored: (manifest: BackupManifest) => void;
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
