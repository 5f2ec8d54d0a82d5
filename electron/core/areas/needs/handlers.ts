// Needs' methods, seen through the caller's access (scope) at the core's clock.
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { countNeeds, createNeed, deleteNeed, listNeeds, readNeed, restoreNeed, setNeedStatus, updateNeed, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

/** The recycle bin's needs are for those who may delete and restore them. */
function binAllowed(who: Actor, deleted: boolean, operation: string): void {
  if (deleted && !roleHas(who.role, 'customers.delete')) throw new AppFailure('FORBIDDEN', `${operation}: your role may not see the recycle bin's needs`);
}

export const needsHandlers = {
  'needs.list': async (ctx, input) => {
    const who = await actor(ctx);
    binAllowed(who, input.deleted, 'needs.list');
    return listNeeds(db(ctx), input, who);
  },
  'needs.count': async (ctx, input) => {
    const who = await actor(ctx);
    binAllowed(who, input.deleted, 'needs.count');
    return countNeeds(db(ctx), input, who);
  },
  'needs.get': async (ctx, input) => readNeed(db(ctx), input.id, await actor(ctx)),
  'needs.create': async (ctx, input) => createNeed(db(ctx), input, await actor(ctx)),
  'needs.update': async (ctx, { id, version, ...fields }) => updateNeed(db(ctx), id, version, fields, await actor(ctx)),
  'needs.setStatus': async (ctx, input) => setNeedStatus(db(ctx), input.id, input.version, input.status, await actor(ctx)),
  'needs.delete': async (ctx, input) => deleteNeed(db(ctx), input.id, input.version, await actor(ctx)),
  'needs.restore': async (ctx, input) => restoreNeed(db(ctx), input.id, await actor(ctx)),
} satisfies Partial<Handlers>;
