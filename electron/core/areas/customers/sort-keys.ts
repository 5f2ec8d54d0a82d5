// Sort keys stored beside the text they order, so keyset paging can walk an index in the order a
// Chinese user expects (pinyin) rather than in code-point order.
import { nameSortKey } from '../search/search-text.ts';

/**
 * Customers without a region sort after every region (U+10FFFF is the greatest code point, so
 * this key is greater than any pinyin or other text key in SQLite's binary order).
 */
export const BLANK_LAST = '\u{10FFFF}';

export function regionSortKey(region: string): string {
  const trimmed = region.trim();
  return trimmed === '' ? BLANK_LAST : nameSortKey(trimmed);
}

/** Pinyin order for the short lists people pick from (industries, regions, tags). */
export function inPinyinOrder(values: readonly string[]): string[] {
  const keyed = values.map((value) => [nameSortKey(value), value] as const);
  keyed.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return keyed.map(([, value]) => value);
}
