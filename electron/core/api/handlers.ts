// Each contract method's implementation: a thin call into the services. Input has already been
// validated and the caller authorised by the dispatcher. The type makes a missing handler a
// compile error.
import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import { AppFailure } from '../../../shared/errors.ts';
import { ROLE_PERMISSIONS } from '../../../shared/roles.ts';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import { transaction, first, qb, run, type Db } from '../db/sql.ts';
import {
  countCustomers,
  createCustomer,
  customerFacets,
  deleteCustomer,
  getCustomer,
  listCustomers,
  listDeletedCustomers,
  restoreCustomer,
  updateCustomer,
} from '../services/customers.ts';
import { searchCustomers } from '../services/search.ts';
import { seedDemoData } from '../services/seed.ts';
import { systemCheck, systemStatus } from '../services/system.ts';
import { findUser, insertUser, listUsers } from '../services/users.ts';
import { addUserSlot, createVault, isInitialised, openDatabase, unlockWithPassword } from '../vault.ts';
import type { Caller, CoreState, HandlerContext } from './context.ts';

type Handlers = {
  [M in MethodName]: (ctx: HandlerContext, input: z.output<Contract[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** Sample data for "fill with sample data" at set-up: enough to explore, quick to create. */
const SAMPLE_CUSTOMERS = 120;

function db(ctx: HandlerContext): Db {
  if (!ctx.state.unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  return ctx.state.unlocked.db;
}

function caller(ctx: HandlerContext): Caller {
  if (!ctx.caller) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return ctx.caller;
}

function shopName(database: Db): string {
  return first(database, qb.selectFrom('settings').select('value').where('key', '=', 'shop_name'))?.value ?? '';
}

function sessionInfo(database: Db, userId: number): SessionInfo {
  const user = findUser(database, userId);
  if (!user) throw new AppFailure('UNAUTHENTICATED', 'this user no longer exists');
  return { user, permissions: [...ROLE_PERMISSIONS[user.role]], shopName: shopName(database) };
}

function signIn(state: CoreState, sessionKey: string, unlocked: { db: Db; key: Buffer }, userId: number): void {
  if (!state.unlocked) state.unlocked = unlocked;
  else if (unlocked.db !== state.unlocked.db) unlocked.db.sqlite.close();
  state.sessions.set(sessionKey, userId);
}

export const handlers: Handlers = {
  'setup.status': (ctx) => ({
    initialised: isInitialised(ctx.state.dataDir),
    shopName: ctx.state.unlocked ? shopName(ctx.state.unlocked.db) : null,
  }),

  'setup.create': async (ctx, input) => {
    const now = ctx.state.clock();
    const created = await createVault(ctx.state.dataDir, { username: input.ownerUsername, password: input.password }, (database) =>
      transaction(database, () => {
        run(database, qb.insertInto('settings').values({ key: 'shop_name', value: input.shopName }));
        const owner = insertUser(database, { username: input.ownerUsername, displayName: input.ownerDisplayName, role: 'owner' }, now);
        if (input.sampleData) seedDemoData(database, { customers: SAMPLE_CUSTOMERS, seed: 1, now, ownerIds: [owner.id], actorId: owner.id });
        return owner.id;
      }),
    );
    signIn(ctx.state, ctx.sessionKey, { db: created.db, key: created.key }, created.ownerId);
    return { recoveryKey: created.recoveryKey, session: sessionInfo(created.db, created.ownerId) };
  },

  'auth.signIn': async (ctx, input) => {
    const outcome = await unlockWithPassword(ctx.state.dataDir, input.username, input.password, ctx.state.clock);
    if (!outcome.ok && outcome.code === 'LOCKED_OUT') {
      const retryInSeconds = Math.ceil((outcome.retryAt - ctx.state.clock()) / 1000);
      throw new AppFailure('LOCKED_OUT', `too many wrong passwords; try again in ${retryInSeconds} s`, {
        retryAt: outcome.retryAt,
        retryInSeconds,
      });
    }
    if (!outcome.ok) {
      throw new AppFailure('BAD_PASSWORD', 'wrong user name or password', { attemptsLeft: outcome.attemptsLeft });
    }
    const unlocked = ctx.state.unlocked ?? { db: openDatabase(ctx.state.dataDir, outcome.key), key: outcome.key };
    const user = findUser(unlocked.db, outcome.userId);
    if (!user || !user.active) {
      if (!ctx.state.unlocked) unlocked.db.sqlite.close();
      throw new AppFailure('BAD_PASSWORD', 'this account is deactivated');
    }
    signIn(ctx.state, ctx.sessionKey, unlocked, user.id);
    return sessionInfo(unlocked.db, user.id);
  },

  'auth.signOut': (ctx) => {
    ctx.state.sessions.delete(ctx.sessionKey);
    closeWhenUnused(ctx.state);
    return {};
  },

  'auth.session': (ctx) => {
    const userId = ctx.state.sessions.get(ctx.sessionKey);
    if (userId === undefined || !ctx.state.unlocked) return null;
    return sessionInfo(ctx.state.unlocked.db, userId);
  },

  'users.list': (ctx) => listUsers(db(ctx)),

  'users.create': async (ctx, input) => {
    const database = db(ctx);
    const user = transaction(database, () =>
      insertUser(database, { username: input.username, displayName: input.displayName, role: input.role }, ctx.state.clock()),
    );
    try {
      await addUserSlot(ctx.state.dataDir, ctx.state.unlocked!.key, { userId: user.id, username: user.username }, input.password); // db() checked unlocked
    } catch (error) {
      run(database, qb.deleteFrom('users').where('id', '=', user.id)); // no slot, no account
      throw error;
    }
    return user;
  },

  'customers.list': (ctx, input) => listCustomers(db(ctx), input),
  'customers.count': (ctx, input) => ({ count: countCustomers(db(ctx), input) }),
  'customers.facets': (ctx) => customerFacets(db(ctx)),
  'customers.get': (ctx, input) => getCustomer(db(ctx), input.id),
  'customers.create': (ctx, input) => createCustomer(db(ctx), input, { userId: caller(ctx).userId }, ctx.state.clock()),
  'customers.update': (ctx, { id, version, ...draft }) => updateCustomer(db(ctx), id, version, draft, { userId: caller(ctx).userId }, ctx.state.clock()),
  'customers.delete': (ctx, input) => deleteCustomer(db(ctx), input.id, input.version, ctx.state.clock()),
  'customers.restore': (ctx, input) => restoreCustomer(db(ctx), input.id, ctx.state.clock()),
  'customers.listDeleted': (ctx, input) => listDeletedCustomers(db(ctx), input.cursor, input.limit),

  'search.query': (ctx, input) => ({ hits: searchCustomers(db(ctx), input.q, input.limit) }),

  'system.status': (ctx) => systemStatus(db(ctx), ctx.state.dataDir),
  'system.check': (ctx) => systemCheck(db(ctx)),
  'system.seed': (ctx, input) => {
    const database = db(ctx);
    const started = performance.now();
    const ownerIds = listUsers(database)
      .filter((user) => user.active && user.role !== 'viewer')
      .map((user) => user.id);
    const counts = seedDemoData(database, { customers: input.customers, seed: input.seed, now: ctx.state.clock(), ownerIds, actorId: caller(ctx).userId });
    return { ...counts, ms: Math.round(performance.now() - started) };
  },
};

/** Closes the database (dropping the key from memory) once nobody is signed in. */
export function closeWhenUnused(state: CoreState): void {
  if (state.sessions.size === 0 && state.unlocked) {
    state.unlocked.db.sqlite.close();
    state.unlocked.key.fill(0);
    state.unlocked = null;
  }
}
