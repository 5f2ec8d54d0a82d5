// Today's churn section, read from areas/churn: the top warnings by value at risk, as judged now
// (the list's own order and total). "Mine" is the customers the caller is responsible for. A
// warning is dismissed where it lives (churn.dismiss, with a reason), so it has no snooze or done
// here; open leads to the customer. The warnings are the churn area's kept ones (areas/churn/
// kept.ts: computed once while nothing is written, shared with churn.list and the dashboard), so
// Today stays a read of indexes on every load but the first after a write.
import { CHURN_TODAY_LIMIT } from '../../../../shared/api/churn.ts';
import type { TodayItem, TodaySectionPage } from '../../../../shared/api/today.ts';
import type { Db } from '../../db/database.ts';
import { listChurn } from '../churn/service.ts';
import type { Access } from '../users/access.ts';

export async function churnSection(db: Db, ask: { access: Access; now: number; mine: number | null; limit: number }, emptyDetails: TodayItem['details']): Promise<TodaySectionPage> {
  const page = await listChurn(db, { ...ask.access, now: ask.now }, { cursor: null, limit: Math.max(1, Math.min(ask.limit, CHURN_TODAY_LIMIT)), ownerId: ask.mine ?? undefined });
  const items = (ask.limit === 0 ? [] : page.rows).map(
    (row): TodayItem => ({
      kind: 'churn',
      refId: row.customerId,
      occurrence: page.day,
      title: row.customerName,
      subtitle: row.ownerName ?? '',
      customerId: row.customerId,
      customerName: row.customerName,
      customerCode: row.customerCode,
      dueOn: null,
      dueAt: null,
      overdue: false,
      overdueDays: 0,
      version: null,
      details: { ...emptyDetails, grade: row.grade, churn: { valueMinor: row.valueMinor, currency: row.currency, reasons: row.reasons } },
      actions: { open: { kind: 'customer', id: row.customerId }, snooze: false, done: false },
    }),
  );
  return { items, total: page.total };
}
