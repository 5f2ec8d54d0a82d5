// The audit log: list, one entry, verify the chain, export (the export is itself audited).
import { transaction } from '../../db/database.ts';
import { runJob } from '../../jobs.ts';
import { appendAudit, exportAuditCsv, getAuditEntry, listAudit, verifyAudit } from './service.ts';
import { caller, db, type Handlers } from '../../api/handler-kit.ts';

export const auditHandlers = {
  'audit.list': (ctx, { cursor, limit, ...filters }) => listAudit(db(ctx), filters, cursor, limit),
  'audit.entry': (ctx, input) => getAuditEntry(db(ctx), input.id),
  /** A job (progress 'auditVerify' in entry ids, cancellable): reads only, beside anything but a re-key. */
  'audit.verify': (ctx) => runJob(ctx.state, ctx.sessionKey, 'auditVerify', { cancellable: true, company: 'shared' }, (job) => verifyAudit(db(ctx), job)),
  /**
   * A job (progress 'auditExport' in entry ids, cancellable: nothing is written then). The entries
   * are read range by range, then the export's own entry is appended.
   */
  'audit.export': (ctx, input) => {
    const who = caller(ctx);
    return runJob(ctx.state, ctx.sessionKey, 'auditExport', { cancellable: true, company: 'shared' }, async (job) => {
      const database = db(ctx);
      const exported = await exportAuditCsv(database, input, job);
      await transaction(database, (tx) =>
        appendAudit(tx, { at: ctx.state.clock(), userId: who.userId, username: who.username, action: 'audit.export', entity: 'audit', changes: [{ field: 'rows', before: null, after: exported.rows }] }),
      );
      return exported;
    });
  },
} satisfies Partial<Handlers>;
