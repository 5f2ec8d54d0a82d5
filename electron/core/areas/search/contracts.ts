// Contracts in the one search box: by number (the whole of it, its beginning, any part such as
// the serial 0012, any run of 3 or more characters) and by title (Chinese characters and pairs,
// any run of 3 or more characters, pinyin and initials), for the contracts of the customers the
// caller may see. The contracts service keeps the index in step: `indexContract` in the
// transaction of every create, update, delete, restore and purge.
import type { ContractSearchHit } from '../../../../shared/api/search.ts';
import { contractStatus, renewalsDue } from '../../../../shared/contract-status.ts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import type { Access } from '../users/access.ts';
import { contractDocument, contractMatchedIn, numberMatches } from './contract-text.ts';
import { CONTRACT_SEARCH_TIERS } from './search-engine.ts';
import { planQuery, type SearchPlan } from './search-text.ts';

/**
 * Puts the contract's number and title in the search index as they are now, or takes it out when
 * it is deleted or gone (purged). Call inside the transaction of the change.
 */
export async function indexContract(tx: Db, contractId: number): Promise<void> {
  const row = await tx.selectFrom('contracts').select(['number', 'title', 'deleted_at']).where('id', '=', contractId).executeTakeFirst();
  if (!row || row.deleted_at !== null) await engine.search.contracts.remove(tx, contractId);
  else await engine.search.contracts.put(tx, contractId, contractDocument(row));
}

/** New contracts in bulk (seeding, imports): their documents added in a few statements. */
export async function indexNewContracts(tx: Db, contracts: readonly { id: number; number: string; title: string }[]): Promise<void> {
  await engine.search.contracts.putMany(
    tx,
    contracts.map((contract) => [contract.id, contractDocument(contract)] as const),
  );
}

/**
 * The contract list's `q` filter: the contracts search.query finds for this text (`idColumn` is
 * the contracts' id, e.g. 'k.id'; the list applies the scope itself). Text that makes no query
 * matches nothing.
 */
export function contractSearchFilter(text: string, idColumn: string): Expression<SqlBool> {
  const plan = planQuery(text);
  return plan ? engine.search.contracts.contractMatches(plan, idColumn) : sql<SqlBool>`1 = 0`;
}

/**
 * Contracts are counted up to this many: a count walks every match and looks up its contract and
 * customer (tens of milliseconds for 50,000), and the search box only says "1,000+" beyond it; the
 * contract list counts them all.
 */
export const CONTRACT_COUNT_CAP = 1_000;

/**
 * The page of contracts, best first, with how many lead it by number or title (exact or
 * beginning); `total` stops at CONTRACT_COUNT_CAP (`capped`: more match).
 */
export type ContractSearchResult = { hits: ContractSearchHit[]; total: number; capped: boolean; strong: number };

