// The audit log, status, integrity check, demo data and re-keying.
import { keyToHex, newDatabaseKey } from '../../crypto/keys.ts';
import { openEncrypted, rekeyDatabase } from '../../db/sqlite/open.ts';
import { transaction } from '../../db/sql.ts';
import { appendAudit, exportAuditCsv, getAuditEntry, listAudit, verifyAudit } from '../audit/service.ts';
import { seedDemoData } from '../customers/seed.ts';
import { systemCheck, systemStatus } from './service.ts';
import { listUsers } from '../users/service.ts';
import { databasePath, settleRekey, stageRekey } from '../../vault.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Caller, CoreState, HandlerContext } from '../../api/context.ts';
import { caller, db, holdAlone, type Handlers } from '../../api/handler-kit.ts';
import { release } from '../../process-lock.ts';

/**
 * Re-keying rewrites the database file and seeding checkpoints into it: either would change the
 * file a running backup is copying as its snapshot.
 */
function refuseDuringBackup(ctx: HandlerContext): void {
  if (ctx.state.backupJob) throw new AppFailure('CONFLICT', 'a backup is being written; wait for it to finish', { reason: 'busy' });
}

export const systemHandlers = {
  'audit.list': (ctx, { cursor, limit, ...filters }) => listAudit(db(ctx), filters, cursor, limit),
  'audit.entry': (ctx, input) => getAuditEntry(db(ctx), input.id),
  'audit.verify': (ctx) => verifyAudit(db(ctx)),
  'audit.export': (ctx, input) => {
    const database = db(ctx);
    const who = caller(ctx);
    return transaction(database, () => {
      const exported = exportAuditCsv(database, input);
      appendAudit(database, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'audit.export', entity: 'audit', changes: [{ field: 'rows', before: null, after: exported.rows }] });
      return exported;
    });
  },

  'system.status': (ctx) => systemStatus(db(ctx), ctx.state.dataDir),
  'system.check': (ctx) => systemCheck(db(ctx)),

  'system.seed': (ctx, input) => {
    refuseDuringBackup(ctx);
    const database = db(ctx);
    const who = caller(ctx);
    const started = performance.now();
    const ownerIds = listUsers(database)
      .filter((user) => user.active && user.role !== 'viewer')
      .map((user) => user.id);
    const counts = seedDemoData(database, { customers: input.customers, seed: input.seed, now: ctx.state.clock(), ownerIds, actorId: who.userId });
    // The seed commits in batches; its entry is chained under the write lock like any other.
    transaction(database, () =>
      appendAudit(database, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'system.seed', entity: 'system', changes: [{ field: 'customers', before: null, after: counts.customers }] }),
    );
    return { ...counts, ms: Math.round(performance.now() - started) };
  },

  /** A new database key, only while no other process (and no other core) has the folder open. */
  'system.rekey': (ctx) => {
    refuseDuringBackup(ctx);
    const unlocked = ctx.state.unlocked!; // system.rekey requires a signed-in owner
    const who = caller(ctx);
    // Another process with the database open would be left with a connection under the old key.
    const alone = holdAlone(ctx.state, 'rekey');
    try {
      return rekey(ctx, unlocked, who);
    } finally {
      release(alone);
    }
  },
} satisfies Partial<Handlers>;

/**
 * New database key: sealed to every slot as pending first, then the file is re-encrypted, then
 * the slots switch over. A crash in between leaves a file that opens with one of the two keys,
 * and opening settles the slots (vault.openDatabase).
 */
function rekey(ctx: HandlerContext, unlocked: NonNullable<CoreState['unlocked']>, who: Caller): { ms: number } {
  const started = performance.now();
  const progress = (done: number) => ctx.state.emit(ctx.sessionKey, { type: 'progress', job: 'rekey', done, total: 4 });
  progress(0);
  const newKey = newDatabaseKey();
  stageRekey(ctx.state.dataDir, newKey);
  progress(1);
  rekeyDatabase(unlocked.db.sqlite, keyToHex(newKey));
  progress(2);
  settleRekey(ctx.state.dataDir, 'finish');
  unlocked.key.fill(0);
  unlocked.key = newKey;
  progress(3);
  // Prove the new key opens the file from a fresh connection before saying it is done.
  openEncrypted(databasePath(ctx.state.dataDir), keyToHex(newKey)).close();
  transaction(unlocked.db, () => appendAudit(unlocked.db, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'system.rekey', entity: 'system' }));
  // Everyone else signs in again, so every remaining slot is proven against the new key at once.
  for (const sessionKey of [...ctx.state.sessions.keys()]) if (sessionKey !== ctx.sessionKey) ctx.state.sessions.delete(sessionKey);
  progress(4);
  return { ms: Math.round(performance.now() - started) };
}
