// Long jobs (re-key, seeding, audit verify and export, and every later import, export, re-grading,
// attachment hashing): progress events for the session that started them, throttled; a cancel flag
// looked at between steps; and a turn of the event loop between steps, so the calls that arrive
// meanwhile (a list, a search) are answered in between instead of after the whole job. The core is
// one thread (a worker, see worker/): a job that never yields holds every other caller.
import type { JobName } from '../../shared/api/jobs.ts';
import { AppFailure } from '../../shared/errors.ts';
import type { CoreState } from './api/context.ts';

/** At most one progress event per job per this many milliseconds (the first and last always go). */
export const PROGRESS_EVERY_MS = 100;

export type Job = {
  readonly name: JobName;
  /** Reports how far the job is (throttled; `done === total` always goes out). */
  progress(done: number, total: number): void;
  /**
   * Between two steps: lets every call waiting on the core run (setImmediate, after I/O), then
   * stops a cancelled job with CANCELLED. Call it outside any transaction.
   */
  step(): Promise<void>;
  /** True once someone asked to cancel (for a job that must tidy up before it stops). */
  readonly cancelled: boolean;
  /**
   * Whether other calls reached the core since the previous step (they were answered in it): a job
   * keeps its steps short while someone is using the app, and may take longer ones when nobody is.
   */
  readonly othersCalling: boolean;
  /**
   * From here on the job cannot be cancelled (a re-key about to swap its copy in): throws CANCELLED
   * when it already was, else a later `cancelJob` answers false. Synchronous, so no cancel slips in
   * between the check and the change of state.
   */
  beyondCancel(): void;
};

/**
 * How a job may run beside the others of its core. 'alone': nothing else runs beside it (a re-key
 * swaps the database file: a job reading through the old connection would fail midway). 'once': not
 * beside another job of the same name (two seeds interleave their batches). 'shared': beside
 * anything but a job that runs alone (reads: audit verify and export).
 */
export type JobCompany = 'alone' | 'once' | 'shared';

type Running = { sessionKey: string; name: JobName; company: JobCompany; cancellable: boolean; cancelled: boolean };

/** The jobs running in each core (kept beside its state, so the state's shape need not know). */
const running = new WeakMap<CoreState, Set<Running>>();

/** How many calls each core has begun to answer (api/dispatcher.ts counts them). */
const calls = new WeakMap<CoreState, number>();

/** Counts a call the core begins to answer (every method, every door). */
export function callArrived(state: CoreState): void {
  calls.set(state, (calls.get(state) ?? 0) + 1);
}

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

const WORDS: Record<JobName, string> = { rekey: 'a re-key', seed: 'a seed', auditVerify: 'an audit check', auditExport: 'an audit export', attachmentsVerify: 'a check of the attached files', duplicates: 'a search for duplicate customers', import: 'an import', export: 'an export', grading: 'a grading proposal' };

/**
 * Refuses anything that must not run while a re-key of this core does (a write answers busy then;
 * a backup would copy the file being replaced): IO with reason 'rekey', the renderer's own words.
 */
export function refuseDuringRekey(state: CoreState): void {
  if ([...jobsOf(state)].some((job) => job.name === 'rekey')) {
    throw new AppFailure('IO', 'a re-key of the database is running; try again when it has finished', { reason: 'rekey' });
  }
}

/** Refuses a job that may not start beside the ones running now (see JobCompany). */
function refuseBesideJobs(state: CoreState, name: JobName, company: JobCompany): void {
  const others = [...jobsOf(state)];
  refuseDuringRekey(state);
  const blocking = others.find((other) => company === 'alone' || other.company === 'alone' || (company === 'once' && other.name === name));
  if (blocking) throw new AppFailure('CONFLICT', `${WORDS[blocking.name]} is running; wait for it to finish`, { reason: 'busy' });
}

/**
 * Runs `work` as a job of `sessionKey` named `name` (the `job` of its progress events), or refuses
 * it beside the jobs running now (see JobCompany). A cancellable job stops at its next `step()`
 * once `cancelJob` is called; the others cannot be.
 */
export async function runJob<T>(
  state: CoreState,
  sessionKey: string,
  name: JobName,
  options: { cancellable: boolean; company: JobCompany },
  work: (job: Job) => Promise<T>,
): Promise<T> {
  refuseBesideJobs(state, name, options.company);
  const entry: Running = { sessionKey, name, company: options.company, cancellable: options.cancellable, cancelled: false };
  const jobs = jobsOf(state);
  jobs.add(entry);
  let lastSent = -Infinity;
  let lastDone = -1;
  let lastTotal = -1;
  let callsSeen = calls.get(state) ?? 0;
  let othersCalling = false;
  const job: Job = {
    name,
    progress(done, total) {
      const now = performance.now(); // pacing only, not a time of day
      if (done === lastDone && total === lastTotal) return; // nothing new to say (a total learnt at the end is news: an export's rows)
      const first = lastDone === -1;
      if (!first && done !== total && now - lastSent < PROGRESS_EVERY_MS) return;
      lastSent = now;
      lastDone = done;
      lastTotal = total;
      state.emit(sessionKey, { type: 'progress', job: name, done, total });
    },
    async step() {
      await yieldToEventLoop();
      // The calls that arrived during the last step's work were begun in this turn of the loop.
      const now = calls.get(state) ?? 0;
      othersCalling = now !== callsSeen;
      callsSeen = now;
      if (entry.cancelled) throw new AppFailure('CANCELLED', `${name} was cancelled`);
    },
    get othersCalling() {
      return othersCalling;
    },
    get cancelled() {
      return entry.cancelled;
    },
    beyondCancel() {
      if (entry.cancelled) throw new AppFailure('CANCELLED', `${name} was cancelled`);
      entry.cancellable = false;
    },
  };
  try {
    return await work(job);
  } finally {
    jobs.delete(entry);
  }
}

/** Asks this session's running job `name` to stop at its next step; false when there is none to cancel. */
export function cancelJob(state: CoreState, sessionKey: string, name: JobName): boolean {
  for (const entry of jobsOf(state)) {
    if (entry.sessionKey === sessionKey && entry.name === name && entry.cancellable) {
      entry.cancelled = true;
      return true;
    }
  }
  return false;
}

/** The jobs running now (a busy answer during a re-key says so). */
export function runningJobs(state: CoreState): { sessionKey: string; name: JobName }[] {
  return [...jobsOf(state)].map(({ sessionKey, name }) => ({ sessionKey, name }));
}
