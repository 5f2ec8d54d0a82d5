// Staff performance's one method, seen through the caller's access at the core's clock.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { readPerformance } from './service.ts';

export const performanceHandlers = {
  'performance.get': async (ctx, input) => readPerformance(db(ctx), input, await access(ctx), ctx.state.clock()),
} satisfies Partial<Handlers>;
