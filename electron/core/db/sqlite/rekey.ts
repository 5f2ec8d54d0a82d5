// SQLite-only: the database's half of a re-key (areas/system/rekey.ts runs the job and the key
// slots). A copy of the database is re-encrypted on a thread of its own (./rekey-thread.ts) while
// the core's thread goes on answering reads; then the copy takes the database's place.
//
// Writes wait for nobody and are never lost: from the copy's start to the swap, a second
// connection holds the database's write lock, so a write answers busy at once (the core's
// connection has no busy wait meanwhile) rather than landing in the file being replaced.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../../../shared/errors.ts';
import { startThread } from '../../worker/threads.ts';
import type { Db } from '../database.ts';
import type { DatabaseLocation, JobControl, RekeyedCopy } from '../engine.ts';
import { closeDatabase, withRawConnection } from './dialect.ts';
import { removeDatabaseFiles } from './files.ts';
import { openEncrypted, type SqliteDatabase } from './open.ts';
import type { RekeyThreadData, RekeyThreadMessage } from './rekey-thread.ts';

/** The busy wait the core's connection has outside a re-key (./open.ts). */
const BUSY_TIMEOUT_MS = 5000;
/** How often the copy's size is looked at for the progress bar. */
const PROGRESS_POLL_MS = 100;
/** Progress in per mille: copying (by bytes) up to COPIED, re-encrypting up to REKEYED; the swap is the caller's. */
const REKEY_TOTAL = 1000;
const COPIED = 450;
const REKEYED = 950;

/**
 * Tests only (test/e2e/rekey-cancel.spec.ts): the finished copy waits for a cancel instead of being
 * swapped in, so the test's click on Cancel always lands in time, however slow the machine. A
 * small shop's copy takes a second; a click racing it made the test fail now and then. Unset in
 * every real use.
 */
export const HOLD_REKEY_VARIABLE = 'CLIENTELE_TEST_HOLD_REKEY';

function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs the copy and re-encryption on its own thread; resolves when the re-keyed copy is on disk.
 * A cancelled job stops the thread (the copy is removed; nothing was swapped).
 */
function reencryptCopy(data: RekeyThreadData, job: JobControl, sourceBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const thread = startThread('rekey-thread', { workerData: data });
    const holdForCancel = process.env[HOLD_REKEY_VARIABLE] === '1';
    let phase: 'copying' | 'rekeying' | 'held' | 'settled' = 'copying';
    let rekeyStarted = 0;
    let copyMs = 1;
    const started = performance.now();
    const poll = setInterval(() => {
      if (job.cancelled) {
        if (phase === 'held') settle(new AppFailure('CANCELLED', 'the re-key was cancelled; the database keeps its key'));
        else void thread.terminate();
        return;
      }
      if (phase === 'copying') {
        const bytes = statSync(data.target, { throwIfNoEntry: false })?.size ?? 0;
        job.progress(Math.min(COPIED, Math.floor((bytes / Math.max(sourceBytes, 1)) * COPIED)), REKEY_TOTAL);
      } else if (phase === 'rekeying') {
        // PRAGMA rekey says nothing while it runs: estimated from the copy's pace (it takes about as long).
        const share = Math.min(0.95, (performance.now() - rekeyStarted) / (copyMs * 1.5));
        job.progress(COPIED + Math.floor(share * (REKEYED - COPIED)), REKEY_TOTAL);
      }
    }, PROGRESS_POLL_MS);
    const settle = (error: Error | null) => {
      if (phase === 'settled') return;
      phase = 'settled';
      clearInterval(poll);
      if (error) {
        removeDatabaseFiles(data.target);
        reject(error);
      } else resolve();
    };
    thread.on('message', (message: RekeyThreadMessage) => {
      if (message.type === 'copied') {
        phase = 'rekeying';
        rekeyStarted = performance.now();
        copyMs = rekeyStarted - started;
        job.progress(COPIED, REKEY_TOTAL);
      } else if (message.type === 'done') {
        job.progress(REKEYED, REKEY_TOTAL);
        if (holdForCancel) phase = 'held';
        else settle(null);
      } else {
        settle(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
      }
    });
    thread.on('error', (error) => settle(error));
    thread.on('exit', () => phase !== 'held' && settle(job.cancelled ? new AppFailure('CANCELLED', 'the re-key was cancelled; the database keeps its key') : new Error('the re-key thread stopped')));
  });
}

const setBusyTimeout = (db: Db, ms: number) =>
  withRawConnection(db, (core) => {
    if (core.open) core.pragma(`busy_timeout = ${ms}`);
  });

/** The re-keyed copy beside the database at `location.file`; see Engine.rekeyedCopy. */
export async function rekeyedCopy(db: Db, location: DatabaseLocation, newKeyHex: string, job: JobControl): Promise<RekeyedCopy> {
  const { file } = location;
  const target = `${file}.rekey`; // removed when the re-key does not finish, and before the next one starts
  // The write lock, held by a connection of its own until the swap (it writes nothing).
  const lock: SqliteDatabase = openEncrypted(file, location.keyHex);
  try {
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN IMMEDIATE');
    await setBusyTimeout(db, 0); // a write now answers busy at once instead of holding the core's thread
    await reencryptCopy({ source: file, target, sourceKeyHex: location.keyHex, targetKeyHex: newKeyHex }, job, statSync(file).size);
    // The copy is made: a cancel asked for meanwhile still leaves the database as it was; from here
    // on the swap goes through whatever is asked.
    job.beyondCancel();
  } catch (error) {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
    await setBusyTimeout(db, BUSY_TIMEOUT_MS);
    removeDatabaseFiles(target);
    throw error;
  }
  return {
    // With nothing else on the connection in between: the re-keyed copy replaces the file (rename
    // is atomic); the database is closed whether or not that worked.
    swapIn: () =>
      withRawConnection(db, (core) => {
        try {
          lock.exec('ROLLBACK');
          lock.close();
          core.pragma('wal_checkpoint(TRUNCATE)');
          core.close();
          for (const journal of [`${file}-wal`, `${file}-shm`]) rmSync(journal, { force: true });
          renameSync(target, file);
          syncFolder(dirname(file));
        } catch (error) {
          if (lock.open) lock.close();
          if (core.open) core.close();
          removeDatabaseFiles(target);
          throw error;
        } finally {
          closeDatabase(db);
        }
      }),
  };
}
