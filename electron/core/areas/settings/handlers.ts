// The shop's settings: read by every signed-in user, changed by those allowed to (audited).
import { transaction } from '../../db/sql.ts';
import { appendAudit, changedFields } from '../audit/service.ts';
import { readSettings, writeSettings } from './service.ts';
import { caller, db, type Handlers } from '../../api/handler-kit.ts';

export const settingsHandlers = {
  'settings.get': (ctx) => readSettings(db(ctx)),

  'settings.update': (ctx, input) => {
    const database = db(ctx);
    const who = caller(ctx);
    const now = ctx.state.clock();
    const { after } = transaction(database, () => {
      const written = writeSettings(database, input);
      const changes = changedFields(written.before, written.after, ['staffScope', 'maskContacts', 'idleLockMinutes']);
      if (changes.length > 0) appendAudit(database, { at: now, userId: who.userId, username: who.username, action: 'settings.update', entity: 'settings', changes });
      return written;
    });
    return after;
  },
} satisfies Partial<Handlers>;
