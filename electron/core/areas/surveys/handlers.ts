// Satisfaction surveys' methods, seen through the caller's access (scope).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  createSurvey,
  deleteSurvey,
  listDeletedSurveys,
  listDimensions,
  listSurveys,
  purgeSurvey,
  readSurvey,
  restoreSurvey,
  retireDimension,
  saveDimension,
  surveyTrends,
  updateSurvey,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const surveyHandlers = {
  'surveys.list': async (ctx, input) => listSurveys(db(ctx), input, await access(ctx)),
  'surveys.get': async (ctx, input) => readSurvey(db(ctx), input.id, await access(ctx)),
  'surveys.listDeleted': async (ctx, input) => listDeletedSurveys(db(ctx), input.after, input.limit, await access(ctx)),
  'surveys.create': async (ctx, input) => createSurvey(db(ctx), input, await actor(ctx)),
  'surveys.update': async (ctx, { id, version, ...draft }) => updateSurvey(db(ctx), id, version, draft, await actor(ctx)),
  'surveys.delete': async (ctx, input) => deleteSurvey(db(ctx), input.id, input.version, await actor(ctx)),
  'surveys.restore': async (ctx, input) => restoreSurvey(db(ctx), input.id, await actor(ctx)),
  'surveys.purge': async (ctx, input) => purgeSurvey(db(ctx), input.id, await actor(ctx)),
  'surveys.trends': async (ctx, input) => surveyTrends(db(ctx), input, await access(ctx)),
  'surveys.dimensions': async (ctx) => listDimensions(db(ctx)),
  'surveys.saveDimension': async (ctx, input) => saveDimension(db(ctx), input, await actor(ctx)),
  'surveys.retireDimension': async (ctx, input) => retireDimension(db(ctx), input.id, input.retired, await actor(ctx)),
} satisfies Partial<Handlers>;
