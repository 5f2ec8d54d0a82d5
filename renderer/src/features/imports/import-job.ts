// The wizard's two long calls (imports.preview and imports.run) report `{type:'progress',
// job:'import', done, total}` in rows while they read the file; jobs.cancel stops them at the next
// step. A run that is cancelled (or fails) leaves nothing behind: the core applies the rows in one
// transaction after the last step, beyond cancel.
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { Result } from '../../../../shared/errors.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';

export type ImportJobMethod = 'imports.preview' | 'imports.run';
export type Progress = { done: number; total: number };

export async function runImportJob<M extends ImportJobMethod>(method: M, input: MethodInput<M>, onProgress: (progress: Progress) => void): Promise<Result<MethodOutput<M>>> {
  const progress = subscribeProgress((event) => {
    if (event.job === 'import') onProgress({ done: event.done, total: event.total });
  });
  // Without the stream open first, a short job would report before anyone listened.
  await progress.ready;
  const result = await invoke(method, input);
  progress.close();
  if (!result.ok && result.error.code !== 'CANCELLED') logError(result.error);
  return result;
}

/**
 * Asks the running preview or run to stop; its own call then answers CANCELLED. False when there
 * was nothing to stop: a run already writing its rows (one transaction, beyond cancel) finishes.
 */
export async function cancelImportJob(): Promise<boolean> {
  const result = await invoke('jobs.cancel', { job: 'import' });
  if (!result.ok) logError(result.error);
  return result.ok && result.value.cancelled;
}
