// SQLite-only, on a thread of its own (worker/threads.ts): the heavy half of a re-key, while the
// core's thread goes on answering reads. `PRAGMA rekey` re-encrypts every page in one statement
// (seconds at 100,000 customers); run in the core's thread it would hold every caller that long.
// Here it runs on a copy: VACUUM INTO a new file (same key; a consistent snapshot, since the core
// holds the write lock meanwhile), then `PRAGMA rekey` on that copy, which no one else has open.
// The core swaps the files afterwards (areas/system/rekey.ts).
//
// Why not SQLite's backup API into a file opened under the new key: SQLite3 Multiple Ciphers
// refuses a backup between differently keyed databases, and better-sqlite3 opens a backup's target
// itself, without a key and without URI parameters (test/integration/rekey-responsive.test.ts).
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openEncrypted, rekeyDatabase, type SqliteDatabase } from './open.ts';
import { removeDatabaseFiles } from './files.ts';

export type RekeyThreadData = { source: string; target: string; sourceKeyHex: string; targetKeyHex: string };
export type RekeyThreadMessage = { type: 'copied' } | { type: 'done'; rows: number } | { type: 'failed'; message: string; code: string | null };

/** Row counts of every table (the search indexes' included): a copy that lost rows is refused. */
function counts(db: SqliteDatabase): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
  return new Map(tables.map((table) => [table, db.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function run(data: RekeyThreadData, send: (message: RekeyThreadMessage) => void): void {
  removeDatabaseFiles(data.target);
  const source = openEncrypted(data.source, data.sourceKeyHex);
  let expected: Map<string, number>;
  try {
    source.prepare('VACUUM INTO ?').run(data.target);
    expected = counts(source);
  } finally {
    source.close();
  }
  send({ type: 'copied' });
  const copy = openEncrypted(data.target, data.sourceKeyHex);
  try {
    rekeyDatabase(copy, data.targetKeyHex);
    const got = counts(copy);
    for (const [table, rows] of expected) {
      if (got.get(table) !== rows) throw new Error(`the copy's ${table} has ${got.get(table) ?? 'no'} rows, the database ${rows}`);
    }
    copy.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    copy.close();
  }
  const fd = openSync(data.target, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  send({ type: 'done', rows: [...expected.values()].reduce((sum, rows) => sum + rows, 0) });
}

if (parentPort) {
  const port = parentPort;
  try {
    run(workerData as RekeyThreadData, (message) => port.postMessage(message)); // started by areas/system/rekey.ts with this data
  } catch (error) {
    removeDatabaseFiles((workerData as RekeyThreadData).target);
    port.postMessage({ type: 'failed', message: (error as Error).message, code: (error as { code?: string }).code ?? null } satisfies RekeyThreadMessage);
  }
}
