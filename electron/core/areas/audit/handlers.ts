// The audit log: list, one entry, verify the chain, export (the export is itself audited).
import { transaction } from '../../db/database.ts';
import { appendAudit, exportAuditCsv, getAuditEntry, listAudit, verifyAudit } from './service.ts';
import { caller, db, type Handlers } from '../../api/handler-kit.ts';

export const auditHandlers = {
  'audit.list': (ctx, { cursor, limit, ...filters }) => listAudit(db(ctx), filters, cursor, limit),
  'audit.entry': (ctx, input) => getAuditEntry(db(ctx), input.id),
  'audit.verify': (ctx) => verifyAudit(db(ctx)),
  'audit.export': (ctx, input) => {
    const who = caller(ctx);
    return transaction(db(ctx), async (tx) => {
      const exported = await exportAuditCsv(tx, input);
      await appendAudit(tx, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'audit.export', entity: 'audit', changes: [{ field: 'rows', before: null, after: exported.rows }] });
      return exported;
    });
  },
} satisfies Partial<Handlers>;
