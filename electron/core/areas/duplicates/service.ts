// Merge (合并) and its undo (撤销合并), the merge history, and "not duplicates".
//
// A merge, in one transaction: the kept customer takes the chosen field values; every row linked to
// the merged customer moves to the kept one (contacts after the kept one's own, tags it lacks,
// contracts, the customer's own files, records, visits, surveys, complaints, care notes, Today's
// marks on the customer); the merged customer gets merged_into + deleted_at, which keeps it out of
// every list, search and the recycle bin (and so out of purges) while the merge can be undone.
// What moved is written down row by row (customer_merge_moves), so undo moves exactly those back.
// Rows keep their own version and updated_at: a move changes whose they are, not what they say, and
// undo leaves them byte for byte as they were.
import { moveInvitations, returnInvitations } from '../events/merge.ts';
import { MERGE_FIELDS, MERGE_TABLES, type MergeField, type MergePage, type MergeResult, type MergeTable } from '../../../../shared/api/duplicates.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import { refreshLastContactOf } from '../care/last-contact.ts';
import { regionSortKey } from '../customers/sort-keys.ts';
import { nameSortKey, searchDocument } from '../search/search-text.ts';
import type { Access } from '../users/access.ts';
import { mergeLoyalty, undoLoyaltyMerge } from '../loyalty/merge.ts';
import { movePresence, returnPresence } from '../competitors/merge.ts';

export type Actor = Access & { now: number };

/** The columns of each merge field (birthday carries its calendar). */
const FIELD_COLUMNS: Record<MergeField, readonly string[]> = {
  kind: ['kind'],
  name: ['name'],
  industry: ['industry'],
  region: ['region'],
  address: ['address'],
  phone: ['phone'],
  email: ['email'],
  website: ['website'],
  source: ['source'],
  size: ['size'],
  stage: ['stage'],
  grade: ['grade'],
  ownerId: ['owner_id'],
  birthday: ['birthday', 'birthday_calendar'],
  notes: ['notes'],
};

/** The tables a merge moves by customer_id, as MERGE_TABLES names them. */
const BY_CUSTOMER = { contracts: 'contracts', records: 'records', visits: 'visits', surveys: 'surveys', complaints: 'complaints', careNotes: 'care_notes', sales: 'sales', needs: 'needs', stories: 'stories' } as const;
/** Today's kinds whose ref_id is a customer (shared/api/today.ts TODAY_KINDS). */
const CUSTOMER_MARK_KINDS = ['returnVisit', 'birthday', 'founding'];
/** Rows per statement: well under SQLite's bound values. */
const CHUNK = 500;

type Row = Record<string, unknown>;

function noMerge(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `duplicates: merge ${id} does not exist`);
}

/** A live customer in the caller's scope, as stored; NOT_FOUND otherwise (a merged customer is not live). */
async function liveCustomer(db: Db, id: number, access: Access, what: string): Promise<Row & { id: number; name: string; code: string; version: number; owner_id: number | null; kind: string; last_contact_at: number }> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.deleted_at !== null || (access.scopeOwnerId !== null && row.owner_id !== access.scopeOwnerId)) {
    throw new AppFailure('NOT_FOUND', `duplicates.${what}: customer ${id} does not exist or is in the recycle bin`);
  }
  return row as unknown as Row & { id: number; name: string; code: string; version: number; owner_id: number | null; kind: string; last_contact_at: number }; // selectAll of customers
}

async function inChunks<T>(items: readonly T[], work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK) await work(items.slice(start, start + CHUNK));
}

type Move = { table: MergeTable; rowId: number; rowKey?: string; before?: string | null };

async function recordMoves(tx: Db, mergeId: number, moves: readonly Move[]): Promise<void> {
  await inChunks(moves, (chunk) =>
    tx
      .insertInto('customer_merge_moves')
      .values(chunk.map((m) => ({ merge_id: mergeId, table_name: m.table, row_id: m.rowId, row_key: m.rowKey ?? '', before: m.before ?? null })))
      .execute(),
  );
}

