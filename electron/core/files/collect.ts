// Garbage from moving a large file (a buffer per socket read, per chunk read from the database)
// is freed only when V8 collects, and V8 waits until 64 MB of such memory has piled up in each
// thread before it does. Moving a 200 MB file would leave that much waiting in the door's thread
// and again in the core's. So every COLLECT_EVERY_BYTES moved, the thread doing it asks for a
// minor collection (young objects only: about a millisecond), which frees those buffers.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;

type Collect = (options: { type: 'minor' | 'major'; execution: 'sync' | 'async' }) => void;

let collect: Collect | null = null;
function collector(): Collect | null {
  if (!collect) {
    try {
      // Node's documented way to reach `gc` in a running process: the flag, then a fresh context.
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = () => undefined;
    }
  }
  return collect;
}

/** Counts bytes moved by one transfer and collects young garbage every COLLECT_EVERY_BYTES. */
export function garbageCounter(): (bytes: number) => void {
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < COLLECT_EVERY_BYTES) return;
    since = 0;
    collector()?.({ type: 'minor', execution: 'sync' });
  };
}
