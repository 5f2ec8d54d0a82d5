// Holiday care's methods, seen through the caller's access (scope).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { festivalCalendar, greet, holidayCustomers, readHolidaySettings, saveHolidaySettings, upcomingHolidays, type Actor } from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

export const holidaysHandlers = {
  'holidays.settings': async (ctx) => readHolidaySettings(db(ctx)),
  'holidays.saveSettings': async (ctx, input) => saveHolidaySettings(db(ctx), input, await actor(ctx)),
  'holidays.calendar': async (ctx, input) => festivalCalendar(db(ctx), input.year),
  'holidays.upcoming': async (ctx, input) => {
    const who = await actor(ctx);
    return upcomingHolidays(db(ctx), who, who.now, input.mine ? who.userId : null, input.span);
  },
  'holidays.customers': async (ctx, input) => holidayCustomers(db(ctx), input, await actor(ctx)),
  'holidays.greet': async (ctx, input) => greet(db(ctx), input, await actor(ctx)),
} satisfies Partial<Handlers>;