/** Puts the customer's search document again from what is stored (contacts included). */
async function reindexCustomer(tx: Db, id: number): Promise<void> {
  const c = await tx.selectFrom('customers').select(['kind', 'name', 'code', 'phone', 'email']).where('id', '=', id).executeTakeFirstOrThrow();
  const contacts = await tx.selectFrom('contacts').select(['name', 'phone', 'mobile', 'email', 'wechat']).where('customer_id', '=', id).orderBy('position').execute();
  await engine.search.put(tx, id, searchDocument({ ...c, contacts }, c.kind === 'person'));
}

function conflict(id: number): AppFailure {
  return new AppFailure('CONFLICT', `duplicates.merge: customer ${id} was changed by someone else since the duplicates were found; find them again`);
}

export async function mergeCustomers(
  db: Db,
  input: { keep: number; merge: number; fields: Partial<Record<MergeField, 'keep' | 'merge'>>; version: { keep: number; merge: number } },
  actor: Actor,
): Promise<MergeResult> {
  const now = actor.now;
  return transaction(db, async (tx) => {
    const kept = await liveCustomer(tx, input.keep, actor, 'merge');
    const merged = await liveCustomer(tx, input.merge, actor, 'merge');
    if (kept.version !== input.version.keep) throw conflict(kept.id);
    if (merged.version !== input.version.merge) throw conflict(merged.id);

    // The kept customer's values: the chosen fields from the merged one, where they differ.
    const set: Row = {};
    const before: Row = {};
    const changes: FieldChange[] = [];
    for (const field of MERGE_FIELDS) {
      if (input.fields[field] !== 'merge') continue;
      const columns = FIELD_COLUMNS[field];
      if (columns.every((column) => kept[column] === merged[column])) continue;
      for (const column of columns) {
        set[column] = merged[column];
        before[column] = kept[column];
      }
      changes.push(
        field === 'birthday'
          ? { field, before: kept.birthday === '' ? '' : { date: kept.birthday, calendar: kept.birthday_calendar }, after: merged.birthday === '' ? '' : { date: merged.birthday, calendar: merged.birthday_calendar } }
          : { field, before: kept[columns[0]!], after: merged[columns[0]!] },
      );
    }
    if (set.owner_id !== undefined && set.owner_id !== null) {
      const owner = await tx.selectFrom('users').select('id').where('id', '=', set.owner_id as number).where('active', '=', 1).where('role', 'in', ['owner', 'manager', 'staff']).executeTakeFirst();
      if (!owner) throw new AppFailure('VALIDATION', 'duplicates.merge: the merged customer\'s responsible staff member can no longer be responsible for customers', [{ path: ['fields', 'ownerId'], message: 'ownerId' }]);
    }
    const name = (set.name ?? kept.name) as string;
    const kind = (set.kind ?? kept.kind) as string;
    const sorts: Row = {};
    if (set.name !== undefined || set.kind !== undefined) sorts.name_sort = nameSortKey(name, kind === 'person');
    if (set.region !== undefined) sorts.region_sort = regionSortKey(set.region as string);
    for (const column of Object.keys(sorts)) before[column] = kept[column];
    const lastContact = Math.max(kept.last_contact_at, merged.last_contact_at);

    const { id: mergeId } = await tx
      .insertInto('customer_merges')
      .values({
        kept_id: kept.id,
        merged_id: merged.id,
        at: now,
        by_user: actor.userId,
        kept_before: JSON.stringify(before),
        kept_after: JSON.stringify(set),
        last_contact_before: kept.last_contact_at,
        moved: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const moves: Move[] = [];
    // Contacts: after the kept customer's own, in their order.
    const ownContacts = await tx.selectFrom('contacts').select((eb) => eb.fn.max('position').as('last')).where('customer_id', '=', kept.id).executeTakeFirst();
    let position = ownContacts?.last === null || ownContacts?.last === undefined ? 0 : Number(ownContacts.last) + 1;
    const contacts = await tx.selectFrom('contacts').select(['id', 'position']).where('customer_id', '=', merged.id).orderBy('position').execute();
    for (const contact of contacts) {
      await tx.updateTable('contacts').set({ customer_id: kept.id, position }).where('id', '=', contact.id).execute();
      moves.push({ table: 'contacts', rowId: contact.id, before: String(contact.position) });
      position += 1;
    }
    // Tags: the ones the kept customer lacks (the others stay with the merged customer, hidden with it).
    const tags = await tx
      .selectFrom('customer_tags')
      .select('tag_id')
      .where('customer_id', '=', merged.id)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('customer_tags as k').select('k.tag_id').where('k.customer_id', '=', kept.id).whereRef('k.tag_id', '=', 'customer_tags.tag_id'))))
      .execute();
    const tagIds = tags.map((t) => t.tag_id);
    await inChunks(tagIds, (chunk) => tx.updateTable('customer_tags').set({ customer_id: kept.id }).where('customer_id', '=', merged.id).where('tag_id', 'in', chunk).execute());
    for (const tagId of tagIds) moves.push({ table: 'customerTags', rowId: tagId });
    // Rows that belong to a customer by customer_id.
    for (const [name, table] of Object.entries(BY_CUSTOMER) as [keyof typeof BY_CUSTOMER, (typeof BY_CUSTOMER)[keyof typeof BY_CUSTOMER]][]) {
      const ids = (await tx.selectFrom(table).select('id').where('customer_id', '=', merged.id).execute()).map((r) => r.id);
      await inChunks(ids, (chunk) => tx.updateTable(table).set({ customer_id: kept.id }).where('id', 'in', chunk).execute());
      for (const id of ids) moves.push({ table: name, rowId: id });
    }
    // Competitor presence: one row per customer and competitor, the kept customer's winning (areas/competitors/merge.ts).
    for (const id of await movePresence(tx, kept.id, merged.id)) moves.push({ table: 'competitorPresence', rowId: id });
    // Event invitations: one per customer and event, attended then the later reply winning (areas/events/merge.ts).
    for (const move of await moveInvitations(tx, kept.id, merged.id)) moves.push({ table: 'eventInvitations', rowId: move.rowId, before: move.before });
    // The loyalty programme: points, coupons, referrals, membership (areas/loyalty/merge.ts).
    await mergeLoyalty(tx, mergeId, kept.id, merged.id, now);
    // The customer's own files (a contract's or record's go with it).
    const files = (await tx.selectFrom('attachments').select('id').where('owner_kind', '=', 'customer').where('owner_id', '=', merged.id).execute()).map((r) => r.id);
    await inChunks(files, (chunk) => tx.updateTable('attachments').set({ owner_id: kept.id }).where('id', 'in', chunk).execute());
    for (const id of files) moves.push({ table: 'attachments', rowId: id });
    // Today's marks on the customer itself, unless the kept customer has one for the same occurrence.
    const marks = await tx
      .selectFrom('inbox_marks as m')
      .select(['m.kind', 'm.occurrence'])
      .where('m.ref_id', '=', merged.id)
      .where('m.kind', 'in', CUSTOMER_MARK_KINDS)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('inbox_marks as o').select('o.kind').where('o.ref_id', '=', kept.id).whereRef('o.kind', '=', 'm.kind').whereRef('o.occurrence', '=', 'm.occurrence'))),
      )
      .execute();
    for (const mark of marks) {
      await tx.updateTable('inbox_marks').set({ ref_id: kept.id }).where('kind', '=', mark.kind).where('ref_id', '=', merged.id).where('occurrence', '=', mark.occurrence).execute();
      moves.push({ table: 'inboxMarks', rowId: 0, rowKey: `${mark.kind}\n${mark.occurrence}` });
    }
    await recordMoves(tx, mergeId, moves);
    const moved = Object.fromEntries(MERGE_TABLES.map((t) => [t, moves.filter((m) => m.table === t).length])) as Record<MergeTable, number>;
    await tx.updateTable('customer_merges').set({ moved: JSON.stringify(moved) }).where('id', '=', mergeId).execute();

    await tx
      .updateTable('customers')
      .set({ ...set, ...sorts, last_contact_at: lastContact, updated_at: now, version: kept.version + 1 })
      .where('id', '=', kept.id)
      .execute();
    await tx.updateTable('customers').set({ merged_into: kept.id, deleted_at: now, updated_at: now, version: merged.version + 1 }).where('id', '=', merged.id).execute();
    await engine.search.remove(tx, merged.id);
    await reindexCustomer(tx, kept.id);
    // A grade taken from the merged customer is a grade change of the kept one.
    if (set.grade !== undefined) await tx.insertInto('grade_history').values({ customer_id: kept.id, grade: set.grade as string, changed_at: now, changed_by: actor.userId }).execute();

    await appendAudit(tx, {
      at: now,
      userId: actor.userId,
      username: actor.username,
      action: 'customer.merge',
      entity: 'customer',
      entityId: kept.id,
      label: name,
      changes: [{ field: 'mergedFrom', before: null, after: `${merged.name} (${merged.code})` }, ...changes],
    });
    return { merge: mergeId, moved };
  });
}

