// A stream of chunks across a MessagePort (the hop between a door's thread and the core's worker),
// pulled one chunk at a time: the reader asks, the writer answers with the next chunk. So at most
// one chunk is on its way whatever the file's size, and a slow side slows the other instead of
// queueing the file in memory. Used both ways: uploads (door → core) and downloads (core → door).
import type { MessagePort } from 'node:worker_threads';
import type { ErrorDetails } from '../../../shared/error-details.ts';
import { AppFailure, ERROR_CODES, type ErrorCode } from '../../../shared/errors.ts';

type Ask = { type: 'pull' } | { type: 'cancel' };
type Answer = { type: 'chunk'; bytes: Uint8Array } | { type: 'end' } | { type: 'error'; message: string; code?: string; details?: unknown };

/** Moves the chunk's memory instead of copying it, when the chunk owns all of it. */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

/**
 * Answers the other side's pulls with `chunks` until they end, fail or the reader cancels. `onCancel`
 * runs when the reader stops early (the iterator is not closed here: an HTTP body must stay open
 * for the door's answer).
 */
export function servePort(port: MessagePort, chunks: AsyncIterable<Uint8Array>, options: { closeOnCancel: boolean }): void {
  const iterator = chunks[Symbol.asyncIterator]();
  let finished = false;
  const finish = () => {
    finished = true;
    port.close();
  };
  port.on('close', () => (finished = true)); // the reader is gone (its side answered, or its thread ended)
  port.on('message', (ask: Ask) => {
    if (finished) return;
    if (ask.type === 'cancel') {
      finish();
      if (options.closeOnCancel) void Promise.resolve(iterator.return?.()).catch(() => undefined);
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
        const bytes = next.value;
        try {
          port.postMessage({ type: 'chunk', bytes } satisfies Answer, transferable(bytes));
        } catch {
          port.postMessage({ type: 'chunk', bytes } satisfies Answer); // a pooled buffer cannot move: copied
        }
      },
      (error: unknown) => {
        if (finished) return;
        const { code, details } = error as { code?: unknown; details?: unknown };
        port.postMessage({
          type: 'error',
          message: error instanceof Error ? error.message : String(error),
          ...(typeof code === 'string' ? { code } : {}),
          ...(details !== undefined ? { details } : {}),
        } satisfies Answer);
        finish();
      },
    );
  });
  port.unref(); // an idle transfer does not keep a thread alive
}

/** The chunks the other side serves; stopping early (return or throw in a for-await) cancels it. */
export async function* readPort(port: MessagePort): AsyncGenerator<Uint8Array> {
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
      yield answer.bytes;
    }
  } finally {
    if (!ended) port.postMessage({ type: 'cancel' } satisfies Ask);
    port.close();
  }
}
