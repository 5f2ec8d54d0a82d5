// Sales (areas/sales), at the local midnight of the day sold, deleted ones too (marked,
// restorable). Title: the lines' names (as the sales list's summary); text: the total as
// '1234.50 CNY', then the notes; staff: who sold (sales.staff_id).
//
// One seek over sales_by_customer (customer_id, sold_on, id). One staff member's sales are
// filtered as the walk meets them (a customer has tens of sales, not millions).
import { sql } from 'kysely';
import { formatAmount } from '../../../../../shared/api/contracts.ts';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { lineSummary } from '../../sales/summary-text.ts';
import { localMidnight, P, plainEntry, restorable, seekByDay, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('sales as s')
    .leftJoin('users as u', 'u.id', 's.staff_id')
    .select([
      sql<string>`'sale'`.as('kind'),
      's.id as ref_id',
      sql<number | null>`NULL`.as('at'),
      's.sold_on as day',
      lineSummary(sql.ref('s.id')).as('title'),
      // The total and currency lead the text; entry() formats them (minor units → '1234.50').
      sql<string>`s.total_minor || ' ' || s.currency || ' ' || substr(s.notes, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      's.staff_id',
      'u.display_name as staff_name',
      's.deleted_at',
      's.created_by',
      sql<string>`'app'`.as('source'),
      's.id as open_id',
    ])
    .where('s.customer_id', '=', P.customerId)
    .where(seekByDay('sale', 's.sold_on', 's.id', input.after));
  if (input.staffId !== null) q = q.where(sql<number | null>`+s.staff_id`, '=', P.staffId);
  return q.orderBy('s.sold_on', 'desc').orderBy('s.id', 'desc').limit(P.take);
}

/** '123450 CNY notes' → '1234.50 CNY notes' (cut to TIMELINE_TEXT_CHARS). */
function saleText(text: string): string {
  const [minor = '0', currency = 'CNY', ...notes] = text.split(' ');
  const note = notes.join(' ').trim();
  const amount = `${formatAmount(Number(minor), currency)} ${currency}`;
  return [...(note ? `${amount} ${note}` : amount)].slice(0, TIMELINE_TEXT_CHARS).join('');
}

export const salesSource: TimelineSource = {
  name: 'sales',
  kinds: ['sale'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    ...plainEntry(row, input, localMidnight(row.day!), 'sale'), // sold_on is NOT NULL
    text: saleText(row.text),
    deleted: row.deleted_at !== null,
    actions: { restore: restorable(input.access, row) },
  }),
};
