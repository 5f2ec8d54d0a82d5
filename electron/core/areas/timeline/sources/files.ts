// Files (areas/attachments) of the customer and of its live contracts, when they were attached;
// files in a recycle bin are not shown. Staff: who attached it (attachments.created_by).
// A service record's files are on the record (its own entry), not repeated here.
//
// The customer's own: one seek over attachments_owner (owner_kind, owner_id, created_at; the row
// id follows). Its contracts' (a customer has a few contracts, each a few files): the same index
// once per contract found through contracts_customer, sorted together.
import { TIMELINE_TEXT_CHARS, type TimelineEntry } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { seekOneKind, type SourceInput, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput, owner: 'customer' | 'contract') {
  let q = db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.name', 'a.description', 'a.created_at', 'a.created_by', 'u.display_name'])
    .where('a.owner_kind', '=', owner)
    .where(seekOneKind('file', 'a.created_at', 'a.id', input.after))
    .where('a.deleted_at', 'is', null);
  q =
    owner === 'customer'
      ? q.where('a.owner_id', '=', input.customerId)
      : q.where('a.owner_id', 'in', (eb) => eb.selectFrom('contracts as k').select('k.id').where('k.customer_id', '=', input.customerId).where('k.deleted_at', 'is', null));
  if (input.staffId !== null) q = q.where('a.created_by', '=', input.staffId);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(input.take);
}

export const filesSource: TimelineSource = {
  name: 'files',
  kinds: ['file'],
  queries: (db, input) => [query(db, input, 'customer'), query(db, input, 'contract')],
  async read(db, input) {
    const rows = [...(await query(db, input, 'customer').execute()), ...(await query(db, input, 'contract').execute())];
    return rows.map(
      (row): TimelineEntry => ({
        kind: 'file',
        refId: row.id,
        at: row.created_at,
        title: row.name,
        text: row.description.slice(0, TIMELINE_TEXT_CHARS),
        status: null,
        staffId: row.created_by,
        staffName: row.display_name,
        deleted: false,
        source: 'app',
        customerId: input.customerId,
        open: { kind: 'attachment', id: row.id },
        actions: { restore: false },
      }),
    );
  },
};
