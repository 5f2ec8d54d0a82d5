// Keyset paging for every list: a page is the rows strictly after the previous page's last row in
// the sort order, found through an index, never by OFFSET (which reads and drops every row before
// the page). The cursor is the sort key of that last row, opaque to the client.
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, type StringReference } from 'kysely';
import { AppFailure } from '../../../shared/errors.ts';

/** One column of a sort order. The last column of every order must be unique and never NULL (the id). */
export type SortColumn<C extends string = string> = {
  /** As the query names it: `'c.name_sort'`. */
  column: C;
  direction: 'asc' | 'desc';
  /** Only for a column that may hold NULL: where its NULLs go (said explicitly: SQLite and PostgreSQL disagree). */
  nulls?: 'first' | 'last';
};

export type KeysetPage<O> = { rows: O[]; nextCursor: string | null };

type KeyValue = string | number | null;

const KEY_PREFIX = '_keyset';

/**
 * One page of `query` in the order `sort`: the WHERE that starts after `cursor`, the ORDER BY and
 * the LIMIT are added here, and the sort key of the page's last row becomes the next cursor
 * (null on the last page). `query` selects the row's own columns; the sort columns need not be
 * among them. A cursor that was not made by this sort order is refused with VALIDATION.
 */
export async function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  sort: readonly SortColumn<StringReference<DB, TB>>[],
  cursor: string | null,
  limit: number,
): Promise<KeysetPage<O>> {
  const order = sort as readonly SortColumn[]; // the columns were checked against the query by the parameter type
  const last = order.at(-1);
  if (!last || last.nulls) throw new Error('keyset: a sort order ends with a unique column that is never NULL');
  let q = query as unknown as SelectQueryBuilder<DB, TB, Record<string, unknown>>; // the key columns are added to the selection below
  if (cursor !== null) q = q.where(after(order, decodeCursor(cursor, order)));
  for (const [i, key] of order.entries()) {
    q = q.select(sql.ref(key.column).as(`${KEY_PREFIX}${i}`)).orderBy(sql.ref(key.column), (ob) => {
      const directed = key.direction === 'asc' ? ob.asc() : ob.desc();
      return key.nulls === 'first' ? directed.nullsFirst() : key.nulls === 'last' ? directed.nullsLast() : directed;
    });
  }
  const rows = await q.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const lastRow = page.at(-1);
  const nextCursor = rows.length > limit && lastRow ? encodeCursor(order, order.map((_, i) => lastRow[`${KEY_PREFIX}${i}`] as KeyValue)) : null;
  for (const row of page) for (let i = 0; i < order.length; i++) delete row[`${KEY_PREFIX}${i}`];
  return { rows: page as O[], nextCursor }; // the key columns are gone again: each row is as `query` selected it
}

/** Rows strictly after `values` in the order `sort`. */
function after(sort: readonly SortColumn[], values: readonly KeyValue[]): Expression<SqlBool> {
  const direction = sort[0]!.direction; // sort is never empty (checked by the caller)
  if (sort.every((key) => key.direction === direction && !key.nulls)) {
    // One row-value comparison: SQLite (and PostgreSQL) walk the index from the cursor on.
    const columns = sql.join(sort.map((key) => sql.ref(key.column)));
    return sql<SqlBool>`(${columns}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${sql.join(values)})`;
  }
  // Mixed directions or NULLs: after on the first column, or tied on it and after on the rest.
  const branches = sort.map((key, i) => {
    const ties = sort.slice(0, i).map((tied, j) => equal(tied, values[j]!));
    return sql.join([...ties, strictlyAfter(key, values[i]!)], sql` AND `);
  });
  return sql<SqlBool>`((${sql.join(branches, sql`) OR (`)}))`;
}

function equal(key: SortColumn, value: KeyValue): RawBuilder<SqlBool> {
  return value === null ? sql<SqlBool>`${sql.ref(key.column)} IS NULL` : sql<SqlBool>`${sql.ref(key.column)} = ${value}`;
}

function strictlyAfter(key: SortColumn, value: KeyValue): RawBuilder<SqlBool> {
  const column = sql.ref(key.column);
  if (value === null) return key.nulls === 'first' ? sql<SqlBool>`${column} IS NOT NULL` : sql<SqlBool>`FALSE`;
  const beyond = key.direction === 'asc' ? sql<SqlBool>`${column} > ${value}` : sql<SqlBool>`${column} < ${value}`;
  return key.nulls === 'last' ? sql<SqlBool>`(${beyond} OR ${column} IS NULL)` : beyond;
}

/** A short tag of the sort order, so a cursor of one order is not taken for another's. */
function orderTag(sort: readonly SortColumn[]): string {
  const text = sort.map((key) => `${key.column} ${key.direction} ${key.nulls ?? ''}`).join(',');
  let hash = 0x811c9dc5; // FNV-1a, 32 bits: a tag against mix-ups, not a signature
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

function encodeCursor(sort: readonly SortColumn[], values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([orderTag(sort), ...values]), 'utf8').toString('base64url');
}

function parsed(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function decodeCursor(cursor: string, sort: readonly SortColumn[]): KeyValue[] {
  const decoded = parsed(cursor);
  const valid =
    Array.isArray(decoded) &&
    decoded.length === sort.length + 1 &&
    decoded[0] === orderTag(sort) &&
    sort.every((key, i) => {
      const value: unknown = decoded[i + 1];
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || (value === null && key.nulls !== undefined);
    });
  if (!valid) throw new AppFailure('VALIDATION', 'the page cursor is malformed; start again from the first page', [{ path: ['cursor'], message: 'cursor' }]);
  return decoded.slice(1) as KeyValue[]; // each value checked above
}
