import type { Settings } from '../../../shared/api/auth.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Db } from '../db/sql.ts';
import type { CoreEvent } from '../core-types.ts';
import type { BackupIo } from '../backup/backup-io.ts';

/** Who is calling, as the core knows it from the session (never from the caller's input). */
export type Caller = { userId: number; username: string; displayName: string; role: Role };

export type Session = { userId: number; lastSeen: number };

/** The process-wide state behind every door. */
export type CoreState = {
  dataDir: string;
  clock: () => number;
  /** Open while at least one session is signed in; the key is kept to seal new users' slots. */
  unlocked: { db: Db; key: Buffer; settings: Settings } | null;
  /** Session key (window, browser-mode token, CLI) → signed-in user. */
  sessions: Map<string, Session>;
  emit: (sessionKey: string, event: CoreEvent) => void;
  /** The backup being written, if any (one at a time; the database stays open until it ends). */
  backupJob: { sessionKey: string; cancelled: boolean } | null;
  backupIo: BackupIo;
  /** Long-running doors (the app, browser mode) mark the data folder as theirs while it is open. */
  holdsLock: boolean;
};

export type HandlerContext = {
  state: CoreState;
  sessionKey: string;
  /** Set for every method that is not public. */
  caller: Caller | null;
};