/** Moves back exactly what the merge moved and restores both customers. */
export async function undoMerge(db: Db, id: number, actor: Actor): Promise<Record<string, never>> {
  const now = actor.now;
  return transaction(db, async (tx) => {
    const merge = await tx.selectFrom('customer_merges').selectAll().where('id', '=', id).executeTakeFirst();
    if (!merge) throw noMerge(id);
    if (merge.undone_at !== null) throw new AppFailure('CONFLICT', `duplicates.undoMerge: merge ${id} was undone already`, { reason: 'undone' });
    const kept = await liveCustomer(tx, merge.kept_id, actor, 'undoMerge');
    const merged = await tx.selectFrom('customers').selectAll().where('id', '=', merge.merged_id).executeTakeFirst();
    if (!merged || merged.merged_into !== kept.id) throw noMerge(id);

    // An edit since in a field the merge set: undoing would throw that edit away.
    const after = JSON.parse(merge.kept_after) as Row;
    if (Object.entries(after).some(([column, value]) => kept[column] !== value)) {
      throw new AppFailure('CONFLICT', `duplicates.undoMerge: ${kept.name} was edited since the merge in a value the merge set; undoing it would lose that edit`, {
        reason: 'editedSince',
        customers: [{ id: kept.id, name: kept.name }],
      });
    }

    const moves = await tx.selectFrom('customer_merge_moves').selectAll().where('merge_id', '=', id).execute();
    const of = (table: MergeTable) => moves.filter((m) => m.table_name === table);
    for (const move of of('contacts')) {
      await tx.updateTable('contacts').set({ customer_id: merged.id, position: Number(move.before) }).where('id', '=', move.row_id).where('customer_id', '=', kept.id).execute();
    }
    // A tag taken away from the kept customer since is given back to the merged one all the same.
    const tagIds = of('customerTags').map((m) => m.row_id);
    await inChunks(tagIds, async (chunk) => {
      await tx.deleteFrom('customer_tags').where('customer_id', '=', kept.id).where('tag_id', 'in', chunk).execute();
      const alive = (await tx.selectFrom('tags').select('id').where('id', 'in', chunk).execute()).map((t) => t.id);
      if (alive.length > 0) await tx.insertInto('customer_tags').values(alive.map((tag_id) => ({ customer_id: merged.id, tag_id }))).onConflict((oc) => oc.doNothing()).execute();
    });
    for (const [name, table] of Object.entries(BY_CUSTOMER) as [keyof typeof BY_CUSTOMER, (typeof BY_CUSTOMER)[keyof typeof BY_CUSTOMER]][]) {
      const ids = of(name).map((m) => m.row_id);
      await inChunks(ids, (chunk) => tx.updateTable(table).set({ customer_id: merged.id }).where('id', 'in', chunk).where('customer_id', '=', kept.id).execute());
    }
    await returnPresence(
      tx,
      kept.id,
      merged.id,
      of('competitorPresence').map((m) => m.row_id),
    );
    await returnInvitations(
      tx,
      kept.id,
      merged.id,
      of('eventInvitations').map((m) => ({ rowId: m.row_id, before: m.before })),
    );
    await undoLoyaltyMerge(tx, id);
    const files = of('attachments').map((m) => m.row_id);
    await inChunks(files, (chunk) => tx.updateTable('attachments').set({ owner_id: merged.id }).where('owner_kind', '=', 'customer').where('id', 'in', chunk).where('owner_id', '=', kept.id).execute());
    for (const move of of('inboxMarks')) {
      const [kind, occurrence] = move.row_key.split('\n') as [string, string]; // written as kind\noccurrence
      const taken = await tx.selectFrom('inbox_marks').select('kind').where('kind', '=', kind).where('ref_id', '=', merged.id).where('occurrence', '=', occurrence).executeTakeFirst();
      if (!taken) await tx.updateTable('inbox_marks').set({ ref_id: merged.id }).where('kind', '=', kind).where('ref_id', '=', kept.id).where('occurrence', '=', occurrence).execute();
    }

    const beforeValues = JSON.parse(merge.kept_before) as Row;
    await tx
      .updateTable('customers')
      .set({ ...beforeValues, updated_at: now, version: kept.version + 1 })
      .where('id', '=', kept.id)
      .execute();
    await tx.updateTable('customers').set({ merged_into: null, deleted_at: null, updated_at: now, version: merged.version + 1 }).where('id', '=', merged.id).execute();
    if (after.grade !== undefined) await tx.insertInto('grade_history').values({ customer_id: kept.id, grade: beforeValues.grade as string, changed_at: now, changed_by: actor.userId }).execute();
    await refreshLastContactOf(tx, [kept.id, merged.id]);
    await reindexCustomer(tx, kept.id);
    await reindexCustomer(tx, merged.id);
    await tx.updateTable('customer_merges').set({ undone_at: now, undone_by: actor.userId }).where('id', '=', id).execute();
    await appendAudit(tx, {
      at: now,
      userId: actor.userId,
      username: actor.username,
      action: 'customer.unmerge',
      entity: 'customer',
      entityId: kept.id,
      label: kept.name,
      changes: [{ field: 'mergedFrom', before: `${merged.name} (${merged.code})`, after: null }],
    });
    return {};
  });
}

