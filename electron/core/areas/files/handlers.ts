// The file channel's own method: a look at a file the caller staged, before a method uses it.
import { caller, db, type Handlers } from '../../api/handler-kit.ts';
import { giveDownload } from '../../files/downloads.ts';
import { stagedFile } from '../../files/uploads.ts';

export const filesHandlers = {
  'files.preview': async (ctx, input) => {
    const staged = await stagedFile(db(ctx), caller(ctx).userId, input.file, null, ctx.state.clock());
    return giveDownload(ctx.state, ctx.sessionKey, staged.blob, staged.name);
  },
} satisfies Partial<Handlers>;
