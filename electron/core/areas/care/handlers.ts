// Customer care's methods, seen through the caller's access (scope).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { addNote, deleteNote, readNote, restoreNote, upcomingOccasions, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const careHandlers = {
  'care.upcoming': async (ctx, input) => upcomingOccasions(db(ctx), await access(ctx), input.from, input.days, input.staffId),
  'care.getNote': async (ctx, input) => readNote(db(ctx), input.id, await access(ctx)),
  'care.addNote': async (ctx, input) => addNote(db(ctx), input, await actor(ctx)),
  'care.deleteNote': async (ctx, input) => deleteNote(db(ctx), input.id, input.version, await actor(ctx)),
  'care.restoreNote': async (ctx, input) => restoreNote(db(ctx), input.id, await actor(ctx)),
} satisfies Partial<Handlers>;
