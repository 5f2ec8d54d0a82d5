// The long-job helper (electron/core/jobs.ts): progress throttled but never missing its ends, a
// turn of the event loop at every step, and cancellation at the next step.
import { describe, expect, it } from 'vitest';
import type { CoreState } from '../../electron/core/api/context.ts';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import { callArrived, cancelJob, runJob, runningJobs } from '../../electron/core/jobs.ts';
import { AppFailure } from '../../shared/errors.ts';

function stateWithEvents(): { state: CoreState; events: { sessionKey: string; event: CoreEvent }[] } {
  const events: { sessionKey: string; event: CoreEvent }[] = [];
  const state = { emit: (sessionKey: string, event: CoreEvent) => events.push({ sessionKey, event }) } as unknown as CoreState; // jobs.ts reads only emit
  return { state, events };
}

describe('long jobs', () => {
  it('sends the first and the last progress event, and throttles the ones between', async () => {
    const { state, events } = stateWithEvents();
    await runJob(state, 's1', 'seed', { cancellable: true, company: 'once' }, async (job) => {
      for (let done = 0; done <= 10_000; done++) job.progress(done, 10_000);
    });
    await runJob(state, 's1', 'seed', { cancellable: true, company: 'once' }, async (job) => {
      for (let i = 0; i < 1000; i++) job.progress(0, 10_000); // a job that has not moved yet says so once
    });
    const sent = events.map(({ event }) => event.done);
    expect(sent.slice(-1)).toEqual([0]);
    sent.pop();
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(10_000);
    expect(sent.length).toBeLessThan(100);
    expect(events.every(({ sessionKey, event }) => sessionKey === 's1' && event.job === 'seed' && event.total === 10_000)).toBe(true);
  });

  it('sends a total learnt at the end even when the count did not move (an export that could not count ahead)', async () => {
    const { state, events } = stateWithEvents();
    await runJob(state, 's1', 'export', { cancellable: true, company: 'shared' }, async (job) => {
      job.progress(5, 0); // the first page's rows, the total not known
      job.progress(5, 0);
      job.progress(5, 5); // the last page was that one
    });
    expect(events.map(({ event }) => [event.done, event.total])).toEqual([
      [5, 0],
      [5, 5],
    ]);
  });

  it('lets waiting work run at every step', async () => {
    const { state } = stateWithEvents();
    const order: string[] = [];
    await runJob(state, 's1', 'seed', { cancellable: false, company: 'once' }, async (job) => {
      setImmediate(() => order.push('a call that arrived meanwhile'));
      order.push('batch 1');
      await job.step();
      order.push('batch 2');
    });
    expect(order).toEqual(['batch 1', 'a call that arrived meanwhile', 'batch 2']);
  });

  it('stops a cancellable job with CANCELLED at its next step; others cannot be cancelled', async () => {
    const { state } = stateWithEvents();
    let batches = 0;
    const running = runJob(state, 's1', 'seed', { cancellable: true, company: 'once' }, async (job) => {
      for (;;) {
        batches++;
        await job.step();
      }
    });
    expect(runningJobs(state)).toEqual([{ sessionKey: 's1', name: 'seed' }]);
    expect(cancelJob(state, 's2', 'seed')).toBe(false); // another session's job
    expect(cancelJob(state, 's1', 'seed')).toBe(true);
    await expect(running).rejects.toSatisfy((error) => error instanceof AppFailure && error.code === 'CANCELLED');
    expect(batches).toBe(1);
    expect(runningJobs(state)).toEqual([]);

    const fixed = runJob(state, 's1', 'rekey', { cancellable: false, company: 'once' }, async (job) => job.step());
    expect(cancelJob(state, 's1', 'rekey')).toBe(false);
    await expect(fixed).resolves.toBeUndefined();
  });

  it('tells a job whether calls came in since its previous step', async () => {
    const { state } = stateWithEvents();
    const seen: boolean[] = [];
    await runJob(state, 's1', 'seed', { cancellable: true, company: 'once' }, async (job) => {
      await job.step();
      seen.push(job.othersCalling); // nobody called
      setImmediate(() => callArrived(state)); // a call arriving during the next step's turn
      await job.step();
      seen.push(job.othersCalling);
      callArrived(state); // one begun during the job's own work
      await job.step();
      seen.push(job.othersCalling);
      await job.step();
      seen.push(job.othersCalling);
    });
    expect(seen).toEqual([false, true, true, false]);
  });

  it('past beyondCancel a job can no longer be cancelled; before it, a cancel already asked for stops it there', async () => {
    const { state } = stateWithEvents();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const swapping = runJob(state, 's1', 'rekey', { cancellable: true, company: 'alone' }, async (job) => {
      job.beyondCancel();
      await gate;
      await job.step();
      return 'swapped';
    });
    expect(cancelJob(state, 's1', 'rekey')).toBe(false);
    release();
    await expect(swapping).resolves.toBe('swapped');

    const copying = runJob(state, 's1', 'rekey', { cancellable: true, company: 'alone' }, async (job) => {
      await job.step(); // the cancel below is asked for meanwhile (the step itself checks only afterwards)
      job.beyondCancel();
      return 'swapped';
    });
    expect(cancelJob(state, 's1', 'rekey')).toBe(true);
    await expect(copying).rejects.toSatisfy((error) => error instanceof AppFailure && error.code === 'CANCELLED');
  });

  it('refuses a job beside one that runs alone, a second of a kind that runs once, and anything during a re-key with its own reason', async () => {
    const { state } = stateWithEvents();
    const codeOf = (start: () => Promise<unknown>) =>
      start().then(
        () => 'OK',
        (error: AppFailure) => `${error.code} ${JSON.stringify(error.details)}`,
      );
    let finish!: () => void;
    const open = new Promise<void>((resolve) => (finish = resolve));
    const seed = runJob(state, 's1', 'seed', { cancellable: true, company: 'once' }, () => open);
    expect(await codeOf(() => runJob(state, 's2', 'seed', { cancellable: true, company: 'once' }, async () => {}))).toBe('CONFLICT {"reason":"busy"}');
    expect(await codeOf(() => runJob(state, 's1', 'rekey', { cancellable: true, company: 'alone' }, async () => {}))).toBe('CONFLICT {"reason":"busy"}');
    expect(await codeOf(() => runJob(state, 's2', 'auditVerify', { cancellable: true, company: 'shared' }, async () => {}))).toBe('OK');
    finish();
    await seed;

    const rekey = runJob(state, 's1', 'rekey', { cancellable: true, company: 'alone' }, () => open.then(() => new Promise<void>((resolve) => setImmediate(resolve))));
    for (const [name, company] of [['seed', 'once'], ['auditVerify', 'shared'], ['rekey', 'alone']] as const) {
      expect(await codeOf(() => runJob(state, 's2', name, { cancellable: true, company }, async () => {}))).toBe('IO {"reason":"rekey"}');
    }
    await rekey;
    expect(runningJobs(state)).toEqual([]);
  });
});