export async function searchContracts(db: Db, q: string, limit: number, access: Access, today: string): Promise<ContractSearchResult> {
  const plan = planQuery(q);
  if (!plan) return { hits: [], total: 0, capped: false, strong: 0 };
  const ownerId = access.scopeOwnerId;
  const index = engine.search.contracts;
  const newest = await index.newest(db, plan, { limit, ownerId });
  // One more than the cap tells "more than the cap" from "exactly the cap".
  const counted = newest.length < limit ? newest.length : await index.count(db, plan, ownerId, CONTRACT_COUNT_CAP + 1);
  const capped = counted > CONTRACT_COUNT_CAP;
  const total = Math.min(counted, CONTRACT_COUNT_CAP);
  if (total === 0) return { hits: [], total, capped, strong: 0 };
  const ids: number[] = [];
  const seen = new Set<number>();
  const take = (found: number[]) => {
    for (const id of found) {
      if (ids.length >= limit) return;
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  };
  take(await numbersBeginning(db, plan, limit, ownerId));
  for (const tier of CONTRACT_SEARCH_TIERS) {
    if (ids.length >= limit) break;
    take(await index.newest(db, plan, { limit, ownerId, tier }));
  }
  const strong = ids.length;
  take(newest);
  return { hits: await describeContracts(db, plan, ids, today), total, capped, strong };
}

/** Above any character a number can hold: `prefix` to `prefix + TOP` is every text beginning with `prefix`. */
const TOP = '\u{10FFFF}';

/**
 * Contracts the caller may see whose number is the query, then those whose number begins with it
 * (latest numbers first): a range of the contracts table's unique index on the number, which
 * compares without letter case (COLLATE NOCASE) as the query does. Exported for the tests to read
 * their plans.
 */
export function numberTierQueries(db: Db, plan: SearchPlan, limit: number, ownerId: number | null) {
  const visible = () => {
    let query = db
      .selectFrom('contracts as k')
      .innerJoin('customers as c', 'c.id', 'k.customer_id')
      .select(['k.id', 'k.number'])
      // Unary plus: not by the index on deleted_at (nearly every row is NULL there), by the number's.
      .where(sql<SqlBool>`+k.deleted_at IS NULL`)
      .where('c.deleted_at', 'is', null);
    // Unary plus again: not from the staff member's customers (thousands) to their contracts.
    if (ownerId !== null) query = query.where(sql<SqlBool>`+c.owner_id = ${ownerId}`);
    return query;
  };
  return {
    exact: visible().where('k.number', '=', plan.whole),
    prefix: visible().where('k.number', '>', plan.whole).where('k.number', '<', plan.whole + TOP).orderBy('k.number', 'desc').limit(limit),
  };
}

async function numbersBeginning(db: Db, plan: SearchPlan, limit: number, ownerId: number | null): Promise<number[]> {
  const { exact, prefix } = numberTierQueries(db, plan, limit, ownerId);
  const rows = [...(await exact.execute()), ...(await prefix.execute())];
  // Only numbers the indexes find for the query too, so the page holds nothing the count leaves out.
  return rows.filter((row) => numberMatches(plan, row.number)).map((row) => row.id);
}

/** The page's contracts in rank order, each with its customer, status and where it matched. */
async function describeContracts(db: Db, plan: SearchPlan, ids: number[], today: string): Promise<ContractSearchHit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('contracts as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select([
      'k.id',
      'k.number',
      'k.title',
      'k.customer_id',
      'c.name as customer_name',
      'k.signed_on',
      'k.end_on',
      'k.notice_days',
      'k.terminated_on',
      'k.renewals',
      'k.auto_renew',
      'k.renewal_months',
    ])
    .where('k.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id): ContractSearchHit[] => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        kind: 'contract',
        id,
        number: row.number,
        title: row.title,
        customerId: row.customer_id,
        customerName: row.customer_name,
        status: statusOn(row, today),
        matchedIn: contractMatchedIn(plan, row),
      },
    ];
  });
}

type StatusColumns = {
  signed_on: string | null;
  end_on: string | null;
  notice_days: number;
  terminated_on: string | null;
  renewals: number;
  auto_renew: number;
  renewal_months: number | null;
};

/**
 * The status as the contract list would show it today. Search only reads: an auto-renewing
 * contract whose end passed and that the contracts area has not rolled forward yet is shown with
 * the renewals due (the area records them when it next answers for the contract).
 */
function statusOn(row: StatusColumns, today: string): ContractSearchHit['status'] {
  let endOn = row.end_on;
  let renewals = row.renewals;
  if (row.auto_renew && row.renewal_months !== null && endOn !== null && endOn < today && row.signed_on !== null && row.terminated_on === null) {
    const steps = renewalsDue(endOn, row.renewal_months, today);
    endOn = steps.at(-1)?.toEnd ?? endOn;
    renewals += steps.length;
  }
  return contractStatus({ signedOn: row.signed_on, endOn, noticeDays: row.notice_days, terminatedOn: row.terminated_on, renewals }, today);
}
