// The attachments area's methods (shared/api/attachments.ts), seen through the caller's access
// (the staff-scope setting). Files come in through the file channel (purpose 'attachment') and go
// out as downloads the door streams, re-hashed on the way.
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import type { HandlerContext } from '../../api/context.ts';
import { giveDownload } from '../../files/downloads.ts';
import { runJob } from '../../jobs.ts';
import {
  addAttachment,
  attachmentFile,
  deleteAttachment,
  listAttachments,
  purgeAttachment,
  restoreAttachment,
  updateAttachment,
  verifyAttachments,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

async function download(ctx: HandlerContext, id: number, audited: boolean) {
  const file = await attachmentFile(db(ctx), id, await actor(ctx), { audited });
  return giveDownload(ctx.state, ctx.sessionKey, file.blob, file.name);
}

export const attachmentsHandlers = {
  'attachments.list': async (ctx, input) => ({ rows: await listAttachments(db(ctx), input.owner, input.deleted, await access(ctx)) }),
  'attachments.add': async (ctx, input) => addAttachment(db(ctx), input, await actor(ctx)),
  'attachments.preview': (ctx, input) => download(ctx, input.id, false),
  'attachments.saveCopy': (ctx, input) => download(ctx, input.id, true),
  'attachments.update': async (ctx, input) => updateAttachment(db(ctx), input, await actor(ctx)),
  'attachments.delete': async (ctx, input) => deleteAttachment(db(ctx), input.id, input.version, await actor(ctx)),
  'attachments.restore': async (ctx, input) => restoreAttachment(db(ctx), input.id, await actor(ctx)),
  'attachments.purge': async (ctx, input) => purgeAttachment(db(ctx), input.id, await actor(ctx)),
  /** A job (progress 'attachmentsVerify' in bytes, cancellable): every stored file is read again. */
  'attachments.verify': (ctx) => runJob(ctx.state, ctx.sessionKey, 'attachmentsVerify', { cancellable: true, company: 'shared' }, (job) => verifyAttachments(db(ctx), job)),
} satisfies Partial<Handlers>;
