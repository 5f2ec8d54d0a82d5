// Tags management's methods. The permission (tags.manage, or customers.read for colours) is checked
// by the dispatcher from the contract before any of these run.
import { caller, db, type Handlers } from '../../api/handler-kit.ts';
import type { HandlerContext } from '../../api/context.ts';
import { deleteTag, listTags, mergeTags, renameTag, setTagColor, tagColors, type Actor } from './service.ts';

function actor(ctx: HandlerContext): Actor {
  const who = caller(ctx);
  return { userId: who.userId, username: who.username, at: ctx.state.clock() };
}

export const tagHandlers = {
  'tags.list': (ctx, input) => listTags(db(ctx), input),
  'tags.rename': (ctx, input) => renameTag(db(ctx), input, actor(ctx)),
  'tags.merge': async (ctx, input) => ({ tag: await mergeTags(db(ctx), input, actor(ctx)) }),
  'tags.setColor': (ctx, input) => setTagColor(db(ctx), input, actor(ctx)),
  'tags.delete': (ctx, input) => deleteTag(db(ctx), input, actor(ctx)),
  'tags.colors': async (ctx, input) => ({ colors: await tagColors(db(ctx), input.names) }),
} satisfies Partial<Handlers>;
