// Complaints' methods, seen through the caller's access (scope) at the core's clock.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  countComplaints,
  createComplaint,
  deleteComplaint,
  listComplaints,
  listDeletedComplaints,
  purgeComplaint,
  readComplaint,
  restoreComplaint,
  setComplaintStatus,
  updateComplaint,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const complaintHandlers = {
  'complaints.list': async (ctx, input) => {
    const who = await actor(ctx);
    return listComplaints(db(ctx), input, who, who.now);
  },
  'complaints.counts': async (ctx) => {
    const who = await actor(ctx);
    return countComplaints(db(ctx), who, who.now);
  },
  'complaints.get': async (ctx, input) => {
    const who = await actor(ctx);
    return readComplaint(db(ctx), input.id, who, who.now);
  },
  'complaints.listDeleted': async (ctx, input) => {
    const who = await actor(ctx);
    return listDeletedComplaints(db(ctx), input.after, input.limit, who, who.now);
  },
  'complaints.create': async (ctx, input) => createComplaint(db(ctx), input, await actor(ctx)),
  'complaints.update': async (ctx, { id, version, ...patch }) => updateComplaint(db(ctx), id, version, patch, await actor(ctx)),
  'complaints.setStatus': async (ctx, { id, version, ...change }) => setComplaintStatus(db(ctx), id, version, change, await actor(ctx)),
  'complaints.delete': async (ctx, input) => deleteComplaint(db(ctx), input.id, input.version, await actor(ctx)),
  'complaints.restore': async (ctx, input) => restoreComplaint(db(ctx), input.id, await actor(ctx)),
  'complaints.purge': async (ctx, input) => purgeComplaint(db(ctx), input.id, await actor(ctx)),
} satisfies Partial<Handlers>;
