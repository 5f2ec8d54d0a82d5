import { useSyncExternalStore } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { dataChanged } from '../../app/query.ts';
import { onAppReset } from '../../app/reset.ts';

export type BackupResult = MethodOutput<'backup.create'>;

export type BackupJob =
  | { step: 'idle' }
  | { step: 'running'; folder: string; done: number; total: number; startedAt: number; firstAt: number | null; firstDone: number; cancelling: boolean }
  | { step: 'done'; result: BackupResult }
  | { step: 'failed'; error: AppError };

/**
 * "Back up now" is one job per window, whichever screen started it (Settings → Backup or the
 * toolbar dialog): both show the same progress, and closing the dialog does not lose it.
 */
let job: BackupJob = { step: 'idle' };
const listeners = new Set<() => void>();

function set(next: BackupJob): void {
  job = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useBackupJob(): BackupJob {
  return useSyncExternalStore(subscribe, () => job);
}

export async function startBackup(folder: string): Promise<void> {
  if (job.step === 'running') return;
  set({ step: 'running', folder, done: 0, total: 0, startedAt: Date.now(), firstAt: null, firstDone: 0, cancelling: false });
  // The core reports `{type:'progress', job:'backup', done, total}` in bytes while it writes.
  const progress = subscribeProgress((event) => {
    if (event.job !== 'backup' || job.step !== 'running') return;
    // The ETA is measured from the first report on: the snapshot before it is not writing speed.
    const first = job.firstAt === null ? { firstAt: Date.now(), firstDone: event.done } : {};
    set({ ...job, ...first, done: event.done, total: event.total });
  });
  await progress.ready;
  const result = await invoke('backup.create', { folder });
  progress.close();
  if (result.ok) {
    set({ step: 'done', result: result.value });
    dataChanged(); // the backup list and the reminder
  } else {
    logError(result.error);
    set({ step: 'failed', error: result.error });
  }
}

export async function cancelBackup(): Promise<void> {
  if (job.step !== 'running') return;
  set({ ...job, cancelling: true });
  const result = await invoke('backup.cancel', {});
  if (!result.ok) logError(result.error);
}

/** Forgets a finished job's card (a new backup, or the next person at the PC). */
export function clearBackupJob(): void {
  if (job.step !== 'running') set({ step: 'idle' });
}

onAppReset(clearBackupJob);

/** Seconds left at the speed measured so far, or null until there is a speed to go by. */
export function secondsLeft(running: Extract<BackupJob, { step: 'running' }>, now: number): number | null {
  if (running.firstAt === null || running.total <= 0) return null;
  const elapsed = (now - running.firstAt) / 1000;
  const written = running.done - running.firstDone;
  if (elapsed < 0.5 || written <= 0) return null;
  return (running.total - running.done) / (written / elapsed);
}
