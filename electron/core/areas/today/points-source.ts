// Today's loyalty row kind 'pointsExpiring' (areas/loyalty): the members whose points expire in the
// calendar month after the day shown — what is left of their lots expiring then — one item per
// member, most points first (the top TODAY_SECTION_LIMIT; total: all of them). "Mine" is the
// customers the caller is responsible for; the staff scope applies. Open leads to the customer;
// nothing to snooze or mark done (the points expire whatever Today says). The all-members daily
// pass runs first (its door: the first loyalty read of a local day), so lots already past their
// day are not listed as expiring.
import { sql, type SqlBool } from 'kysely';
import type { TodayItem, TodaySectionPage } from '../../../../shared/api/today.ts';
import type { Db } from '../../db/database.ts';
import { nextMonthOf } from '../loyalty/ledger.ts';
import { ensureDailyPass } from '../loyalty/service.ts';
import type { Access } from '../users/access.ts';

export async function pointsExpiringSection(db: Db, ask: { access: Access; now: number; day: string; mine: number | null; limit: number }, emptyDetails: TodayItem['details']): Promise<TodaySectionPage> {
  await ensureDailyPass(db, ask.now);
  const { from, to } = nextMonthOf(ask.day);
  const scope = ask.access.scopeOwnerId ?? ask.mine;
  const mine = ask.mine;
  const rows = await db
    .selectFrom('points_ledger as l')
    .innerJoin('customers as c', 'c.id', 'l.customer_id')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .select(['l.customer_id', 'c.name', 'c.code', 'c.grade', 'u.display_name as owner_name', sql<number>`sum(l.remaining)`.as('points')])
    .where('l.remaining', '>', 0)
    .where('l.expires_on', '>=', from)
    .where('l.expires_on', '<=', to)
    .where('c.deleted_at', 'is', null)
    .$if(scope !== null, (q) => q.where(sql<SqlBool>`+c.owner_id = ${scope}`))
    .$if(mine !== null && mine !== scope, (q) => q.where(sql<SqlBool>`+c.owner_id = ${mine}`))
    .groupBy('l.customer_id')
    .orderBy(sql`sum(l.remaining)`, 'desc')
    .orderBy('l.customer_id')
    .execute();
  const items = rows.slice(0, ask.limit).map(
    (row): TodayItem => ({
      kind: 'pointsExpiring',
      refId: row.customer_id,
      occurrence: from,
      title: row.name,
      subtitle: row.owner_name ?? '',
      customerId: row.customer_id,
      customerName: row.name,
      customerCode: row.code,
      dueOn: from,
      dueAt: null,
      overdue: false,
      overdueDays: 0,
      version: null,
      details: { ...emptyDetails, grade: row.grade, points: Number(row.points) },
      actions: { open: { kind: 'customer', id: row.customer_id }, snooze: false, done: false },
    }),
  );
  return { items, total: rows.length };
}
