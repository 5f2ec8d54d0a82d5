// shared/contract-status.ts's rules as SQL over the contracts table (aliased `k`) for a given today,
// so lists, counts and totals filter and group in the database. test/integration/contracts-status
// checks on a table of dates that each status here picks exactly the contracts contractStatus
// names, and that the CASE below names each as contractStatus does.
//
// The sort keys stand in for the dates where they help an index: end_key is end_on with no end as
// 9999-12-31, so `end_key < today` is "ended before today" and `end_key >= today` is "has not ended
// (or never ends)".
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ContractStatus } from '../../../../shared/contract-status.ts';
import { addDays } from '../../../../shared/contract-status.ts';

/** The longest notice period (shared/api/contracts.ts): an expiring contract ends within this many days. */
const MAX_NOTICE_DAYS = 365;

const k = (column: string) => sql.ref(`k.${column}`);

/**
 * How a condition reads the end date. 'key': end_key, for the list, whose end-date index walks the
 * end sort in order. 'columns': end_on and the other stored columns only, for counts and totals: a
 * virtual column anywhere in a query makes SQLite read each row to compute it, whereas stored
 * columns are read from an index that holds them all (migration 0008's contracts_notice and
 * contracts_totals), so a count reads no row. Both forms pick the same contracts (end_key is end_on
 * with no end date as 9999-12-31, after every day asked about).
 */
export type EndForm = 'key' | 'columns';

/** The end date is before `today` (never for a contract without one). */
function endedBefore(today: string, form: EndForm): RawBuilder<SqlBool> {
  return form === 'key' ? sql<SqlBool>`${k('end_key')} < ${today}` : sql<SqlBool>`${k('end_on')} < ${today}`;
}

/** Has not ended by `today`: ends today or later, or never. */
function notEnded(today: string, form: EndForm): RawBuilder<SqlBool> {
  return form === 'key' ? sql<SqlBool>`${k('end_key')} >= ${today}` : sql<SqlBool>`(${k('end_on')} IS NULL OR ${k('end_on')} >= ${today})`;
}

/** Not terminated as of today (a termination dated later has not taken effect yet). */
export function notTerminated(today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${k('terminated_on')} IS NULL OR ${k('terminated_on')} > ${today})`;
}

/** The contracts whose status on `today` is `status`. */
export function statusIs(status: ContractStatus, today: string, form: EndForm = 'key'): RawBuilder<SqlBool> {
  const live = notTerminated(today);
  const signed = sql<SqlBool>`${k('signed_on')} IS NOT NULL`;
  // Has not ended, and not in its notice period: active or renewed.
  const current = sql<SqlBool>`${notEnded(today, form)} AND (${k('notice_on')} IS NULL OR ${k('notice_on')} > ${today})`;
  switch (status) {
    case 'terminated':
      return sql<SqlBool>`(${k('terminated_on')} IS NOT NULL AND ${k('terminated_on')} <= ${today})`;
    case 'draft':
      return sql<SqlBool>`(${live} AND ${k('signed_on')} IS NULL)`;
    case 'expired':
      return sql<SqlBool>`(${live} AND ${signed} AND ${endedBefore(today, form)})`;
    case 'expiring':
      // notice_on <= today <= end_on. The notice day is then at most the longest notice period
      // before today, which bounds the range of the notice index walked; the index holds every
      // column asked about here, so the range is checked without reading rows. end_on, not end_key,
      // in either form: a notice day means an end date (both are equal then), and end_key would
      // make SQLite read every row in the range.
      return sql<SqlBool>`(${live} AND ${signed} AND ${k('notice_on')} >= ${addDays(today, -MAX_NOTICE_DAYS)} AND ${k('notice_on')} <= ${today} AND ${k('end_on')} >= ${today})`;
    case 'renewed':
      return sql<SqlBool>`(${live} AND ${signed} AND ${current} AND ${k('renewals')} > 0)`;
    case 'active':
      return sql<SqlBool>`(${live} AND ${signed} AND ${current} AND ${k('renewals')} = 0)`;
  }
}

/** Each contract's status on `today`, in the order contractStatus decides it. */
export function statusCase(today: string, form: EndForm = 'key'): RawBuilder<ContractStatus> {
  return sql<ContractStatus>`CASE
    WHEN ${k('terminated_on')} IS NOT NULL AND ${k('terminated_on')} <= ${today} THEN 'terminated'
    WHEN ${k('signed_on')} IS NULL THEN 'draft'
    WHEN ${endedBefore(today, form)} THEN 'expired'
    WHEN ${k('notice_on')} <= ${today} THEN 'expiring'
    WHEN ${k('renewals')} > 0 THEN 'renewed'
    ELSE 'active' END`;
}

/** End date from today through today + `days`, not terminated ("expiring within N days"). */
export function endsWithin(days: number, today: string, form: EndForm = 'key'): RawBuilder<SqlBool> {
  const end = k(form === 'key' ? 'end_key' : 'end_on');
  return sql<SqlBool>`(${notTerminated(today)} AND ${end} >= ${today} AND ${end} <= ${addDays(today, days)})`;
}
