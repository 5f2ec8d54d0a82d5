// The imports area's methods (shared/api/imports.ts). Preview and run are jobs named 'import'
// (progress in rows, cancellable until the run's one transaction begins); one at a time per core.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { giveDownload } from '../../files/downloads.ts';
import { runJob } from '../../jobs.ts';
import { inspectImport, listBatches, previewImport, runImport } from './service.ts';
import { undoBatch } from './undo.ts';

export const importsHandlers = {
  'imports.inspect': async (ctx, input) => inspectImport(db(ctx), input, await access(ctx), ctx.state.clock()),
  'imports.preview': async (ctx, input) => {
    const who = await access(ctx);
    return runJob(ctx.state, ctx.sessionKey, 'import', { cancellable: true, company: 'once' }, (job) => previewImport(db(ctx), input, who, ctx.state.clock(), job));
  },
  'imports.run': async (ctx, input) => {
    const who = await access(ctx);
    const outcome = await runJob(ctx.state, ctx.sessionKey, 'import', { cancellable: true, company: 'once' }, (job) => runImport(db(ctx), input, who, ctx.state.clock(), job));
    return { ...outcome, rejected: outcome.rejected ? giveDownload(ctx.state, ctx.sessionKey, outcome.rejected.blob, outcome.rejected.name) : null };
  },
  'imports.list': async (ctx, input) => listBatches(db(ctx), input.cursor, input.limit),
  'imports.undo': async (ctx, input) => undoBatch(db(ctx), input.batch, await access(ctx), ctx.state.clock()),
} satisfies Partial<Handlers>;
