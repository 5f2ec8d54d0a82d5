// The files being added to one owner: each checked by the page first (size against the owner's
// limit, empty, readable: before a byte is sent), then streamed through the file channel with its
// progress, then kept with `attachments.add`. One file at a time, in the order chosen; a refused or
// cancelled file does not stop the others. Cancel aborts the transfer and nothing is kept.
import { useCallback, useRef, useState } from 'react';
import type { AttachmentOwner } from '../../../../shared/api/attachments.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { uploadFileWithProgress } from '../../api/files.ts';
import { logError } from '../../app/errors.ts';
import { dataChanged } from '../../app/query.ts';
import type { LocalRefusal } from './attachment-format.ts';

export type UploadState = 'waiting' | 'sending' | 'adding' | 'done' | 'failed' | 'cancelled';

export type UploadItem = {
  key: number;
  name: string;
  size: number;
  sent: number;
  state: UploadState;
  /** Why it failed: the page's own check, or the core's answer. */
  refusal?: { local: LocalRefusal } | { error: AppError };
};

/** A file to add, or something dropped that is not one (a folder). */
export type Incoming = { file: File; folder?: boolean };

type Job = { item: UploadItem; file: File; folder: boolean; controller: AbortController };

/** Reading the first byte finds a file that vanished or cannot be read, before it is sent. */
async function readable(file: File): Promise<boolean> {
  try {
    await file.slice(0, 1).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export function useUploads(owner: AttachmentOwner, limitBytes: number, onFinished: (added: number) => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const queue = useRef<Job[]>([]);
  const jobs = useRef(new Map<number, Job>());
  const running = useRef(false);
  const nextKey = useRef(1);
  const added = useRef(0);

  const update = (key: number, change: Partial<UploadItem>) => setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const run = useCallback(async (job: Job) => {
    const { item, file, controller } = job;
    const fail = (refusal: UploadItem['refusal']) => update(item.key, { state: 'failed', refusal });
    if (controller.signal.aborted) return update(item.key, { state: 'cancelled' });
    // The checks that need no reading come first: a file over the limit is never opened.
    if (job.folder) return fail({ local: 'folder' });
    if (file.size > limitBytes) return fail({ local: 'tooLarge' });
    if (file.size === 0) return fail({ local: 'empty' });
    if (!(await readable(file))) return fail({ local: 'unreadable' });
    update(item.key, { state: 'sending' });
    const staged = await uploadFileWithProgress(file, 'attachment', {
      signal: controller.signal,
      onProgress: (sent) => update(item.key, { sent: Math.min(sent, file.size) }),
    });
    if (controller.signal.aborted) return update(item.key, { state: 'cancelled' });
    if (!staged.ok) {
      logError(staged.error);
      return staged.error.code === 'CANCELLED' ? update(item.key, { state: 'cancelled' }) : fail({ error: staged.error });
    }
    update(item.key, { state: 'adding', sent: file.size });
    const kept = await invoke('attachments.add', { owner, file: { upload: staged.value.upload }, description: '' });
    if (!kept.ok) {
      logError(kept.error);
      return fail({ error: kept.error });
    }
    added.current += 1;
    dataChanged();
    update(item.key, { state: 'done' });
  }, [owner, limitBytes]);

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let job = queue.current.shift(); job; job = queue.current.shift()) {
        await run(job);
        jobs.current.delete(job.item.key);
      }
    } finally {
      running.current = false;
    }
    // A batch that went in whole needs no list of its own (the notice says so); refusals stay to be read.
    setItems((list) => (list.every((item) => item.state === 'done') ? [] : list));
    onFinished(added.current);
    added.current = 0;
  }, [run, onFinished]);

  const add = useCallback((incoming: readonly Incoming[]) => {
    if (incoming.length === 0) return;
    const fresh = incoming.map(({ file, folder }): Job => {
      const item: UploadItem = { key: nextKey.current++, name: file.name, size: file.size, sent: 0, state: 'waiting' };
      return { item, file, folder: folder === true, controller: new AbortController() };
    });
    for (const job of fresh) jobs.current.set(job.item.key, job);
    queue.current.push(...fresh);
    // Finished rows of an earlier batch make way for the new one; refusals stay until dismissed.
    setItems((list) => [...list.filter((item) => item.state !== 'done'), ...fresh.map((job) => job.item)]);
    void pump();
  }, [pump]);

  const cancel = useCallback((key: number) => {
    const job = jobs.current.get(key);
    job?.controller.abort();
    if (job && queue.current.includes(job)) {
      queue.current = queue.current.filter((other) => other !== job);
      jobs.current.delete(key);
      update(key, { state: 'cancelled' });
    }
  }, []);

  const cancelAll = useCallback(() => {
    for (const key of [...jobs.current.keys()]) cancel(key);
  }, [cancel]);

  /** Clears the rows of files that are no longer moving (done, refused, cancelled). */
  const dismiss = useCallback(() => setItems((list) => list.filter((item) => item.state === 'waiting' || item.state === 'sending' || item.state === 'adding')), []);

  return { items, add, cancel, cancelAll, dismiss };
}
