// Grading's methods: the proposal as job 'grading' (cancellable, beside other reads; not two at
// once), the rest in the owner's name at the core's clock.
import type { HandlerContext } from '../../api/context.ts';
import { caller, db, type Handlers } from '../../api/handler-kit.ts';
import { runJob } from '../../jobs.ts';
import { applyProposal, currentProposal, decideItems, discardProposal, getProposal, listItems, listProposals, proposeGrading, readGradingSettings, updateGradingSettings, type GradingActor } from './service.ts';

function actor(ctx: HandlerContext): GradingActor {
  const who = caller(ctx);
  return { userId: who.userId, username: who.username, now: ctx.state.clock() };
}

export const gradingHandlers = {
  'grading.settings': async (ctx) => readGradingSettings(db(ctx)),
  'grading.updateSettings': async (ctx, input) => updateGradingSettings(db(ctx), input, actor(ctx)),
  'grading.propose': async (ctx) => runJob(ctx.state, ctx.sessionKey, 'grading', { cancellable: true, company: 'once' }, (job) => proposeGrading(db(ctx), actor(ctx), { job })),
  'grading.current': async (ctx) => ({ proposal: await currentProposal(db(ctx), actor(ctx)) }),
  'grading.get': async (ctx, input) => getProposal(db(ctx), input.id),
  'grading.proposals': async (ctx, input) => listProposals(db(ctx), input.cursor, input.limit),
  'grading.items': async (ctx, input) => listItems(db(ctx), input),
  'grading.decide': async (ctx, input) => decideItems(db(ctx), input, actor(ctx)),
  'grading.apply': async (ctx, input) => applyProposal(db(ctx), input.proposalId, actor(ctx)),
  'grading.discard': async (ctx, input) => discardProposal(db(ctx), input.proposalId, actor(ctx)),
} satisfies Partial<Handlers>;
