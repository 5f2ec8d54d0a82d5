// A contract's renewals and termination (contract_events), at the local midnight of the day each
// took effect (a renewal's first new day, the termination date; the moment it was recorded when a
// day is missing). Deleted contracts are not shown. Staff: who did it (contract_events.by_user;
// none for auto-renew). refId is the event; the entry opens the contract.
//
// The events hold no customer: the customer's contracts through contracts_customer (customer_id),
// each one's events through contract_events_contract (contract_id). A customer has a few
// contracts and each a few events, so they are ordered here after the seeks.
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS, type TimelineEntry, type TimelineKind } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { compareEntries, isAfter, localMidnight, type SourceInput, type TimelineSource } from './source.ts';

const KINDS = { renewed: 'contractRenewed', terminated: 'contractTerminated' } as const satisfies Record<string, TimelineKind>;
type EventKind = keyof typeof KINDS;

function query(db: Db, input: SourceInput) {
  const wanted = (Object.keys(KINDS) as EventKind[]).filter((kind) => input.kinds.has(KINDS[kind])); // the keys of KINDS
  let q = db
    .selectFrom('contracts as k')
    .innerJoin('contract_events as e', 'e.contract_id', 'k.id')
    .leftJoin('users as u', 'u.id', 'e.by_user')
    .select(['e.id', 'e.kind', 'e.at', 'e.on_day', 'e.by_user', 'u.display_name', 'k.id as contract_id', 'k.number', sql<string>`substr(k.title, 1, ${TIMELINE_TEXT_CHARS})`.as('title')])
    .where('k.customer_id', '=', input.customerId)
    .where('k.deleted_at', 'is', null)
    .where('e.kind', 'in', wanted.length > 0 ? wanted : ['']);
  if (input.staffId !== null) q = q.where('e.by_user', '=', input.staffId);
  return q;
}

export const contractEventsSource: TimelineSource = {
  name: 'contractEvents',
  kinds: Object.values(KINDS),
  queries: (db, input) => [query(db, input)],
  async read(db, input) {
    const rows = await query(db, input).execute();
    return rows
      .map(
        (row): TimelineEntry => ({
          kind: KINDS[row.kind as EventKind], // only these kinds were selected
          refId: row.id,
          at: row.on_day === null ? row.at : localMidnight(row.on_day),
          title: row.number,
          text: row.title,
          status: null,
          staffId: row.by_user,
          staffName: row.display_name,
          deleted: false,
          source: 'app',
          customerId: input.customerId,
          open: { kind: 'contract', id: row.contract_id },
          actions: { restore: false },
        }),
      )
      .filter((entry) => isAfter(entry, input.after))
      .sort(compareEntries)
      .slice(0, input.take);
  },
};
