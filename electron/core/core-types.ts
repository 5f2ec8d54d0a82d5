import type { Result } from '../../shared/errors.ts';
import type { BackupIo } from './backup/backup-io.ts';

/** A progress event of a long job, sent to the session that started it. */
export type CoreEvent = { type: 'progress'; job: string; done: number; total: number };

/**
 * The one room behind every door (Electron IPC, browser-mode HTTP, CLI). A door names its caller
 * with a session key (the window id, the browser-mode token, the CLI process) and passes the
 * method name and raw input; the core validates, authorises and answers with a result value.
 */
export type Core = {
  invoke(sessionKey: string, method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribe to events for one session key; returns the unsubscribe function. */
  onEvent(sessionKey: string, listener: (event: CoreEvent) => void): () => void;
  /** Forget a door's session (window closed, browser-mode server stopped). */
  endSession(sessionKey: string): void;
  /** Closes at once: no automatic backup (tests, one-shot CLI commands). */
  close(): void;
  /** Quitting the app: the automatic backup on exit (when the database is open), then close. */
  shutdown(): Promise<void>;
};

export type CoreOptions = {
  dataDir: string;
  /** Milliseconds since epoch; tests pass a fake clock. */
  clock?: () => number;
  /** Check every answer against the contract's output schema (on in tests). */
  validateOutput?: boolean;
  /**
   * The app and browser mode keep the data folder marked as theirs while it is open (a restore
   * from another process refuses then) and make the daily automatic backup.
   */
  longRunning?: boolean;
  /** Where backups write their bytes: tests inject a full disk or a vanished folder. */
  backupIo?: BackupIo;
};
