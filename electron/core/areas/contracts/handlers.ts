// The contract register's methods, seen through the caller's access (scope). Reads first let
// auto-renew roll forward what is due today (renew.ts), so every answer is as of today.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  countExpiring,
  createContract,
  deleteContract,
  listContracts,
  listDeletedContracts,
  readContract,
  renewBeforeReading,
  restoreContract,
  suggestNumber,
  summarizeContracts,
  terminateContract,
  updateContract,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

/** The caller's actor, once what is due today has been renewed. */
async function reader(ctx: HandlerContext): Promise<Actor> {
  const who = await actor(ctx);
  await renewBeforeReading(db(ctx), who.now);
  return who;
}

export const contractHandlers = {
  'contracts.list': async (ctx, input) => {
    const who = await reader(ctx);
    return listContracts(db(ctx), input, who, who.now);
  },
  'contracts.summary': async (ctx, input) => {
    const who = await reader(ctx);
    return summarizeContracts(db(ctx), input, who, who.now);
  },
  'contracts.get': async (ctx, input) => {
    const who = await reader(ctx);
    return readContract(db(ctx), input.id, who, who.now);
  },
  'contracts.expiringCount': async (ctx) => {
    const who = await reader(ctx);
    return { count: await countExpiring(db(ctx), who, who.now) };
  },
  'contracts.listDeleted': async (ctx, input) => {
    const who = await actor(ctx);
    return listDeletedContracts(db(ctx), input.cursor, input.limit, who, who.now);
  },
  'contracts.create': async (ctx, input) => createContract(db(ctx), input, await actor(ctx)),
  'contracts.update': async (ctx, { id, version, ...draft }) => updateContract(db(ctx), id, version, draft, await actor(ctx)),
  'contracts.terminate': async (ctx, input) => terminateContract(db(ctx), input, await actor(ctx)),
  'contracts.delete': async (ctx, input) => deleteContract(db(ctx), input.id, input.version, await actor(ctx)),
  'contracts.restore': async (ctx, input) => restoreContract(db(ctx), input.id, await actor(ctx)),
  'contracts.suggestNumber': async (ctx) => ({ number: await suggestNumber(db(ctx), ctx.state.clock()) }),
} satisfies Partial<Handlers>;
