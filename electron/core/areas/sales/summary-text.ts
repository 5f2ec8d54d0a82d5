// The short description of a sale the list, the timeline and the audit log show: its first lines'
// names joined by '、', at most SALE_SUMMARY_CHARS characters.
import { sql, type RawBuilder } from 'kysely';
import { SALE_SUMMARY_CHARS } from '../../../../shared/api/sales.ts';

/** How many lines' names the summary reads (more would not fit in its characters anyway). */
const SUMMARY_LINES = 8;

/** SQL: the summary of the sale whose id is `saleId` (one seek of sale_lines_by_sale). */
export function lineSummary(saleId: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`coalesce((SELECT substr(group_concat(name, '、'), 1, ${SALE_SUMMARY_CHARS}) FROM (SELECT l.name FROM sale_lines l WHERE l.sale_id = ${saleId} ORDER BY l.position LIMIT ${SUMMARY_LINES})), '')`;
}

/** The same in TypeScript, for a sale in hand. */
export function summaryOf(names: readonly string[]): string {
  return [...names.slice(0, SUMMARY_LINES).join('、')].slice(0, SALE_SUMMARY_CHARS).join('');
}
