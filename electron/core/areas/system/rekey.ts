// The re-key as a long job that leaves room for other calls. The new key is sealed to every slot
// as pending first (vault.stageRekey); the engine makes a re-encrypted copy of the database while
// reads go on (db/engine.ts rekeyedCopy); then the copy takes the database's place and the slots
// switch over. A crash at any point leaves a file that opens with one of the two keys, and opening
// settles the slots (vault.openDatabase).
import type { Caller, CoreState, HandlerContext } from '../../api/context.ts';
import { closeNow } from '../../api/handler-kit.ts';
import { keyToHex, newDatabaseKey } from '../../crypto/keys.ts';
import { transaction } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import type { Job } from '../../jobs.ts';
import { databasePath, openDatabase, settleRekey, stageRekey } from '../../vault.ts';
import { appendAudit } from '../audit/service.ts';

/** Progress in per mille, as the engine reports the copy's. */
const TOTAL = 1000;

/**
 * The re-key itself; the caller holds the data folder alone (no other process has it open) and has
 * refused it during a backup. Returns how long it took.
 */
export async function rekeyInSteps(ctx: HandlerContext, who: Caller, job: Job): Promise<{ ms: number }> {
  const { state } = ctx;
  const started = performance.now();
  const unlocked = state.unlocked!; // system.rekey requires a signed-in owner
  job.progress(0, TOTAL);
  const oldKey = Buffer.from(unlocked.key);
  const newKey = newDatabaseKey();
  stageRekey(state.dataDir, newKey);

  let copy;
  try {
    copy = await engine.rekeyedCopy(unlocked.db, { file: databasePath(state.dataDir), keyHex: keyToHex(oldKey) }, keyToHex(newKey), job);
  } catch (error) {
    settleRekey(state.dataDir, 'abandon');
    oldKey.fill(0);
    newKey.fill(0);
    throw error;
  }

  // The swap; then the database is opened the way a start after a crash would open it, with both
  // keys: whichever opens it settles the slots.
  let swapFailure: unknown = null;
  try {
    await copy.swapIn();
  } catch (error) {
    swapFailure = error;
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
  await transaction(state.unlocked.db, (tx) => appendAudit(tx, { at: state.clock(), userId: who.userId, username: who.username, action: 'system.rekey', entity: 'system' }));
  signOutOthers(state, ctx.sessionKey);
  job.progress(TOTAL, TOTAL);
  return { ms: Math.round(performance.now() - started) };
}

/** Everyone else signs in again, so every remaining slot is proven against the new key at once. */
function signOutOthers(state: CoreState, keep: string): void {
  for (const sessionKey of [...state.sessions.keys()]) if (sessionKey !== keep) state.sessions.delete(sessionKey);
}
