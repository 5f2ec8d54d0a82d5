// Visit plans' methods, seen through the caller's access (scope and masking).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { completeVisit, countVisits, createVisit, listVisits, deleteVisit, readAgenda, readVisit, rescheduleVisit, restoreVisit, setVisitStatus, updateVisit, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const visitHandlers = {
  'visits.list': async (ctx, input) => listVisits(db(ctx), input, await access(ctx)),
  'visits.count': async (ctx, input) => countVisits(db(ctx), input, await access(ctx)),
  'visits.get': async (ctx, input) => readVisit(db(ctx), input.id, await access(ctx)),
  'visits.agenda': async (ctx, input) => readAgenda(db(ctx), input, await access(ctx)),
  'visits.create': async (ctx, input) => createVisit(db(ctx), input, await actor(ctx)),
  'visits.update': async (ctx, { id, version, ...draft }) => updateVisit(db(ctx), id, version, draft, await actor(ctx)),
  'visits.reschedule': async (ctx, input) => rescheduleVisit(db(ctx), input, await actor(ctx)),
  'visits.setStatus': async (ctx, input) => setVisitStatus(db(ctx), input, await actor(ctx)),
  'visits.complete': async (ctx, input) => completeVisit(db(ctx), input, await actor(ctx)),
  'visits.delete': async (ctx, input) => deleteVisit(db(ctx), input.id, input.version, await actor(ctx)),
  'visits.restore': async (ctx, input) => restoreVisit(db(ctx), input.id, await actor(ctx)),
} satisfies Partial<Handlers>;
