// Service standards' methods. The permission (customers.read to read, settings.manage to change)
// is checked by the dispatcher from the contract before any of these run.
import { caller, db, type Handlers } from '../../api/handler-kit.ts';
import type { HandlerContext } from '../../api/context.ts';
import { readCalendar, readStandards, setCalendarDay, updateStandards, type Actor } from './service.ts';

function actor(ctx: HandlerContext): Actor {
  const who = caller(ctx);
  return { userId: who.userId, username: who.username, role: who.role, at: ctx.state.clock() };
}

export const standardsHandlers = {
  'standards.get': (ctx) => readStandards(db(ctx), caller(ctx).role),
  'standards.update': (ctx, input) => updateStandards(db(ctx), input, actor(ctx)),
  'standards.calendar': (ctx, input) => readCalendar(db(ctx), input.year, caller(ctx).role),
  'standards.setDay': (ctx, input) => setCalendarDay(db(ctx), input, actor(ctx)),
} satisfies Partial<Handlers>;
