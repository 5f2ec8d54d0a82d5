// The shop's settings: read by every signed-in user, changed by those allowed to (audited).
import { transaction } from '../../db/database.ts';
import { appendAudit, changedFields } from '../audit/service.ts';
import { readSettings, writeSettings } from './service.ts';
import { caller, db, type Handlers } from '../../api/handler-kit.ts';

export const settingsHandlers = {
  'settings.get': (ctx) => readSettings(db(ctx)),

  'settings.update': async (ctx, input) => {
    const who = caller(ctx);
    const now = ctx.state.clock();
    const { after } = await transaction(db(ctx), async (tx) => {
      const written = await writeSettings(tx, input);
      const changes = changedFields(written.before, written.after, ['staffScope', 'maskContacts', 'idleLockMinutes', 'attachmentMaxMb']);
      if (changes.length > 0) await appendAudit(tx, { at: now, userId: who.userId, username: who.username, action: 'settings.update', entity: 'settings', changes });
      return written;
    });
    return after;
  },
} satisfies Partial<Handlers>;
