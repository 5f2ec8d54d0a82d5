// Set-up, sign-in and -out, own password, recovery.
import { AppFailure } from '../../../../shared/errors.ts';
import { sameUsername } from '../../../../shared/usernames.ts';
import { transaction } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import { checkPassword } from './password-policy.ts';
import { seedDemoData } from '../customers/seed.ts';
import { findUser, insertUser, listUsers, updateUser } from '../users/service.ts';
import {
  checkUserPassword,
  createVault,
  isInitialised,
  openDatabase,
  prepareSlot,
  storeUserSlot,
  unlockWithPassword,
  unlockWithRecoveryKey,
  type UnlockOutcome,
} from '../../vault.ts';
import type { CoreState, HandlerContext } from '../../api/context.ts';
import {
  adopt,
  caller,
  closeWhenUnused,
  databaseKey,
  db,
  endSessionsOf,
  flushPendingEvents,
  keepingOpen,
  openShared,
  sessionInfo,
  shopName,
  startSession,
  type Handlers,
} from '../../api/handler-kit.ts';

/** Sample data for "fill with sample data" at set-up: enough to explore, quick to create. */
const SAMPLE_CUSTOMERS = 120;

async function failedUnlock(ctx: HandlerContext, outcome: Exclude<UnlockOutcome, { ok: true }>, badMessage: string): Promise<never> {
  try {
    // When the database is open (another session), failures are logged at once.
    if (ctx.state.unlocked) await flushPendingEvents(ctx.state.unlocked.db, ctx.state.dataDir);
  } catch {
    // another process kept the write lock: the events stay pending for the next sign-in, and the answer is still the wrong password
  }
  if (outcome.code === 'LOCKED_OUT') {
    const retryInSeconds = Math.ceil((outcome.retryAt - ctx.state.clock()) / 1000);
    throw new AppFailure('LOCKED_OUT', `too many wrong attempts; try again in ${retryInSeconds} s`, { retryAt: outcome.retryAt, retryInSeconds });
  }
  throw new AppFailure('BAD_PASSWORD', badMessage, { attemptsLeft: outcome.attemptsLeft });
}

function openUnlocked(state: CoreState, outcome: Extract<UnlockOutcome, { ok: true }>): void {
  openShared(state, () => openDatabase(state.dataDir, outcome));
}

