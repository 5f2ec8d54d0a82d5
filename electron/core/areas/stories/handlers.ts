// Success stories' methods, seen through the caller's access (scope).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { caseSheet, createStory, deleteStory, listStories, readStory, restoreStory, updateStory, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const storiesHandlers = {
  'stories.list': async (ctx, input) => listStories(db(ctx), input, await access(ctx)),
  'stories.get': async (ctx, input) => readStory(db(ctx), input.id, await access(ctx)),
  'stories.create': async (ctx, input) => createStory(db(ctx), input, await actor(ctx)),
  'stories.update': async (ctx, input) => updateStory(db(ctx), input, await actor(ctx)),
  'stories.delete': async (ctx, input) => deleteStory(db(ctx), input.id, input.version, await actor(ctx)),
  'stories.restore': async (ctx, input) => restoreStory(db(ctx), input.id, await actor(ctx)),
  'stories.caseSheet': async (ctx, input) => caseSheet(db(ctx), input.id, await actor(ctx)),
} satisfies Partial<Handlers>;
