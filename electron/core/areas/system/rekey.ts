// The re-key as a long job that leaves room for other calls. The new key is sealed to every slot
// as pending first (vault.stageRekey); a copy of the database is re-encrypted on a thread of its
// own (db/sqlite/rekey-thread.ts) while this thread goes on answering reads; then the copy takes
// the database's place and the slots switch over. A crash at any point leaves a file that opens
// with one of the two keys, and opening settles the slots (vault.openDatabase).
//
// Writes wait for nobody and are never lost: from the copy's start to the swap, a second
// connection holds the database's write lock, so a write answers busy at once (the core's
// connection has no busy wait meanwhile) rather than landing in the file being replaced.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Caller, CoreState, HandlerContext } from '../../api/context.ts';
import { closeNow } from '../../api/handler-kit.ts';
import { keyToHex, newDatabaseKey } from '../../crypto/keys.ts';
import { transaction } from '../../db/sql.ts';
import { removeDatabaseFiles } from '../../db/sqlite/files.ts';
import { openEncrypted, type SqliteDatabase } from '../../db/sqlite/open.ts';
import type { RekeyThreadData, RekeyThreadMessage } from '../../db/sqlite/rekey-thread.ts';
import type { Job } from '../../jobs.ts';
import { databasePath, openDatabase, settleRekey, stageRekey } from '../../vault.ts';
import { startThread } from '../../worker/threads.ts';
import { appendAudit } from '../audit/service.ts';

/** The copy being re-encrypted beside the database (removed when a re-key does not finish). */
export function rekeyCopyPath(dataDir: string): string {
  return `${databasePath(dataDir)}.rekey`;
}

/** The busy wait the core's connection has outside a re-key (db/sqlite/open.ts). */
const BUSY_TIMEOUT_MS = 5000;
/** How often the copy's size is looked at for the progress bar. */
const PROGRESS_POLL_MS = 100;
/** Progress in per mille: copying (by bytes) up to COPIED, re-encrypting up to REKEYED, then the swap. */
const TOTAL = 1000;
const COPIED = 450;
const REKEYED = 950;

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
function reencryptCopy(data: RekeyThreadData, job: Job, sourceBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const thread = startThread('rekey-thread', { workerData: data });
    let phase: 'copying' | 'rekeying' | 'settled' = 'copying';
    let rekeyStarted = 0;
    let copyMs = 1;
    const started = performance.now();
    const poll = setInterval(() => {
      if (job.cancelled) {
        void thread.terminate();
        return;
      }
      if (phase === 'copying') {
        const bytes = statSync(data.target, { throwIfNoEntry: false })?.size ?? 0;
        job.progress(Math.min(COPIED, Math.floor((bytes / Math.max(sourceBytes, 1)) * COPIED)), TOTAL);
      } else if (phase === 'rekeying') {
        // PRAGMA rekey says nothing while it runs: estimated from the copy's pace (it takes about as long).
        const share = Math.min(0.95, (performance.now() - rekeyStarted) / (copyMs * 1.5));
        job.progress(COPIED + Math.floor(share * (REKEYED - COPIED)), TOTAL);
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
        job.progress(COPIED, TOTAL);
      } else if (message.type === 'done') {
        job.progress(REKEYED, TOTAL);
        settle(null);
      } else {
        settle(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
      }
    });
    thread.on('error', (error) => settle(error));
    thread.on('exit', () => settle(job.cancelled ? new AppFailure('CANCELLED', 'the re-key was cancelled; the database keeps its key') : new Error('the re-key thread stopped')));
  });
}

/**
 * The re-key itself; the caller holds the data folder alone (no other process has it open) and has
 * refused it during a backup. Returns how long it took.
 */
export async function rekeyInSteps(ctx: HandlerContext, who: Caller, job: Job): Promise<{ ms: number }> {
  const { state } = ctx;
  const started = performance.now();
  const unlocked = state.unlocked!; // system.rekey requires a signed-in owner
  const file = databasePath(state.dataDir);
  const target = rekeyCopyPath(state.dataDir);
  job.progress(0, TOTAL);
  const oldKey = Buffer.from(unlocked.key);
  const newKey = newDatabaseKey();
  stageRekey(state.dataDir, newKey);

  // The write lock, held by a connection of its own until the swap (it writes nothing).
  const lock: SqliteDatabase = openEncrypted(file, keyToHex(oldKey));
  const core = unlocked.db.sqlite;
  try {
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN IMMEDIATE');
    core.pragma('busy_timeout = 0'); // a write now answers busy at once instead of holding this thread
    await reencryptCopy({ source: file, target, sourceKeyHex: keyToHex(oldKey), targetKeyHex: keyToHex(newKey) }, job, statSync(file).size);
  } catch (error) {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
    if (core.open) core.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    removeDatabaseFiles(target);
    settleRekey(state.dataDir, 'abandon');
    oldKey.fill(0);
    newKey.fill(0);
    throw error;
  }

  // The swap, with nothing else running on this thread in between: the re-keyed copy replaces the
  // file (rename is atomic), then the database is opened the way a start after a crash would open
  // it, with both keys: whichever opens it settles the slots.
  let swapFailure: unknown = null;
  try {
    lock.exec('ROLLBACK');
    lock.close();
    core.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    for (const journal of [`${file}-wal`, `${file}-shm`]) rmSync(journal, { force: true });
    renameSync(target, file);
    syncFolder(dirname(file));
  } catch (error) {
    swapFailure = error;
    if (lock.open) lock.close();
    if (core.open) core.close();
    removeDatabaseFiles(target);
  }
  unlocked.key.fill(0);
  try {
    state.unlocked = openDatabase(state.dataDir, { key: oldKey, pendingKey: newKey });
  } catch (error) {
    closeNow(state);
    throw error;
  } finally {
    if (state.unlocked?.key !== oldKey) oldKey.fill(0);
    if (state.unlocked?.key !== newKey) newKey.fill(0);
  }
  if (swapFailure) throw swapFailure;
  const database = state.unlocked.db;
  transaction(database, () => appendAudit(database, { at: state.clock(), userId: who.userId, username: who.username, action: 'system.rekey', entity: 'system' }));
  signOutOthers(state, ctx.sessionKey);
  job.progress(TOTAL, TOTAL);
  return { ms: Math.round(performance.now() - started) };
}

/** Everyone else signs in again, so every remaining slot is proven against the new key at once. */
function signOutOthers(state: CoreState, keep: string): void {
  for (const sessionKey of [...state.sessions.keys()]) if (sessionKey !== keep) state.sessions.delete(sessionKey);
}
