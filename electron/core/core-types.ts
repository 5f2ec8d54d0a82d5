import type { Upload } from '../../shared/api/files.ts';
import type { Result } from '../../shared/errors.ts';
import type { IncomingFile, OutgoingFile } from './files/sources.ts';
import type { BackupIo } from './areas/backup/backup-io.ts';
import type { HolderKind } from './process-lock.ts';

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
  /**
   * Stages a file for a purpose (shared/api/files.ts): a stream of chunks (browser mode) or a path
   * the user chose (the Electron app, the CLI), which the core checks and reads itself. Limits,
   * permission and session rules are the core's, the same for every door. The answer's id names
   * the file in the next call's input ({ upload: id }).
   */
  upload(sessionKey: string, purpose: string, file: IncomingFile): Promise<Result<Upload>>;
  /** A download a method gave this session (shared/api/files.ts's Download), as a stream of chunks. */
  download(sessionKey: string, id: string): Promise<Result<OutgoingFile>>;
  /** Forget a door's session (window closed, browser-mode server stopped). */
  endSession(sessionKey: string): void;
  /** Closes at once: no automatic backup (tests, one-shot CLI commands). */
  close(): void;
  /**
   * Quitting the app: the automatic backup on exit (when the database is open), then close. A door
   * calls it before it ends its sessions (endSession closes the database when the last one ends).
   */
  shutdown(): Promise<void>;
};

export type CoreOptions = {
  dataDir: string;
  /** Milliseconds since epoch; tests pass a fake clock. */
  clock?: () => number;
  /** Check every answer against the contract's output schema (on in tests). */
  validateOutput?: boolean;
  /** The app and browser mode make the daily automatic backup. */
  longRunning?: boolean;
  /**
   * How other processes on the data folder name this one while it has the database open (a
   * restore or re-key elsewhere refuses then, naming it). Default: 'app' when long-running, else 'cli'.
   */
  holder?: { kind: HolderKind; command?: string };
  /** Where backups write their bytes: tests inject a full disk or a vanished folder. */
  backupIo?: BackupIo;
};