const MERGES_ORDER: readonly SortColumn<'m.at' | 'm.id'>[] = [
  { column: 'm.at', direction: 'desc' },
  { column: 'm.id', direction: 'desc' },
];

/** The merges, newest first, of customers in the caller's scope. */
export async function listMerges(db: Db, after: string | null, limit: number, access: Access): Promise<MergePage> {
  let q = db
    .selectFrom('customer_merges as m')
    .innerJoin('customers as k', 'k.id', 'm.kept_id')
    .innerJoin('customers as d', 'd.id', 'm.merged_id')
    .leftJoin('users as u', 'u.id', 'm.by_user')
    .leftJoin('users as v', 'v.id', 'm.undone_by')
    .select([
      'm.id',
      'm.at',
      'm.undone_at',
      'm.moved',
      'm.by_user',
      'm.undone_by',
      'u.display_name as by_name',
      'v.display_name as undone_by_name',
      'k.id as kept_id',
      'k.name as kept_name',
      'k.code as kept_code',
      'd.id as merged_id',
      'd.name as merged_name',
      'd.code as merged_code',
    ]);
  if (access.scopeOwnerId !== null) q = q.where('k.owner_id', '=', access.scopeOwnerId);
  const page = await keysetPage(q, MERGES_ORDER, after, limit);
  return {
    rows: page.rows.map((r) => ({
      id: r.id,
      kept: { id: r.kept_id, name: r.kept_name, code: r.kept_code },
      merged: { id: r.merged_id, name: r.merged_name, code: r.merged_code },
      by: r.by_user === null ? null : { id: r.by_user, name: r.by_name ?? '' },
      at: r.at,
      undoneAt: r.undone_at,
      undoneBy: r.undone_by === null ? null : { id: r.undone_by, name: r.undone_by_name ?? '' },
      moved: JSON.parse(r.moved) as Record<MergeTable, number>,
      undoable: r.undone_at === null,
    })),
    next: page.nextCursor,
  };
}

/** "Not duplicates": every pair of these (live, in scope) customers is left out of later finds. */
export async function dismissDuplicates(db: Db, ids: readonly number[], actor: Actor): Promise<Record<string, never>> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  return transaction(db, async (tx) => {
    for (const id of unique) await liveCustomer(tx, id, actor, 'dismiss');
    const pairs: { low_id: number; high_id: number; at: number; by_user: number }[] = [];
    for (let i = 0; i < unique.length; i++) for (let j = i + 1; j < unique.length; j++) pairs.push({ low_id: unique[i]!, high_id: unique[j]!, at: actor.now, by_user: actor.userId });
    await inChunks(pairs, (chunk) => tx.insertInto('duplicate_dismissals').values(chunk).onConflict((oc) => oc.doNothing()).execute());
    return {};
  });
}
