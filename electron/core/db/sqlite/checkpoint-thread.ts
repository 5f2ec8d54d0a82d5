// SQLite-only, on a thread of its own (worker/threads.ts): the WAL checkpoints of a bulk load
// (./bulk.ts). A checkpoint copies the pages committed to the WAL into the database file and waits
// for the disk (fsync) twice; run by the core's connection it happens inside whichever COMMIT
// passes 1000 WAL pages, and holds every caller of the core meanwhile (measured during a seed into
// 100,000 customers: up to 0.7 s). Here a second connection checkpoints PASSIVE (it waits for
// nobody and blocks nobody, SQLite's WAL design) every CHECKPOINT_EVERY_MS while the core commits
// batch after batch with its own automatic checkpoints off.
import { parentPort, workerData } from 'node:worker_threads';
import { openEncrypted } from './open.ts';

export type CheckpointThreadData = { file: string; keyHex: string };
export type CheckpointThreadMessage = { type: 'ready' } | { type: 'stopped'; failure: string | null };
/** What the core sends: stop after one last checkpoint. */
export type CheckpointThreadCommand = { type: 'stop' };

const CHECKPOINT_EVERY_MS = 50;

if (parentPort) {
  const port = parentPort;
  const data = workerData as CheckpointThreadData; // started by ./bulk.ts with this data
  let failure: string | null = null;
  const db = openEncrypted(data.file, data.keyHex);
  db.pragma('wal_autocheckpoint = 0');
  const checkpoint = () => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Reported at the stop; the core's own checkpoint at the end of the load still runs.
      failure ??= (error as Error).message;
    }
  };
  const timer = setInterval(checkpoint, CHECKPOINT_EVERY_MS);
  port.on('message', (command: CheckpointThreadCommand) => {
    if (command.type !== 'stop') return;
    clearInterval(timer);
    checkpoint();
    db.close();
    port.postMessage({ type: 'stopped', failure } satisfies CheckpointThreadMessage);
    port.close();
  });
  port.postMessage({ type: 'ready' } satisfies CheckpointThreadMessage);
}
