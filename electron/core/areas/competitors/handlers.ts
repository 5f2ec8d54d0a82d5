// Competitor analysis's methods, seen through the caller's access (scope) at the core's clock.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  addPresence,
  competitorCustomers,
  competitorReach,
  createCompetitor,
  customerPresence,
  listCompetitors,
  readCompetitor,
  removePresence,
  setCompetitorActive,
  updateCompetitor,
  updatePresence,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const competitorHandlers = {
  'competitors.list': async (ctx, input) => listCompetitors(db(ctx), input, await actor(ctx)),
  'competitors.get': async (ctx, input) => readCompetitor(db(ctx), input.id, await actor(ctx)),
  'competitors.create': async (ctx, input) => createCompetitor(db(ctx), input, await actor(ctx)),
  'competitors.update': async (ctx, input) => updateCompetitor(db(ctx), input, await actor(ctx)),
  'competitors.setActive': async (ctx, input) => setCompetitorActive(db(ctx), input.id, input.version, input.active, await actor(ctx)),
  'competitors.customers': async (ctx, input) => competitorCustomers(db(ctx), input, await actor(ctx)),
  'competitors.reach': async (ctx) => competitorReach(db(ctx), await actor(ctx)),
  'competitors.presence': async (ctx, input) => customerPresence(db(ctx), input.customerId, await actor(ctx)),
  'competitors.addPresence': async (ctx, input) => addPresence(db(ctx), input, await actor(ctx)),
  'competitors.updatePresence': async (ctx, input) => updatePresence(db(ctx), input, await actor(ctx)),
  'competitors.removePresence': async (ctx, input) => removePresence(db(ctx), input.id, input.version, await actor(ctx)),
} satisfies Partial<Handlers>;
