import type { Role } from '../../../shared/roles.ts';
import type { Db } from '../db/database.ts';
import type { CoreEvent } from '../core-types.ts';
import type { BackupIo } from '../areas/backup/backup-io.ts';
import type { Hold, HolderKind } from '../process-lock.ts';

/** Who is calling, as the core knows it from the session (never from the caller's input). */
export type Caller = { userId: number; username: string; displayName: string; role: Role };

export type Session = {
  userId: number;
  lastSeen: number;
  /**
   * Set-up's recovery key, kept in memory for the session that created the shop until the owner
   * says it is stored: a reload of the key screen shows it again; it never touches the disk, and
   * it goes with the session (sign-out, idle expiry, the process ending).
   */
  recoveryKey?: { key: string; createdAt: number };
};

/** The process-wide state behind every door. */
export type CoreState = {
  dataDir: string;
  clock: () => number;
  /** The tables of users' data, from every area (areas/index.ts): counted by status and in backup manifests. */
  countedTables: readonly string[];
  /**
   * Open while at least one session is signed in; the key is kept to seal new users' slots. The
   * shop's settings are not kept here: another process may change them, so each call reads them.
   */
  unlocked: { db: Db; key: Buffer } | null;
  /** Session key (window, browser-mode token, CLI) → signed-in user. */
  sessions: Map<string, Session>;
  emit: (sessionKey: string, event: CoreEvent) => void;
  /**
   * Calls between opening the database and starting their session (sign-in, recovery): the
   * database stays open for them although no session is signed in yet.
   */
  opening: number;
  /** The backup being written, if any (one at a time; the database stays open until it ends). */
  backupJob: { sessionKey: string; cancelled: boolean } | null;
  backupIo: BackupIo;
  /** Who this core is, as other processes on the data folder see it (backup/process-lock.ts). */
  holder: { kind: HolderKind; command?: string };
  /** This core's entry among the data folder's holders, while the database is open. */
  hold: Hold | null;
};

export type HandlerContext = {
  state: CoreState;
  sessionKey: string;
  /** Set for every method that is not public. */
  caller: Caller | null;
};
