// A stream of chunks across the hop between a door's thread and the core's worker, pulled one
// chunk at a time through one shared buffer: the reader asks over a MessagePort, the writer copies
// the next chunk into the shared memory and says how long it is. Nothing is allocated per chunk on
// the way (a structured-clone copy per chunk on both threads made a 200 MB upload leave up to
// 60 MB of garbage waiting for the collectors), and at most one chunk is ever on its way, so a
// slow side slows the other instead of queueing the file in memory. Used both ways: uploads
// (door → core) and downloads (core → door).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ErrorDetails } from '../../../shared/error-details.ts';
import { AppFailure, ERROR_CODES, type ErrorCode } from '../../../shared/errors.ts';

/** The shared buffer's size: one blob chunk (blob-store.ts's CHUNK_BYTES); larger chunks go in parts. */
export const SHARED_CHUNK_BYTES = 256 * 1024;

type Ask = { type: 'pull' } | { type: 'cancel' };
type Answer = { type: 'chunk'; length: number } | { type: 'end' } | { type: 'error'; message: string; code?: string; details?: unknown };

/** The two ends of one stream: `local` stays on this thread, `remote` (with `shared`) crosses to the other. */
export type StreamChannel = { local: MessagePort; remote: MessagePort; shared: SharedArrayBuffer };

export function streamChannel(): StreamChannel {
  const { port1, port2 } = new MessageChannel();
  return { local: port1, remote: port2, shared: new SharedArrayBuffer(SHARED_CHUNK_BYTES) };
}

/**
 * Answers the other side's pulls with `chunks` until they end, fail or the reader cancels. On a
 * cancel the iterator is closed only when `closeOnCancel` (an HTTP body must stay open for the
 * door's answer).
 */
export function servePort(port: MessagePort, shared: SharedArrayBuffer, chunks: AsyncIterable<Uint8Array>, options: { closeOnCancel: boolean }): void {
  const iterator = chunks[Symbol.asyncIterator]();
  const window = new Uint8Array(shared);
  let rest: Uint8Array | null = null; // what did not fit in the shared buffer last time
  let finished = false;
  const finish = () => {
    finished = true;
    port.close();
  };
  const send = (bytes: Uint8Array) => {
    const length = Math.min(bytes.byteLength, window.byteLength);
    window.set(bytes.subarray(0, length));
    rest = length < bytes.byteLength ? bytes.subarray(length) : null;
    port.postMessage({ type: 'chunk', length } satisfies Answer);
  };
  port.on('close', () => (finished = true)); // the reader is gone (it answered, or its thread ended)
  port.on('message', (ask: Ask) => {
    if (finished) return;
    if (ask.type === 'cancel') {
      finish();
      if (options.closeOnCancel) void Promise.resolve(iterator.return?.()).catch(() => undefined);
      return;
    }
    if (rest) {
      send(rest);
      return;
    }
    iterator.next().then(
      (next) => {
        if (finished) return;
        if (next.done) {
          port.postMessage({ type: 'end' } satisfies Answer);
          finish();
          return;
        }
        send(next.value);
      },
      (error: unknown) => {
        if (finished) return;
        const { code, details } = error as { code?: unknown; details?: unknown };
        const answer: Answer = { type: 'error', message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
        try {
          port.postMessage(details === undefined ? answer : { ...answer, details });
        } catch {
          port.postMessage(answer); // details that cannot cross
        }
        finish();
      },
    );
  });
  port.unref(); // an idle transfer does not keep a thread alive
}

/**
 * The chunks the other side serves, as views of the shared buffer: each is valid until the next
 * one is asked for (copy what must be kept longer). Stopping early (return or throw in a
 * for-await) cancels the other side.
 */
export async function* readPort(port: MessagePort, shared: SharedArrayBuffer): AsyncGenerator<Uint8Array> {
  let waiting: ((answer: Answer) => void) | null = null;
  port.on('message', (answer: Answer) => waiting?.(answer));
  port.on('close', () => waiting?.({ type: 'error', message: 'the other side stopped sending' }));
  let ended = false;
  try {
    for (;;) {
      const answer = await new Promise<Answer>((resolve) => {
        waiting = resolve;
        port.postMessage({ type: 'pull' } satisfies Ask);
      });
      waiting = null;
      if (answer.type === 'end') {
        ended = true;
        return;
      }
      if (answer.type === 'error') {
        ended = true;
        // The serving side's failure, carried over (a file too large, a damaged blob); else an interrupted transfer.
        const code = (ERROR_CODES as readonly string[]).includes(answer.code ?? '') ? (answer.code as ErrorCode) : 'IO';
        throw new AppFailure(code, answer.message, (answer.details ?? { reason: 'interrupted' }) as ErrorDetails[typeof code]); // the serving side's own details for its code, or ours for IO
      }
      yield new Uint8Array(shared, 0, answer.length);
    }
  } finally {
    if (!ended) port.postMessage({ type: 'cancel' } satisfies Ask);
    port.close();
  }
}
