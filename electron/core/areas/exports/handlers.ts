// Export: a job ('export', cancellable, beside anything but a re-key) that writes the file into
// the blob store and gives it to the caller's session as a download.
import { runJob } from '../../jobs.ts';
import { giveDownload } from '../../files/downloads.ts';
import { access, caller, db, type Handlers } from '../../api/handler-kit.ts';
import { runExport } from './service.ts';

export const exportHandlers = {
  'exports.run': async (ctx, input) => {
    const who = caller(ctx);
    const seen = await access(ctx);
    return runJob(ctx.state, ctx.sessionKey, 'export', { cancellable: true, company: 'shared' }, async (job) => {
      const made = await runExport(db(ctx), input, seen, who, ctx.state.clock(), job);
      return { download: giveDownload(ctx.state, ctx.sessionKey, made.blob, made.name), rows: made.rows };
    });
  },
} satisfies Partial<Handlers>;
