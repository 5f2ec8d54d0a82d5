// Grade changes (grade_history): the grade set when the customer was created, and each change.
// Staff: who set it (grade_history.changed_by). Opens the customer.
//
// One seek over grade_history_by_customer (customer_id, changed_at; the row id follows in the index).
import type { TimelineEntry } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { seekOneKind, type SourceInput, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput) {
  let q = db
    .selectFrom('grade_history as g')
    .leftJoin('users as u', 'u.id', 'g.changed_by')
    .select(['g.id', 'g.grade', 'g.changed_at', 'g.changed_by', 'u.display_name'])
    .where('g.customer_id', '=', input.customerId)
    .where(seekOneKind('grade', 'g.changed_at', 'g.id', input.after));
  if (input.staffId !== null) q = q.where('g.changed_by', '=', input.staffId);
  return q.orderBy('g.changed_at', 'desc').orderBy('g.id', 'desc').limit(input.take);
}

export const gradeSource: TimelineSource = {
  name: 'grade',
  kinds: ['grade'],
  queries: (db, input) => [query(db, input)],
  async read(db, input) {
    const rows = await query(db, input).execute();
    return rows.map(
      (row): TimelineEntry => ({
        kind: 'grade',
        refId: row.id,
        at: row.changed_at,
        title: row.grade,
        text: '',
        status: null,
        staffId: row.changed_by,
        staffName: row.display_name,
        deleted: false,
        source: 'app',
        customerId: input.customerId,
        open: { kind: 'customer', id: input.customerId },
        actions: { restore: false },
      }),
    );
  },
};
