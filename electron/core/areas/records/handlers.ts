// Service and communication records' methods, seen through the caller's access (scope).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  createRecord,
  deleteRecord,
  listDeletedRecords,
  listFollowUps,
  listRecords,
  markFollowUpDone,
  purgeRecord,
  readRecord,
  restoreRecord,
  updateRecord,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const recordHandlers = {
  'records.list': async (ctx, input) => listRecords(db(ctx), input, await access(ctx)),
  'records.followUps': async (ctx, input) => {
    const who = await actor(ctx);
    return listFollowUps(db(ctx), input, who, who.now);
  },
  'records.get': async (ctx, input) => readRecord(db(ctx), input.id, await access(ctx)),
  'records.listDeleted': async (ctx, input) => listDeletedRecords(db(ctx), input.after, input.limit, await access(ctx)),
  'records.create': async (ctx, input) => createRecord(db(ctx), input, await actor(ctx)),
  'records.update': async (ctx, { id, version, ...draft }) => updateRecord(db(ctx), id, version, draft, await actor(ctx)),
  'records.followUpDone': async (ctx, input) => markFollowUpDone(db(ctx), input.id, input.version, await actor(ctx)),
  'records.delete': async (ctx, input) => deleteRecord(db(ctx), input.id, input.version, await actor(ctx)),
  'records.restore': async (ctx, input) => restoreRecord(db(ctx), input.id, await actor(ctx)),
  'records.purge': async (ctx, input) => purgeRecord(db(ctx), input.id, await actor(ctx)),
} satisfies Partial<Handlers>;
