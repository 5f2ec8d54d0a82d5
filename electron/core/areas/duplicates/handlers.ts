// Duplicates' methods: the finder as a job (cancellable, beside other reads), merge / undo /
// history / dismiss in the caller's access at the core's clock.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { runJob } from '../../jobs.ts';
import { findDuplicates } from './finder.ts';
import { dismissDuplicates, listMerges, mergeCustomers, undoMerge, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const duplicateHandlers = {
  'duplicates.find': async (ctx) => {
    const who = await access(ctx);
    return runJob(ctx.state, ctx.sessionKey, 'duplicates', { cancellable: true, company: 'shared' }, (job) => findDuplicates(db(ctx), who, job));
  },
  'duplicates.dismiss': async (ctx, input) => dismissDuplicates(db(ctx), input.ids, await actor(ctx)),
  'duplicates.merge': async (ctx, input) => mergeCustomers(db(ctx), input, await actor(ctx)),
  'duplicates.merges': async (ctx, input) => listMerges(db(ctx), input.after, input.limit, await access(ctx)),
  'duplicates.undoMerge': async (ctx, input) => undoMerge(db(ctx), input.merge, await actor(ctx)),
} satisfies Partial<Handlers>;
