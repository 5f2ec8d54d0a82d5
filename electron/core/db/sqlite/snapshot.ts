// SQLite-only: a consistent snapshot of the database file for a backup, taken while the app keeps
// working. The backup area (areas/backup/backup-writer.ts) reads its bytes and keeps the format.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Db } from '../database.ts';
import type { DatabaseLocation, DatabaseSnapshot } from '../engine.ts';
import { schemaVersionOf } from '../migrations/index.ts';
import { withRawConnection } from './dialect.ts';
import { openEncrypted, type SqliteDatabase } from './open.ts';

/** How long a backup waits for another process's reader of an older state to finish. */
const SNAPSHOT_WAIT_MS = 5_000;

function quoted(table: string): string {
  return `"${table.replace(/"/g, '""')}"`;
}

/** How long to wait before trying again when another process's reader holds part of the WAL back. */
const RETRY_MS = 20;

/**
 * The snapshot: everything committed so far goes into the main file, then a read transaction on a
 * second connection pins it. While a reader that began with every WAL frame already in the main
 * file stands, no checkpoint of any process may write the main file (SQLite's WAL read-lock 0),
 * so new commits, here or in another process, only reach the WAL and the file being copied stands
 * still. The core's connection holds the write lock meanwhile, so no commit slips in between the
 * checkpoint and the reader's start; the counts are read from the snapshot itself. False when
 * another process's reader of an older state held part of the WAL back (it ends soon).
 */
function tryToPin(core: SqliteDatabase, reader: SqliteDatabase): boolean {
  core.prepare('BEGIN IMMEDIATE').run();
  try {
    // -1s when another process's checkpoint was running; fewer frames when one of its readers held them back.
    const [result] = reader.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!result || result.busy !== 0 || result.log < 0 || result.log !== result.checkpointed) return false;
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } finally {
    core.prepare('ROLLBACK').run();
  }
}

async function pinSnapshot(db: Db, location: DatabaseLocation): Promise<SqliteDatabase> {
  const reader = openEncrypted(location.file, location.keyHex);
  try {
    const until = performance.now() + SNAPSHOT_WAIT_MS;
    // Between two tries the core's connection is free: other calls are answered meanwhile.
    while (!(await withRawConnection(db, (core) => tryToPin(core, reader)))) {
      if (performance.now() > until) throw new AppFailure('IO', 'the data is busy in another Clientele program; try the backup again', { reason: 'busy' });
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    return reader;
  } catch (error) {
    reader.close();
    throw error;
  }
}

/** The database file itself, pinned by a read transaction until `close` (see pinSnapshot). */
export async function snapshotOf(db: Db, location: DatabaseLocation, tables: readonly string[]): Promise<DatabaseSnapshot> {
  const reader = await pinSnapshot(db, location);
  let file: FileHandle | null = null;
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = reader.prepare(`SELECT count(*) FROM ${quoted(table)}`).pluck().get() as number;
    const schemaVersion = schemaVersionOf(reader);
    file = await open(location.file, constants.O_RDONLY);
    const bytes = (await file.stat()).size;
    const handle = file;
    return {
      schemaVersion,
      counts,
      bytes,
      read: async (buffer, length, position) => (await handle.read(buffer, 0, length, position)).bytesRead,
      close: async () => {
        await handle.close().catch(() => undefined);
        reader.close();
      },
    };
  } catch (error) {
    await file?.close().catch(() => undefined);
    reader.close();
    throw error;
  }
}
