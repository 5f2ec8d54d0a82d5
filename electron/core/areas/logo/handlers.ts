// The shop logo's methods: everyone signed in sees it; changing it is audited as 'settings.logo'
// (before and after: the file's SHA-256, size and type, or null for none).
import { transaction, type Db } from '../../db/database.ts';
import type { StoredBlob } from '../../files/blob-store.ts';
import { giveDownload } from '../../files/downloads.ts';
import { dropUpload, stagedFile } from '../../files/uploads.ts';
import { appendAudit } from '../audit/service.ts';
import { caller, db, type Handlers } from '../../api/handler-kit.ts';
import type { HandlerContext } from '../../api/context.ts';
import { checkLogo, readLogo, removeLogo, writeLogo, type ShopLogo } from './service.ts';

const described = (blob: StoredBlob | undefined) => (blob ? { sha256: blob.sha256, size: blob.size, type: blob.type } : null);

function logoDownload(ctx: HandlerContext, logo: ShopLogo) {
  const name = logo.blob.type === 'image/png' ? 'logo.png' : 'logo.jpg';
  return { ...giveDownload(ctx.state, ctx.sessionKey, logo.blob, name), width: logo.width, height: logo.height };
}

function audit(ctx: HandlerContext, tx: Db, before: StoredBlob | undefined, after: StoredBlob | undefined): Promise<void> {
  const who = caller(ctx);
  return appendAudit(tx, {
    at: ctx.state.clock(),
    userId: who.userId,
    username: who.username,
    action: 'settings.logo',
    entity: 'settings',
    label: 'logo',
    changes: [{ field: 'logo', before: described(before), after: described(after) }],
  });
}

export const logoHandlers = {
  'logo.get': async (ctx) => {
    const logo = await readLogo(db(ctx));
    return { logo: logo ? logoDownload(ctx, logo) : null };
  },

  'logo.set': async (ctx, input) => {
    const database = db(ctx);
    const who = caller(ctx);
    const staged = await stagedFile(database, who.userId, input.file, 'logo', ctx.state.clock());
    const size = await checkLogo(database, staged);
    await transaction(database, async (tx) => {
      const before = (await readLogo(tx))?.blob;
      await writeLogo(tx, staged.blob, size);
      await dropUpload(tx, staged.id);
      if (before?.sha256 !== staged.blob.sha256) await audit(ctx, tx, before, staged.blob);
    });
    return { logo: logoDownload(ctx, { blob: staged.blob, ...size }) };
  },

  'logo.remove': async (ctx) => {
    const database = db(ctx);
    const removed = await transaction(database, async (tx) => {
      const before = (await readLogo(tx))?.blob;
      const had = await removeLogo(tx);
      if (had) await audit(ctx, tx, before, undefined);
      return had;
    });
    return { removed };
  },
} satisfies Partial<Handlers>;
