// Customer events' methods, seen through the caller's access (scope, masking) at the core's clock.
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  attend,
  cancelEvent,
  createEvent,
  deleteEvent,
  eventEffect,
  invite,
  invitePreview,
  inviteList,
  listCustomerInvitations,
  listEvents,
  listInvitations,
  readEvent,
  reply,
  restoreEvent,
  signInSheet,
  uninvite,
  updateEvent,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const eventHandlers = {
  'events.list': async (ctx, input) => listEvents(db(ctx), input, await actor(ctx)),
  'events.get': async (ctx, input) => readEvent(db(ctx), input.id, await actor(ctx)),
  'events.create': async (ctx, input) => createEvent(db(ctx), input, await actor(ctx)),
  'events.update': async (ctx, { id, version, ...draft }) => updateEvent(db(ctx), id, version, draft, await actor(ctx)),
  'events.cancel': async (ctx, input) => cancelEvent(db(ctx), input.id, input.version, await actor(ctx)),
  'events.delete': async (ctx, input) => deleteEvent(db(ctx), input.id, await actor(ctx)),
  'events.restore': async (ctx, input) => restoreEvent(db(ctx), input.id, await actor(ctx)),
  'events.invitations': async (ctx, input) => listInvitations(db(ctx), input, await actor(ctx)),
  'events.invitePreview': async (ctx, input) => invitePreview(db(ctx), input.eventId, input.filter, await actor(ctx)),
  'events.invite': async (ctx, input) => invite(db(ctx), input, await actor(ctx)),
  'events.inviteList': async (ctx, input) => inviteList(db(ctx), input, await actor(ctx)),
  'events.customerInvitations': async (ctx, input) => listCustomerInvitations(db(ctx), input, await actor(ctx)),
  'events.uninvite': async (ctx, input) => uninvite(db(ctx), input.invitationId, await actor(ctx)),
  'events.reply': async (ctx, input) => reply(db(ctx), input.invitationId, input.reply, await actor(ctx)),
  'events.attend': async (ctx, input) => attend(db(ctx), input.invitationIds, input.attended, await actor(ctx)),
  'events.signInSheet': async (ctx, input) => signInSheet(db(ctx), input.eventId, await actor(ctx)),
  'events.effect': async (ctx, input) => eventEffect(db(ctx), input.eventId, await actor(ctx)),
} satisfies Partial<Handlers>;
