// Churn warnings' methods, seen through the caller's access (scope) at the core's clock.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { dismissChurn, listChurn, readChurnSettings, updateChurnSettings, type ChurnActor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<ChurnActor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const churnHandlers = {
  'churn.list': async (ctx, input) => listChurn(db(ctx), await actor(ctx), input),
  'churn.dismiss': async (ctx, input) => dismissChurn(db(ctx), input, await actor(ctx)),
  'churn.settings': async (ctx) => readChurnSettings(db(ctx), await access(ctx)),
  'churn.setSettings': async (ctx, input) => updateChurnSettings(db(ctx), input, await actor(ctx)),
} satisfies Partial<Handlers>;
