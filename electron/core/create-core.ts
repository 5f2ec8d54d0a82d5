import { statSync } from 'node:fs';
import { AppFailure, fail } from '../../shared/errors.ts';
import type { Core, CoreEvent, CoreOptions } from './core-types.ts';
import type { CoreState } from './api/context.ts';
import { dispatch } from './api/dispatcher.ts';
import { countedTables } from './areas/area.ts';
import { AREAS } from './areas/index.ts';
import { closeWhenUnused } from './api/handlers.ts';
import { closeNow } from './api/handler-kit.ts';
import { automaticBackup, dailyBackupDue } from './areas/backup/handlers.ts';
import { realBackupIo } from './areas/backup/backup-io.ts';
import { finishInterruptedRestore } from './areas/backup/restore-swap.ts';
import { otherHolders } from './process-lock.ts';
import { fileSystemFailure } from './fs-failure.ts';
import { receiveFile, sendFile } from './files/door.ts';

/** How often a long-running core looks whether the daily automatic backup is due. */
const DAILY_CHECK_MS = 60_000;

/**
 * A restore interrupted by a crash is finished before anything reads the data folder; one that
 * another process is running right now is its own business. Returns what stopped it (a folder that
 * cannot be read, a file where the folder should be), which every call then answers until it works.
 */
function settleInterruptedRestore(dataDir: string): unknown {
  try {
    if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() && !otherHolders(dataDir, []).some((holder) => holder.exclusive === 'restore')) {
      finishInterruptedRestore(dataDir);
    }
    return null;
  } catch (error) {
    return error;
  }
}

export function createCore(options: CoreOptions): Core {
  let startFailure = settleInterruptedRestore(options.dataDir);
  const listeners = new Map<string, Set<(event: CoreEvent) => void>>();
  const state: CoreState = {
    dataDir: options.dataDir,
    clock: options.clock ?? Date.now,
    countedTables: countedTables(AREAS),
    unlocked: null,
    sessions: new Map(),
    emit: (sessionKey, event) => listeners.get(sessionKey)?.forEach((listener) => listener(event)),
    opening: 0,
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
        const database = state.unlocked?.db;
        if (!database) return;
        dailyBackupDue(database, state.clock())
          .then((due) => (due ? automaticBackup(state) : undefined))
          .catch((error: unknown) => dispatchOptions.log('the daily backup check failed', error)); // closed meanwhile, or busy: the next minute tries again
      }, DAILY_CHECK_MS)
    : null;
  daily?.unref();
  const close = () => {
    if (daily) clearInterval(daily);
    state.sessions.clear();
    closeNow(state);
  };
  return {
    invoke: async (sessionKey, method, input) => {
      if (startFailure) startFailure = settleInterruptedRestore(options.dataDir);
      if (startFailure) {
        if (startFailure instanceof AppFailure) return fail(startFailure.code, `${String(method).slice(0, 100)}: ${startFailure.message}`, startFailure.details); // a damaged restore marker
        const failure = fileSystemFailure(startFailure);
        if (!failure) return fail('INTERNAL', `${String(method).slice(0, 100)}: finishing an interrupted restore failed: ${(startFailure as Error).message}`);
        return fail('IO', `${String(method).slice(0, 100)}: the data folder ${options.dataDir} cannot be used: ${failure.message}`, failure.details);
      }
      return dispatch(state, sessionKey, method, input, dispatchOptions);
    },
    upload: (sessionKey, purpose, file) => receiveFile(state, sessionKey, purpose, file),
    download: (sessionKey, id) => sendFile(state, sessionKey, id),
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