export const authHandlers = {
  'setup.status': async (ctx) => ({
    initialised: isInitialised(ctx.state.dataDir),
    shopName: ctx.state.unlocked ? await shopName(ctx.state.unlocked.db) : null,
  }),

  'setup.create': async (ctx, input) => {
    checkPassword(input.password, input.ownerUsername, 'password');
    const now = ctx.state.clock();
    const created = await createVault(ctx.state.dataDir, { username: input.ownerUsername, password: input.password }, (database) =>
      transaction(database, async (tx) => {
        await tx.insertInto('settings').values({ key: 'shop_name', value: input.shopName }).execute();
        const owner = await insertUser(tx, { username: input.ownerUsername, displayName: input.ownerDisplayName, role: 'owner', mustChangePassword: false }, now);
        await appendAudit(tx, { at: now, userId: owner.id, username: owner.username, action: 'setup.create', entity: 'system', label: input.shopName });
        if (input.sampleData) await seedDemoData(tx, { customers: SAMPLE_CUSTOMERS, seed: 1, now, ownerIds: [owner.id], actorId: owner.id });
        return owner.id;
      }),
    );
    adopt(ctx.state, created);
    startSession(ctx.state, ctx.sessionKey, created.ownerId);
    const session = ctx.state.sessions.get(ctx.sessionKey);
    if (session) session.recoveryKey = { key: created.recoveryKey, createdAt: now };
    return { recoveryKey: created.recoveryKey, session: await sessionInfo(ctx.state, created.ownerId) };
  },

  'setup.pendingRecoveryKey': (ctx) => {
    const pending = ctx.state.sessions.get(ctx.sessionKey)?.recoveryKey;
    return pending ? { recoveryKey: pending.key, createdAt: pending.createdAt } : null;
  },

  'setup.acknowledgeRecoveryKey': (ctx) => {
    const session = ctx.state.sessions.get(ctx.sessionKey);
    if (session) delete session.recoveryKey;
    return {};
  },

  'auth.signIn': async (ctx, input) => {
    const outcome = await unlockWithPassword(ctx.state.dataDir, input.username, input.password, ctx.state.clock);
    if (!outcome.ok) return failedUnlock(ctx, outcome, 'wrong user name or password');
    return keepingOpen(ctx.state, async () => {
      openUnlocked(ctx.state, outcome);
      const database = db(ctx);
      const user = await findUser(database, outcome.userId);
      if (!user || !user.active) throw new AppFailure('BAD_PASSWORD', 'wrong user name or password');
      const now = ctx.state.clock();
      await transaction(database, async (tx) => {
        await flushPendingEvents(tx, ctx.state.dataDir);
        await updateUser(tx, user.id, null, { last_sign_in_at: now }, now);
        await appendAudit(tx, { at: now, userId: user.id, username: user.username, action: 'auth.signIn', entity: 'session', label: user.username });
      });
      startSession(ctx.state, ctx.sessionKey, user.id);
      return sessionInfo(ctx.state, user.id);
    });
  },

  'auth.signOut': async (ctx) => {
    const who = caller(ctx);
    await transaction(db(ctx), (tx) =>
      appendAudit(tx, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'auth.signOut', entity: 'session', label: who.username }),
    );
    ctx.state.sessions.delete(ctx.sessionKey);
    closeWhenUnused(ctx.state);
    return {};
  },

  'auth.session': (ctx) => {
    const session = ctx.state.sessions.get(ctx.sessionKey);
    if (session === undefined || !ctx.state.unlocked) return null;
    return sessionInfo(ctx.state, session.userId);
  },

  'auth.changePassword': async (ctx, input) => {
    const who = caller(ctx);
    // Wrong current passwords count towards the same lock-out as sign-in (vault.ts charges first).
    const checked = await checkUserPassword(ctx.state.dataDir, who.userId, input.oldPassword, ctx.state.clock);
    if (!checked.ok) {
      if (checked.code === 'LOCKED_OUT') return failedUnlock(ctx, checked, 'the current password is wrong');
      throw new AppFailure('BAD_PASSWORD', `the current password is wrong; ${checked.attemptsLeft} attempts left`, [
        { path: ['oldPassword'], message: 'wrongPassword', attemptsLeft: checked.attemptsLeft },
      ]);
    }
    if (input.newPassword === input.oldPassword) {
      throw new AppFailure('VALIDATION', 'choose a password different from the current one', [{ path: ['newPassword'], message: 'samePassword' }]);
    }
    checkPassword(input.newPassword, who.username, 'newPassword');
    const slot = await prepareSlot(databaseKey(ctx), input.newPassword);
    const now = ctx.state.clock();
    await transaction(db(ctx), async (tx) => {
      await updateUser(tx, who.userId, null, { must_change_password: 0 }, now);
      await appendAudit(tx, { at: now, userId: who.userId, username: who.username, action: 'auth.passwordChanged', entity: 'user', entityId: who.userId, label: who.username });
      storeUserSlot(ctx.state.dataDir, { userId: who.userId, username: who.username }, slot);
    });
    return sessionInfo(ctx.state, who.userId);
  },

  'auth.recover': async (ctx, input) => {
    const outcome = await unlockWithRecoveryKey(ctx.state.dataDir, input.recoveryKey, ctx.state.clock);
    if (!outcome.ok) return failedUnlock(ctx, outcome, 'wrong user name or recovery key');
    return keepingOpen(ctx.state, async () => {
      openUnlocked(ctx.state, outcome);
      const owner = (await listUsers(db(ctx))).find((user) => sameUsername(user.username, input.username));
      if (!owner || owner.role !== 'owner' || !owner.active) {
        throw new AppFailure('BAD_PASSWORD', 'wrong user name or recovery key: the recovery key resets an active owner');
      }
      checkPassword(input.newPassword, owner.username, 'newPassword');
      const slot = await prepareSlot(databaseKey(ctx), input.newPassword);
      const now = ctx.state.clock();
      await transaction(db(ctx), async (tx) => {
        await flushPendingEvents(tx, ctx.state.dataDir);
        await updateUser(tx, owner.id, null, { must_change_password: 0, last_sign_in_at: now }, now);
        await appendAudit(tx, { at: now, userId: owner.id, username: owner.username, action: 'auth.recovered', entity: 'user', entityId: owner.id, label: owner.username });
        storeUserSlot(ctx.state.dataDir, { userId: owner.id, username: owner.username }, slot);
      });
      endSessionsOf(ctx.state, owner.id);
      startSession(ctx.state, ctx.sessionKey, owner.id);
      return sessionInfo(ctx.state, owner.id);
    });
  },
} satisfies Partial<Handlers>;
