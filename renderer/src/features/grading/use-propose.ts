// "Propose now": grading.propose runs as the core's job 'grading' (progress in customers,
// cancellable). The state is the page's; leaving the page while it runs cancels it.
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { dataChanged } from '../../app/query.ts';

export type ProposeState =
  | { step: 'idle' }
  /** The proposal just made: the page shows no other until the reloaded `grading.current` has it. */
  | { step: 'made'; proposalId: number }
  /** `started`: the first progress event came (a cancel before it would find no job). */
  | { step: 'running'; done: number; total: number; started: boolean; cancelAsked: boolean }
  | { step: 'cancelled' }
  | { step: 'failed'; error: AppError };

/** The new proposal shows through the reloaded `grading.current` (every write reloads what is on screen). */
export function usePropose() {
  const [state, setState] = useState<ProposeState>({ step: 'idle' });
  const runningRef = useRef(false);
  useEffect(() => () => void (runningRef.current && invoke('jobs.cancel', { job: 'grading' })), []);

  const propose = async () => {
    setState({ step: 'running', done: 0, total: 0, started: false, cancelAsked: false });
    runningRef.current = true;
    const progress = subscribeProgress((event) => {
      if (event.job !== 'grading') return;
      setState((current) => (current.step === 'running' ? { ...current, done: event.done, total: event.total, started: true } : current));
    });
    await progress.ready;
    const result = await invoke('grading.propose', {});
    progress.close();
    runningRef.current = false;
    if (result.ok) {
      setState({ step: 'made', proposalId: result.value.id });
      dataChanged();
    } else if (result.error.code === 'CANCELLED') setState({ step: 'cancelled' });
    else {
      logError(result.error);
      setState({ step: 'failed', error: result.error });
    }
  };

  const cancel = async () => {
    setState((current) => (current.step === 'running' ? { ...current, cancelAsked: true } : current));
    const result = await invoke('jobs.cancel', { job: 'grading' });
    if (!result.ok) logError(result.error);
  };

  return { state, propose, cancel };
}
