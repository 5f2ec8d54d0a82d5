// A contract's renewals and termination (contract_events), at the local midnight of the day each
// took effect (a renewal's first new day, the termination date; the moment it was recorded when a
// day is missing). Deleted contracts are not shown. Staff: who did it (contract_events.by_user;
// none for auto-renew). refId is the event; the entry opens the contract.
//
// The events hold no customer: the customer's contracts through contracts_customer (customer_id),
// each one's events through contract_events_contract (contract_id). A customer has a few
// contracts and each a few events: all of them are read, the service orders them.
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS, type TimelineKind } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { localMidnight, P, plainEntry, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

const KINDS = { renewed: 'contractRenewed', terminated: 'contractTerminated' } as const satisfies Record<string, TimelineKind>;
type EventKind = keyof typeof KINDS;

/** Every event of the asked kinds of the customer's live contracts (few): the service orders them. */
function query(db: Db, input: SourceInput): SourceQuery {
  const wanted = (Object.keys(KINDS) as EventKind[]).filter((kind) => input.kinds.has(KINDS[kind])); // the keys of KINDS
  let q = db
    .selectFrom('contracts as k')
    .innerJoin('contract_events as e', 'e.contract_id', 'k.id')
    .leftJoin('users as u', 'u.id', 'e.by_user')
    .select([
      sql<string>`CASE e.kind WHEN 'renewed' THEN 'contractRenewed' ELSE 'contractTerminated' END`.as('kind'),
      'e.id as ref_id',
      'e.at',
      'e.on_day as day',
      'k.number as title',
      sql<string>`substr(k.title, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'e.by_user as staff_id',
      'u.display_name as staff_name',
      sql<number | null>`NULL`.as('deleted_at'),
      sql<number | null>`NULL`.as('created_by'),
      sql<string>`'app'`.as('source'),
      'k.id as open_id',
    ])
    .where('k.customer_id', '=', P.customerId)
    .where('k.deleted_at', 'is', null)
    .where('e.kind', 'in', (wanted.length > 0 ? wanted : ['']).map((kind) => sql.lit(kind)));
  if (input.staffId !== null) q = q.where('e.by_user', '=', P.staffId);
  return q;
}

export const contractEventsSource: TimelineSource = {
  name: 'contractEvents',
  kinds: Object.values(KINDS),
  queries: (db, input) => [query(db, input)],
  // The day it took effect; the moment it was recorded when a day is missing.
  entry: (row, input) => plainEntry(row, input, row.day === null ? row.at! : localMidnight(row.day), 'contract'), // contract_events.at is NOT NULL
};
