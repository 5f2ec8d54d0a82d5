// The one keyset paging helper: every order (ties, NULLs, descending, mixed directions) pages
// through exactly the rows a plain sort gives, and a cursor that is not this order's own is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysetPage, type SortColumn } from '../../electron/core/db/keyset.ts';
import { closeDatabase, kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openPlain } from '../../electron/core/db/sqlite/open.ts';
import { AppFailure } from '../../shared/errors.ts';

type Item = { id: number; a: string; b: number | null };
type TestDb = { items: Item };
type Column = 'id' | 'a' | 'b';

/** Few distinct values (many ties), a third of b NULL, ids not in the order of either. */
const ITEMS: Item[] = Array.from({ length: 47 }, (_, i) => {
  const id = ((i * 29) % 47) + 1;
  return { id, a: ['x', 'y', 'Z', 'x y'][i % 4]!, b: i % 3 === 0 ? null : (i * 7) % 5 };
});

/** What the order means, written out plainly: the reference every page is compared with. */
function sorted(order: readonly SortColumn<Column>[]): number[] {
  const compare = (x: Item, y: Item): number => {
    for (const key of order) {
      const [u, v] = [x[key.column], y[key.column]];
      if (u === v) continue;
      if (u === null || v === null) return (u === null) === (key.nulls === 'first') ? -1 : 1;
      const less = u < v ? -1 : 1;
      return key.direction === 'asc' ? less : -less;
    }
    return 0;
  };
  return [...ITEMS].sort(compare).map((item) => item.id);
}

const ORDERS: Record<string, SortColumn<Column>[]> = {
  'ties, ascending': [{ column: 'a', direction: 'asc' }, { column: 'id', direction: 'asc' }],
  'ties, descending': [{ column: 'a', direction: 'desc' }, { column: 'id', direction: 'desc' }],
  'mixed directions': [{ column: 'a', direction: 'asc' }, { column: 'id', direction: 'desc' }],
  'nulls first, ascending': [{ column: 'b', direction: 'asc', nulls: 'first' }, { column: 'id', direction: 'asc' }],
  'nulls last, ascending': [{ column: 'b', direction: 'asc', nulls: 'last' }, { column: 'id', direction: 'asc' }],
  'nulls first, descending': [{ column: 'b', direction: 'desc', nulls: 'first' }, { column: 'id', direction: 'desc' }],
  'nulls last, descending, three keys': [
    { column: 'b', direction: 'desc', nulls: 'last' },
    { column: 'a', direction: 'asc' },
    { column: 'id', direction: 'desc' },
  ],
  'the id alone': [{ column: 'id', direction: 'desc' }],
};

describe('keysetPage', () => {
  let dir: string;
  let db: Kysely<TestDb>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-keyset-'));
    const sqlite = openPlain(join(dir, 'test.db'));
    sqlite.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER) STRICT');
    db = kyselyOver(sqlite) as unknown as Kysely<TestDb>; // a test table of its own, not the app's schema
    await db.insertInto('items').values(ITEMS).execute();
  });

  afterAll(() => {
    closeDatabase(db as never); // the same instance kyselyOver made
    rmSync(dir, { recursive: true, force: true });
  });

  async function everyPage(order: readonly SortColumn<Column>[], limit: number): Promise<{ ids: number[]; pages: number }> {
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof keysetPage<TestDb, 'items', Item>>> = await keysetPage(db.selectFrom('items').selectAll(), order, cursor, limit);
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      for (const row of page.rows) expect(Object.keys(row).sort()).toEqual(['a', 'b', 'id']);
      ids.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 100);
    return { ids, pages };
  }

  for (const [name, order] of Object.entries(ORDERS)) {
    it(`pages through every row once, in order: ${name}`, async () => {
      for (const limit of [1, 4, 47, 100]) {
        const { ids, pages } = await everyPage(order, limit);
        expect(ids).toEqual(sorted(order));
        // A page that ends exactly at the last row says there is no next one.
        expect(pages).toBe(Math.max(1, Math.ceil(ITEMS.length / limit)));
      }
    });
  }

  it('keeps the query’s own conditions on every page', async () => {
    const order = ORDERS['nulls last, ascending']!;
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: { id: number }[]; nextCursor: string | null } = await keysetPage(db.selectFrom('items').select('id').where('a', '=', 'x'), order, cursor, 3);
      ids.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(ids).toEqual(sorted(order).filter((id) => ITEMS.find((item) => item.id === id)!.a === 'x'));
  });

  it('refuses a cursor that is not this order’s own with VALIDATION', async () => {
    const order = ORDERS['nulls first, ascending']!;
    const first = await keysetPage(db.selectFrom('items').selectAll(), order, null, 5);
    const good = first.nextCursor!;
    const decoded = JSON.parse(Buffer.from(good, 'base64url').toString('utf8')) as unknown[];
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const bad = {
      garbage: 'not a cursor',
      empty: '',
      'not an array': encode({ b: 1, id: 2 }),
      'one value short': encode(decoded.slice(0, -1)),
      'a value too many': encode([...decoded, 1]),
      'an object for a value': encode([decoded[0], { x: 1 }, 1]),
      'NULL for the id': encode([decoded[0], 1, null]),
      'not a finite number': Buffer.from(`[${JSON.stringify(decoded[0])}, 1, 1e999]`, 'utf8').toString('base64url'), // JSON.parse reads 1e999 as Infinity
      'another order': (await keysetPage(db.selectFrom('items').selectAll(), ORDERS['nulls last, ascending']!, null, 5)).nextCursor!,
    };
    for (const [what, cursor] of Object.entries(bad)) {
      const failure = await keysetPage(db.selectFrom('items').selectAll(), order, cursor, 5).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure, what).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).code, what).toBe('VALIDATION');
      expect((failure as AppFailure).details, what).toEqual([{ path: ['cursor'], message: 'cursor' }]);
    }
    // A value that is a number where the column holds text is still a value: it compares, it does not fail.
    const odd = await keysetPage(db.selectFrom('items').selectAll(), order, encode([decoded[0], 'text', 3]), 5);
    expect(odd.rows.length).toBeLessThanOrEqual(5);
  });

  it('wants the order to end with a column that is never NULL', async () => {
    await expect(keysetPage(db.selectFrom('items').selectAll(), [{ column: 'b', direction: 'asc', nulls: 'first' }], null, 5)).rejects.toThrow(/never NULL/);
    await expect(keysetPage(db.selectFrom('items').selectAll(), [], null, 5)).rejects.toThrow(/never NULL/);
  });
});
