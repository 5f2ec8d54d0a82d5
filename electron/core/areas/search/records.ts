// Service and communication records in the one search box: a capped prefix of their texts in a
// trigram index (queries of 3 or more characters), for the records of the customers the caller may
// see. The records service keeps the index in step: `indexRecord` in the transaction of every
// create, update, delete, restore and purge; bulk paths insert without it and call
// `indexRecordsFrom` once at the end.
import type { RecordSearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import type { Access } from '../users/access.ts';
import { recordDocument, recordSnippet } from './record-text.ts';
import { planQuery } from './search-text.ts';

const TEXTS = ['content', 'result', 'agreements', 'feedback'] as const;

/**
 * Puts the record's texts in the search index as they are now, or takes it out when it is
 * deleted or gone (purged). Call inside the transaction of the change.
 */
export async function indexRecord(tx: Db, recordId: number): Promise<void> {
  const row = await tx.selectFrom('records').select([...TEXTS, 'deleted_at']).where('id', '=', recordId).executeTakeFirst();
  if (!row || row.deleted_at !== null) await engine.search.records.remove(tx, recordId);
  else await engine.search.records.put(tx, recordId, recordDocument(row));
}

/** Records read per statement while indexing in bulk. */
const CHUNK = 2_000;

/**
 * The documents of the live records with ids from `firstId` up to (not including) `endId`, which
 * have none yet (a bulk insert's records, made with ids above every older one): the bulk load
 * fills the index once at its end, a range per transaction. Answers how many were indexed and the
 * last id seen (null when the range held no record).
 */
export async function indexRecordsFrom(tx: Db, firstId: number, endId = Number.MAX_SAFE_INTEGER): Promise<{ indexed: number; last: number | null }> {
  let next = firstId;
  let indexed = 0;
  let last: number | null = null;
  for (;;) {
    const rows = await tx.selectFrom('records').select(['id', ...TEXTS, 'deleted_at']).where('id', '>=', next).where('id', '<', endId).orderBy('id').limit(CHUNK).execute();
    if (rows.length === 0) return { indexed, last };
    const live = rows.filter((row) => row.deleted_at === null);
    await engine.search.records.putMany(
      tx,
      live.map((row) => [row.id, recordDocument(row)] as const),
    );
    indexed += live.length;
    last = rows.at(-1)!.id; // rows is not empty here
    next = last + 1;
  }
}

/** The newest `limit` records whose indexed texts hold every term of the query (none for 1-2 character queries). */
export async function searchRecords(db: Db, q: string, limit: number, access: Access): Promise<RecordSearchHit[]> {
  const plan = planQuery(q);
  if (!plan || plan.index !== 'trigram') return [];
  const ids = await engine.search.records.newest(db, plan, { limit, ownerId: access.scopeOwnerId });
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('records as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .select(['r.id', 'r.kind', 'r.at', 'r.customer_id', 'c.name as customer_name', ...TEXTS.map((t) => `r.${t}` as const)])
    .where('r.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id): RecordSearchHit[] => {
    const row = byId.get(id);
    if (!row) return [];
    return [{ kind: 'record', id, recordKind: row.kind, at: row.at, customerId: row.customer_id, customerName: row.customer_name, snippet: recordSnippet(plan, row) }];
  });
}
