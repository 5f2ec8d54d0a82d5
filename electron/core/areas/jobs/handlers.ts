// Cancelling one's own long job (electron/core/jobs.ts): only the session that started it can.
import { cancelJob } from '../../jobs.ts';
import type { Handlers } from '../../api/handler-kit.ts';

export const jobsHandlers = {
  'jobs.cancel': (ctx, input) => ({ cancelled: cancelJob(ctx.state, ctx.sessionKey, input.job) }),
} satisfies Partial<Handlers>;
