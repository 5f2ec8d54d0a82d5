// The customer timeline's one method, seen through the caller's access (scope). Contracts due for
// auto-renew roll forward before they are shown (listTimeline finds whether any of the customer's
// is due in the page's own statement), so renewals are as of today.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { listTimeline } from './service.ts';

export const timelineHandlers = {
  'timeline.list': async (ctx, input) => listTimeline(db(ctx), input, await access(ctx), ctx.state.clock()),
} satisfies Partial<Handlers>;
