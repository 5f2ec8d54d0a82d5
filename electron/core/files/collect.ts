// Garbage from moving a large file is freed only when V8 collects, and V8 waits until 64 MB of
// such memory (outside its heap) has piled up in each thread before it does. Two places make a
// new buffer per piece and cannot be told to reuse one: Node's HTTP parser copies every piece of
// an upload's body into a fresh Buffer (the door's thread), and better-sqlite3 answers every chunk
// read from the database with a fresh Buffer (the core's thread, for downloads). Everything else
// reuses its memory: the hop between threads (port-stream.ts), a path's reads (sources.ts), the
// blob store's writes. So there, every COLLECT_EVERY_BYTES moved, the thread asks for a minor
// collection (young objects only: about a millisecond), which frees those buffers.
//
// Measured with test/integration/files-rss.test.ts (200 MB up and down through `clientele serve`,
// peak RSS over idle; budget 64 MB) on the 2-core machine: without collecting, 83 MB; with
// --max-semi-space-size=1 for the whole process instead (more frequent scavenges everywhere, a
// flag each launcher would have to pass), 50 MB and both directions about half as fast; with this,
// 17 MB. A worker's resourceLimits cannot help the door's thread, and V8's 64 MB threshold for
// external memory is not a flag. Node offers no other way to ask for a collection than `gc`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;

type Collect = (options: { type: 'minor' | 'major'; execution: 'sync' | 'async' }) => void;

let collect: Collect | null = null;
function collector(): Collect | null {
  if (!collect) {
    try {
      // `gc` in a running process: the flag, then a context made after it (only new contexts get
      // `gc`). Node warns that flags set after start may do nothing; then this collects nothing,
      // and files-rss.test.ts fails on the figure.
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
