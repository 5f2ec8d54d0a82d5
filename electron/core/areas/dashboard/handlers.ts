// The dashboard's one method, seen through the caller's access (scope) at the core's clock.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { readDashboard } from './service.ts';

export const dashboardHandlers = {
  'dashboard.get': async (ctx, input) => readDashboard(db(ctx), input, await access(ctx), ctx.state.clock()),
} satisfies Partial<Handlers>;
