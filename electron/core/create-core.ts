import type { Core, CoreEvent, CoreOptions } from './core-types.ts';
import type { CoreState } from './api/context.ts';
import { dispatch } from './api/dispatcher.ts';
import { closeWhenUnused } from './api/handlers.ts';

export function createCore(options: CoreOptions): Core {
  const listeners = new Map<string, Set<(event: CoreEvent) => void>>();
  const state: CoreState = {
    dataDir: options.dataDir,
    clock: options.clock ?? Date.now,
    unlocked: null,
    sessions: new Map(),
    emit: (sessionKey, event) => listeners.get(sessionKey)?.forEach((listener) => listener(event)),
  };
  const dispatchOptions = {
    validateOutput: options.validateOutput ?? false,
    log: (message: string, error: unknown) => console.error(`clientele core: ${message}`, error),
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
    close: () => {
      state.sessions.clear();
      closeWhenUnused(state);
    },
  };
}
