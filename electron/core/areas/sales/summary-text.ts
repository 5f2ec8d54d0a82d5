// The short description of a sale the list, the timeline and the audit log show: its first lines'
// names joined by '、', at most SALE_SUMMARY_CHARS characters.
import { sql, type RawBuilder } from 'kysely';
import { SALE_SUMMARY_CHARS } from '../../../../shared/api/sales.ts';

/** How many lines' names the summary reads (more would not fit in its characters anyway). */
const SUMMARY_LINES = 8;

/**
 * SQL: the summary of the sale whose id is `saleId`: one range seek of sale_lines_by_sale
 * (sale_id, position). Every writer numbers a sale's lines 0, 1, 2… so `position < 8` is its first
 * 8 lines; a LIMIT would need an inner SELECT, which SQLite runs as a co-routine it then scans (the
 * timeline's plan test allows no scan). The numbers go in behind a unary plus, as everywhere in the
 * timeline's statement, so that SQLite does not plan for the bound value and prepare again.
 */
export function lineSummary(saleId: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`coalesce((SELECT substr(group_concat(l.name, '、' ORDER BY l.position), 1, +${SALE_SUMMARY_CHARS}) FROM sale_lines l WHERE l.sale_id = ${saleId} AND l.position < +${SUMMARY_LINES}), '')`;
}

/** The same in TypeScript, for a sale in hand. */
export function summaryOf(names: readonly string[]): string {
  return [...names.slice(0, SUMMARY_LINES).join('、')].slice(0, SALE_SUMMARY_CHARS).join('');
}
