// SQLite-only: the pragmas around a bulk load (db/engine.ts bulkLoad). The rows themselves are
// inserted by portable multi-row Kysely inserts (areas/customers/insert-many.ts): DESIGN.md
// measured those at 73k rows/s against 85k for prepared statements.
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { DatabaseLocation } from '../engine.ts';
import { startThread } from '../../worker/threads.ts';
import type { CheckpointThreadCommand, CheckpointThreadData, CheckpointThreadMessage } from './checkpoint-thread.ts';

/** SQLite's default, restored after the load (./open.ts leaves it as it is). */
const AUTOCHECKPOINT_PAGES = 1000;

type Checkpointer = { stop(): Promise<void> };

/**
 * The WAL checkpoints of the load on a thread of their own (./checkpoint-thread.ts), or null when
 * that thread cannot start: then the core's connection checkpoints as usual.
 */
function startCheckpointer(location: DatabaseLocation): Promise<Checkpointer | null> {
  return new Promise((resolve) => {
    const thread = startThread('checkpoint-thread', { workerData: { file: location.file, keyHex: location.keyHex } satisfies CheckpointThreadData });
    let stopped: (() => void) | null = null;
    const ended = () => {
      resolve(null); // when it never became ready
      stopped?.();
    };
    thread.once('error', ended);
    thread.once('exit', ended);
    thread.on('message', (message: CheckpointThreadMessage) => {
      if (message.type === 'ready') {
        resolve({
          stop: () =>
            new Promise<void>((done) => {
              stopped = done;
              thread.postMessage({ type: 'stop' } satisfies CheckpointThreadCommand);
            }),
        });
      } else if (message.type === 'stopped') {
        stopped?.();
        void thread.terminate();
      }
    });
  });
}

export async function bulkLoad<T>(db: Db, work: () => Promise<T>, location?: DatabaseLocation): Promise<T> {
  // Set-up's sample data runs inside set-up's transaction: its durability is set-up's.
  if (db.isTransaction) return work();
  // WAL with synchronous=NORMAL stays consistent through a power cut and saves a full fsync per
  // commit. It is the connection's setting: calls served between batches commit the same way.
  await sql`PRAGMA synchronous = NORMAL`.execute(db);
  const checkpointer = location ? await startCheckpointer(location) : null;
  if (checkpointer) await sql.raw('PRAGMA wal_autocheckpoint = 0').execute(db);
  let result: T;
  try {
    result = await work();
  } finally {
    if (checkpointer) {
      await checkpointer.stop();
      await sql.raw(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`).execute(db);
    }
    await sql`PRAGMA synchronous = FULL`.execute(db);
  }
  // Short when the thread checkpointed meanwhile: what is left of the WAL, and its file emptied.
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`PRAGMA optimize`.execute(db);
  return result;
}
