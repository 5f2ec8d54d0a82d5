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

/** Not terminated as of today (a termination dated later has not taken effect yet). */
export function notTerminated(today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${k('terminated_on')} IS NULL OR ${k('terminated_on')} > ${today})`;
}

/** The contracts whose status on `today` is `status`. */
export function statusIs(status: ContractStatus, today: string): RawBuilder<SqlBool> {
  const live = notTerminated(today);
  const signed = sql<SqlBool>`${k('signed_on')} IS NOT NULL`;
  // Has not ended, and not in its notice period: active or renewed.
  const current = sql<SqlBool>`${k('end_key')} >= ${today} AND (${k('notice_on')} IS NULL OR ${k('notice_on')} > ${today})`;
  switch (status) {
    case 'terminated':
      return sql<SqlBool>`(${k('terminated_on')} IS NOT NULL AND ${k('terminated_on')} <= ${today})`;
    case 'draft':
      return sql<SqlBool>`(${live} AND ${k('signed_on')} IS NULL)`;
    case 'expired':
      return sql<SqlBool>`(${live} AND ${signed} AND ${k('end_key')} < ${today})`;
    case 'expiring':
      // notice_on <= today <= end_on. The notice day is then at most the longest notice period
      // before today, which bounds the range of the notice index (notice_on, end_key) walked; the
      // end date is checked in that index, so most of the range is passed over without reading rows.
      return sql<SqlBool>`(${live} AND ${signed} AND ${k('notice_on')} >= ${addDays(today, -MAX_NOTICE_DAYS)} AND ${k('notice_on')} <= ${today} AND ${k('end_key')} >= ${today})`;
    case 'renewed':
      return sql<SqlBool>`(${live} AND ${signed} AND ${current} AND ${k('renewals')} > 0)`;
    case 'active':
      return sql<SqlBool>`(${live} AND ${signed} AND ${current} AND ${k('renewals')} = 0)`;
  }
}

/** Each contract's status on `today`, in the order contractStatus decides it. */
export function statusCase(today: string): RawBuilder<ContractStatus> {
  return sql<ContractStatus>`CASE
    WHEN ${k('terminated_on')} IS NOT NULL AND ${k('terminated_on')} <= ${today} THEN 'terminated'
    WHEN ${k('signed_on')} IS NULL THEN 'draft'
    WHEN ${k('end_key')} < ${today} THEN 'expired'
    WHEN ${k('notice_on')} <= ${today} THEN 'expiring'
    WHEN ${k('renewals')} > 0 THEN 'renewed'
    ELSE 'active' END`;
}

/** End date from today through today + `days`, not terminated ("expiring within N days"). */
export function endsWithin(days: number, today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${notTerminated(today)} AND ${k('end_key')} >= ${today} AND ${k('end_key')} <= ${addDays(today, days)})`;
}
