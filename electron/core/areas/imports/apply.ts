// The second part of a run: one transaction writes every staged create and update, the batch and
// its undo items, the audit entry and the saved mapping. Creates go in multi-row batches
// (customers/insert-many.ts, search documents included); updates one by one as customers.update
// keeps them (customer-state.ts).
import type { ImportKind, Mapping } from '../../../../shared/api/imports.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import { insertCustomers, type NewCustomer } from '../customers/insert-many.ts';
import { regionSortKey } from '../customers/sort-keys.ts';
import { searchDocument, spell } from '../search/search-text.ts';
import type { Access } from '../users/access.ts';
import { dropUpload } from '../../files/uploads.ts';
import { loadCustomers, merged, writeState } from './customer-state.ts';
import type { StagedValues } from './prepare.ts';
import { saveMapping } from './mappings.ts';

export type ApplyContext = {
  access: Access;
  now: number;
  runKey: string;
  kind: ImportKind;
  file: { upload: string; name: string; sha256: string };
  layout: string;
  mapping: Mapping;
  options: Record<string, unknown>;
  counts: { skipped: number; errors: number };
};

const CHUNK = 1000;

async function* staged(tx: Db, runKey: string, action: 'create' | 'update') {
  let after = 0;
  for (;;) {
    const rows = await tx.selectFrom('import_staging').select(['row', 'target_id', 'data']).where('run', '=', runKey).where('action', '=', action).where('row', '>', after).orderBy('row').limit(CHUNK).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ row: r.row, target: r.target_id, staged: JSON.parse(r.data) as StagedValues }));
    after = rows.at(-1)!.row; // not empty
  }
}

/** Writes the run; returns the batch (null when nothing was written) and what it did. */
export async function applyRun(db: Db, ctx: ApplyContext): Promise<{ batch: number | null; created: number; updated: number; skipped: number }> {
  return transaction(db, async (tx) => {
    const { access, now } = ctx;
    const batch = await tx
      .insertInto('import_batches')
      .values({
        kind: ctx.kind,
        file_name: ctx.file.name,
        file_sha256: ctx.file.sha256,
        layout: ctx.layout,
        options: JSON.stringify(ctx.options),
        created: 0,
        updated: 0,
        skipped: ctx.counts.skipped,
        errors: ctx.counts.errors,
        created_by: access.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const regionSorts = new Map<string, string>();
    for await (const chunk of staged(tx, ctx.runKey, 'create')) {
      const customers: NewCustomer[] = chunk.map(({ staged: { values, ownerId } }) => {
        const { tags, contacts, ...fields } = values.draft;
        const person = fields.kind === 'person';
        const spelling = spell(fields.name, person);
        let regionSort = regionSorts.get(fields.region);
        if (regionSort === undefined) {
          regionSort = regionSortKey(fields.region);
          regionSorts.set(fields.region, regionSort);
        }
        const customer = { ...fields, ownerId: ownerId ?? null, nameSort: spelling.sortKey, regionSort, tags, contacts, createdAt: now, updatedAt: now };
        return { ...customer, search: searchDocument({ ...customer, code: '' }, person, spelling) };
      });
      // New customers get ids above every existing one (AUTOINCREMENT), in the batch's order.
      const before = (await tx.selectFrom('customers').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0;
      await insertCustomers(tx, customers, access.userId);
      const added = await tx.selectFrom('customers').select(['id', 'version', 'updated_at']).where('id', '>', before).orderBy('id').execute();
      const items = added.map((c) => ({ batch_id: batch.id, customer_id: c.id, contact_id: null, action: 'create' as const, old_values: null, left_version: c.version, left_updated_at: c.updated_at }));
      for (let start = 0; start < items.length; start += 500) await tx.insertInto('import_batch_items').values(items.slice(start, start + 500)).execute();
      created += added.length;
    }
    for await (const chunk of staged(tx, ctx.runKey, 'update')) {
      const stored = await loadCustomers(tx, chunk.map((c) => c.target!)); // an update has its target
      for (const { target, staged: { values, ownerId } } of chunk) {
        const before = stored.get(target!);
        const next = before && merged(before, values, ownerId);
        if (!before || !next || !next.changed) {
          unchanged += 1;
          continue;
        }
        const left = await writeState(tx, before, next, access.userId, now);
        const old = { fields: before.fields, tags: before.tags, contacts: before.contacts, gradeHistoryId: left.gradeHistoryId };
        await tx
          .insertInto('import_batch_items')
          .values({ batch_id: batch.id, customer_id: before.id, contact_id: null, action: 'update', old_values: JSON.stringify(old), left_version: left.version, left_updated_at: left.updatedAt })
          .execute();
        updated += 1;
      }
    }
    const skipped = ctx.counts.skipped + unchanged;
    await saveMapping(tx, ctx.kind, ctx.layout, ctx.mapping, access.userId, now);
    await dropUpload(tx, ctx.file.upload);
    if (created + updated === 0) {
      await tx.deleteFrom('import_batches').where('id', '=', batch.id).execute();
      return { batch: null, created, updated, skipped };
    }
    await tx.updateTable('import_batches').set({ created, updated, skipped }).where('id', '=', batch.id).execute();
    await appendAudit(tx, {
      at: now,
      userId: access.userId,
      username: access.username,
      action: 'import.run',
      entity: 'import',
      entityId: batch.id,
      label: ctx.file.name,
      changes: [
        { field: 'created', before: null, after: created },
        { field: 'updated', before: null, after: updated },
        { field: 'skipped', before: null, after: skipped },
        { field: 'errors', before: null, after: ctx.counts.errors },
      ],
    });
    return { batch: batch.id, created, updated, skipped };
  });
}
