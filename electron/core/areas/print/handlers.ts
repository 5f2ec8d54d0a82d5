// Printing's methods: each produces one document for the caller and logs that it was printed.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { customerProfile, serviceReport, visitSheet, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const printHandlers = {
  'print.visitSheet': async (ctx, input) => visitSheet(db(ctx), input, await actor(ctx)),
  'print.customerProfile': async (ctx, input) => customerProfile(db(ctx), input.customerId, await actor(ctx)),
  'print.serviceReport': async (ctx, input) => serviceReport(db(ctx), input.recordId, await actor(ctx)),
} satisfies Partial<Handlers>;
