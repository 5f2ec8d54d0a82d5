// Long jobs (re-key, seeding, audit verify and export, and every later import, export, re-grading,
// attachment hashing): progress events for the session that started them, throttled; a cancel flag
// looked at between steps; and a turn of the event loop between steps, so the calls that arrive
// meanwhile (a list, a search) are answered in between instead of after the whole job. The core is
// one thread (a worker, see worker/): a job that never yields holds every other caller.
import { AppFailure } from '../../shared/errors.ts';
import type { CoreState } from './api/context.ts';

/** At most one progress event per job per this many milliseconds (the first and last always go). */
export const PROGRESS_EVERY_MS = 100;

export type Job = {
  readonly name: string;
  /** Reports how far the job is (throttled; `done === total` always goes out). */
  progress(done: number, total: number): void;
  /**
   * Between two steps: lets every call waiting on the core run (setImmediate, after I/O), then
   * stops a cancelled job with CANCELLED. Call it outside any transaction.
   */
  step(): Promise<void>;
  /** True once someone asked to cancel (for a job that must tidy up before it stops). */
  readonly cancelled: boolean;
};

type Running = { sessionKey: string; name: string; cancellable: boolean; cancelled: boolean };

/** The jobs running in each core (kept beside its state, so the state's shape need not know). */
const running = new WeakMap<CoreState, Set<Running>>();

function jobsOf(state: CoreState): Set<Running> {
  let set = running.get(state);
  if (!set) {
    set = new Set();
    running.set(state, set);
  }
  return set;
}

/** A turn of the event loop: pending messages and I/O callbacks run before this resolves. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `work` as a job of `sessionKey` named `name` (the `job` of its progress events). A
 * cancellable job stops at its next `step()` once `cancelJob` is called; the others cannot be.
 */
export async function runJob<T>(
  state: CoreState,
  sessionKey: string,
  name: string,
  options: { cancellable: boolean },
  work: (job: Job) => Promise<T>,
): Promise<T> {
  const entry: Running = { sessionKey, name, cancellable: options.cancellable, cancelled: false };
  const jobs = jobsOf(state);
  jobs.add(entry);
  let lastSent = -Infinity;
  let lastDone = -1;
  const job: Job = {
    name,
    progress(done, total) {
      const now = performance.now(); // pacing only, not a time of day
      if (done === lastDone) return; // nothing new to say
      const first = lastDone === -1;
      if (!first && done !== total && now - lastSent < PROGRESS_EVERY_MS) return;
      lastSent = now;
      lastDone = done;
      state.emit(sessionKey, { type: 'progress', job: name, done, total });
    },
    async step() {
      await yieldToEventLoop();
      if (entry.cancelled) throw new AppFailure('CANCELLED', `${name} was cancelled`);
    },
    get cancelled() {
      return entry.cancelled;
    },
  };
  try {
    return await work(job);
  } finally {
    jobs.delete(entry);
  }
}

/** Asks this session's running job `name` to stop at its next step; false when there is none to cancel. */
export function cancelJob(state: CoreState, sessionKey: string, name: string): boolean {
  for (const entry of jobsOf(state)) {
    if (entry.sessionKey === sessionKey && entry.name === name && entry.cancellable) {
      entry.cancelled = true;
      return true;
    }
  }
  return false;
}

/** The jobs running now (a re-key refuses to start beside a seed; a busy answer names them). */
export function runningJobs(state: CoreState): { sessionKey: string; name: string }[] {
  return [...jobsOf(state)].map(({ sessionKey, name }) => ({ sessionKey, name }));
}
