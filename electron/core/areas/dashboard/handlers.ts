// The dashboard's methods, seen through the caller's access (scope) at the core's clock.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { exportDashboard } from './export.ts';
import { readDashboard } from './service.ts';

export const dashboardHandlers = {
  'dashboard.get': async (ctx, input) => readDashboard(db(ctx), input, await access(ctx), ctx.state.clock()),
  'dashboard.export': async (ctx, input) => exportDashboard(db(ctx), input, await access(ctx), ctx.state.clock()),
} satisfies Partial<Handlers>;
