// Today's methods, seen through the caller's access (scope) at the context's clock.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { countToday, markItem, readToday, unmarkItem, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const todayHandlers = {
  'today.get': async (ctx, input) => readToday(db(ctx), input, await actor(ctx)),
  'today.mark': async (ctx, input) => markItem(db(ctx), input, await actor(ctx)),
  'today.unmark': async (ctx, input) => unmarkItem(db(ctx), input, await actor(ctx)),
  'today.counts': async (ctx) => countToday(db(ctx), await actor(ctx)),
} satisfies Partial<Handlers>;
