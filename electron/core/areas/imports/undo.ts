// Undoing an import batch, all or nothing: the customers it created go for good (with their
// contacts, tags, grade history and search documents), the ones it updated get back the fields,
// tags and contacts they had. Refused when any of them was edited since (its version is not the one
// the import left), moved to the recycle bin or merged, or got records of its own.
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { appendAudit } from '../audit/service.ts';
import type { Access } from '../users/access.ts';
import { loadCustomers, writeState, type CustomerState } from './customer-state.ts';
import { undoSalesBatch } from './sales-import.ts';

/** The tables whose rows belong to a customer: one of them, and a created customer cannot simply go. */
const OWN_ROWS = ['contracts', 'records', 'visits', 'surveys', 'complaints', 'care_notes'] as const;

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** How many customers CONFLICT 'editedSince' names at most. */
const NAMED = 50;

export async function undoBatch(db: Db, batchId: number, access: Access, now: number): Promise<{ removed: number; restored: number }> {
  return transaction(db, async (tx) => {
    const batch = await tx.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
    if (!batch) throw new AppFailure('NOT_FOUND', `imports.undo: there is no import batch ${batchId}`);
    if (batch.undone_at !== null) throw new AppFailure('CONFLICT', `imports.undo: import ${batchId} was undone already`, { reason: 'undone' });
    if (batch.kind === 'sales') {
      const undone = await undoSalesBatch(tx, batchId, now);
      await tx.updateTable('import_batches').set({ undone_at: now, undone_by: access.userId }).where('id', '=', batchId).execute();
      await appendAudit(tx, {
        at: now,
        userId: access.userId,
        username: access.username,
        action: 'import.undo',
        entity: 'import',
        entityId: batchId,
        label: batch.file_name,
        changes: [
          { field: 'removed', before: null, after: undone.removed },
          { field: 'restored', before: null, after: 0 },
        ],
      });
      return undone;
    }
    const items = await tx.selectFrom('import_batch_items').select(['customer_id', 'action', 'left_version', 'old_values']).where('batch_id', '=', batchId).orderBy('id').execute();
    const ids = items.map((item) => item.customer_id);
    const current = new Map<number, { name: string; version: number; deleted_at: number | null }>();
    for (const chunk of chunks(ids)) {
      for (const row of await tx.selectFrom('customers').select(['id', 'name', 'version', 'deleted_at']).where('id', 'in', chunk).execute()) current.set(row.id, row);
    }
    const edited = new Set<number>();
    for (const item of items) {
      const now = current.get(item.customer_id);
      if (!now || now.deleted_at !== null || now.version !== item.left_version) edited.add(item.customer_id);
    }
    const createdIds = items.filter((item) => item.action === 'create').map((item) => item.customer_id);
    for (const table of OWN_ROWS) {
      for (const chunk of chunks(createdIds)) {
        for (const row of await tx.selectFrom(table).select('customer_id').distinct().where('customer_id', 'in', chunk).execute()) edited.add(row.customer_id);
      }
    }
    for (const chunk of chunks(createdIds)) {
      const files = await tx.selectFrom('attachments').select('owner_id').distinct().where('owner_kind', '=', 'customer').where('owner_id', 'in', chunk).execute();
      for (const row of files) edited.add(row.owner_id);
    }
    if (edited.size > 0) {
      const customers = [...edited].slice(0, NAMED).map((id) => ({ id, name: current.get(id)?.name ?? '' }));
      throw new AppFailure('CONFLICT', `imports.undo: ${edited.size} of the customers import ${batchId} made or changed were edited since; undo would lose those edits`, {
        reason: 'editedSince',
        customers,
      });
    }
    for (const chunk of chunks(createdIds)) {
      for (const id of chunk) await engine.search.remove(tx, id);
      await tx.deleteFrom('customer_tags').where('customer_id', 'in', chunk).execute();
      await tx.deleteFrom('contacts').where('customer_id', 'in', chunk).execute();
      await tx.deleteFrom('grade_history').where('customer_id', 'in', chunk).execute();
      await tx.deleteFrom('customers').where('id', 'in', chunk).execute();
    }
    const updates = items.filter((item) => item.action === 'update');
    for (const chunk of chunks(updates)) {
      const stored = await loadCustomers(tx, chunk.map((item) => item.customer_id));
      for (const item of chunk) {
        const old = JSON.parse(item.old_values ?? '{}') as CustomerState & { gradeHistoryId: number | null };
        const before = stored.get(item.customer_id)!; // checked live and unedited above
        const left = await writeState(tx, before, { fields: old.fields, tags: old.tags, contacts: old.contacts }, access.userId, now, { gradeHistory: false });
        // An earlier batch that left the customer as this one found it may still be undone after this one.
        await tx
          .updateTable('import_batch_items')
          .set({ left_version: left.version, left_updated_at: left.updatedAt })
          .where('customer_id', '=', item.customer_id)
          .where('left_version', '=', item.left_version - 1)
          .where('batch_id', 'in', (eb) => eb.selectFrom('import_batches').select('id').where('undone_at', 'is', null).where('id', '<', batchId))
          .execute();
        if (old.gradeHistoryId !== null) await tx.deleteFrom('grade_history').where('id', '=', old.gradeHistoryId).execute();
      }
    }
    await tx.updateTable('import_batches').set({ undone_at: now, undone_by: access.userId }).where('id', '=', batchId).execute();
    await appendAudit(tx, {
      at: now,
      userId: access.userId,
      username: access.username,
      action: 'import.undo',
      entity: 'import',
      entityId: batchId,
      label: batch.file_name,
      changes: [
        { field: 'removed', before: null, after: createdIds.length },
        { field: 'restored', before: null, after: updates.length },
      ],
    });
    return { removed: createdIds.length, restored: updates.length };
  });
}
