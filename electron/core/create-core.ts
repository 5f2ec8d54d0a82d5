import { existsSync } from 'node:fs';
import type { Core, CoreEvent, CoreOptions } from './core-types.ts';
import type { CoreState } from './api/context.ts';
import { dispatch } from './api/dispatcher.ts';
import { closeWhenUnused } from './api/handlers.ts';
import { closeNow } from './api/handler-kit.ts';
import { automaticBackup, dailyBackupDue } from './api/handlers/backup-handlers.ts';
import { realBackupIo } from './backup/backup-io.ts';
import { finishInterruptedRestore } from './backup/restore-swap.ts';
import { otherHolders } from './backup/process-lock.ts';

/** How often a long-running core looks whether the daily automatic backup is due. */
const DAILY_CHECK_MS = 60_000;

export function createCore(options: CoreOptions): Core {
  // A restore interrupted by a crash is finished before anything reads the data folder; one that
  // another process is running right now is its own business.
  if (existsSync(options.dataDir) && !otherHolders(options.dataDir, []).some((holder) => holder.exclusive === 'restore')) {
    finishInterruptedRestore(options.dataDir);
  }
  const listeners = new Map<string, Set<(event: CoreEvent) => void>>();
  const state: CoreState = {
    dataDir: options.dataDir,
    clock: options.clock ?? Date.now,
    unlocked: null,
    sessions: new Map(),
    emit: (sessionKey, event) => listeners.get(sessionKey)?.forEach((listener) => listener(event)),
    backupJob: null,
    backupIo: options.backupIo ?? realBackupIo,
    holder: options.holder ?? { kind: options.longRunning ? 'app' : 'cli' },
    hold: null,
  };
  const dispatchOptions = {
    validateOutput: options.validateOutput ?? false,
    log: (message: string, error: unknown) => console.error(`clientele core: ${message}`, error),
  };
  const daily = options.longRunning
    ? setInterval(() => {
        if (state.unlocked && dailyBackupDue(state.unlocked.db, state.clock())) void automaticBackup(state);
      }, DAILY_CHECK_MS)
    : null;
  daily?.unref();
  const close = () => {
    if (daily) clearInterval(daily);
    state.sessions.clear();
    closeNow(state);
  };
  return {
    invoke: (sessionKey, method, input) => dispatch(state, sessionKey, method, input, dispatchOptions),
    onEvent: (sessionKey, listener) => {
      const set = listeners.get(sessionKey) ?? new Set();
      set.add(listener);
      listeners.set(sessionKey, set);
      return () => set.delete(listener);
    },
    endSession: (sessionKey) => {
      state.sessions.delete(sessionKey);
      listeners.delete(sessionKey);
      closeWhenUnused(state);
    },
    close,
    shutdown: async () => {
      if (state.unlocked) await automaticBackup(state);
      close();
    },
  };
}
