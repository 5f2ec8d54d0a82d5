// The customer timeline's one method, seen through the caller's access (scope). Contracts due for
// auto-renew roll forward first, as every read of contracts does, so renewals are as of today.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { renewBeforeReading } from '../contracts/service.ts';
import { listTimeline } from './service.ts';

export const timelineHandlers = {
  'timeline.list': async (ctx, input) => {
    const now = ctx.state.clock();
    const who = await access(ctx);
    await renewBeforeReading(db(ctx), now);
    return listTimeline(db(ctx), input, who, now);
  },
} satisfies Partial<Handlers>;
