// The timeline reads only what a page needs: every source's query (each kind, with and without a
// staff member, from the first page and after cursors of every kind) seeks an index that starts
// with the customer, never scans records or visits, and only the records source sorts (the few
// records sharing one instant, not the customer's history); a customer with 2,000 records pages
// through them all, each page reading about a page of rows, and in the order a plain query gives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINE_KINDS, type TimelineKind } from '../../shared/api/timeline.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import { closeDatabase, kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { buildTimelineStatement, listTimeline, sourceInput, timelineStatement, TIMELINE_SOURCES } from '../../electron/core/areas/timeline/service.ts';
import { bindSlots, slotValues, type SourceInput } from '../../electron/core/areas/timeline/sources/source.ts';
import { encodeTimelineCursor } from '../../electron/core/areas/timeline/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const NOW = new Date(2026, 10, 22, 12, 0, 0).getTime();
const BASE = new Date(2026, 0, 1, 8, 0, 0).getTime();
const RECORDS = 2_000;
const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
/**
 * The most reads of a record's kind one page of 50 may take: its 51 rows, each kind read for the
 * sort and again for the answer, and the rest of the last instant's four. Reading the customer's
 * history would be 2,000 and more.
 */
const PAGE_READS = 3 * 51;

const dir = mkdtempSync(join(tmpdir(), 'clientele-timeline-plans-'));
let sqlite: SqliteDatabase;
let db: Db;
/** How many times a records row's kind was read since the last reset (the temp view below counts). */
let kindReads = 0;

beforeAll(() => {
  sqlite = openEncrypted(join(dir, 'clientele.db'), 'ab'.repeat(32), { create: true });
  migrate(sqlite);
  sqlite.transaction(() => {
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES (1, 'boss', 'boss', 'owner', 1, 1), (7, 'staff', 'staff', 'staff', 1, 1)").run();
    const customer = sqlite.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, created_at, updated_at, owner_id) VALUES (?, 'company', ?, '', '', 'lead', 'normal', 1, 1, ?)");
    for (let i = 1; i <= 200; i++) customer.run(`C${String(i).padStart(6, '0')}`, `客户${i}`, i % 2 ? 7 : null);
    const record = sqlite.prepare(
      `INSERT INTO records (customer_id, kind, at, staff_id, content, phase, service_kind, status, channel, created_by, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?)`,
    );
    // Customer 1: 2,000 records, four at each instant (both kinds), some deleted; the others a few each.
    for (let i = 0; i < RECORDS; i++) {
      const service = i % 2 === 0;
      record.run(1, service ? 'service' : 'communication', BASE + Math.floor(i / 4) * 3_600_000, i % 3 ? 7 : 1, `第${i}次服务`, service ? 'aftersale' : null, service ? 'repair' : null, service ? 'done' : null, service ? null : 'phone', i % 50 === 0 ? NOW : null);
    }
    for (let c = 2; c <= 200; c++) for (let i = 0; i < 5; i++) record.run(c, 'communication', BASE + i * 86_400_000, 7, 'x', null, null, null, 'wechat', null);
    const visit = sqlite.prepare("INSERT INTO visits (customer_id, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, created_at, updated_at) VALUES (?, ?, '2026-03-01', 600, 60, ?, '回访', 1, 1)");
    for (let c = 1; c <= 200; c++) for (let i = 0; i < 20; i++) visit.run(c, i % 2 ? 7 : 1, BASE + i * 86_400_000);
    const grade = sqlite.prepare("INSERT INTO grade_history (customer_id, grade, changed_at, changed_by) VALUES (?, 'vip', ?, 1)");
    for (let c = 1; c <= 200; c++) for (let i = 0; i < 3; i++) grade.run(c, BASE + i * 86_400_000);
    const contract = sqlite.prepare("INSERT INTO contracts (number, title, customer_id, type, signed_on, end_on, owner_id, created_at, updated_at) VALUES (?, '合同', ?, 'sales', '2025-01-01', '2025-12-31', 7, 1, 1)");
    for (let c = 1; c <= 200; c++) for (let i = 0; i < 3; i++) contract.run(`HT-${c}-${i}`, c);
    sqlite.prepare("INSERT INTO contract_events (contract_id, kind, at, on_day, note, by_user) SELECT id, 'terminated', 1, '2025-06-01', '', 1 FROM contracts WHERE id % 3 = 0").run();
    sqlite.prepare("INSERT INTO blobs (id, sha256, size, type, created_at) VALUES (1, ?, 1, 'text/plain', 1)").run('0'.repeat(64));
    const file = sqlite.prepare("INSERT INTO attachments (owner_kind, owner_id, blob_id, name, size, type, created_by, created_at, updated_at) VALUES (?, ?, 1, 'a.txt', 1, 'text/plain', 1, ?, 1)");
    for (let c = 1; c <= 200; c++) for (let i = 0; i < 4; i++) file.run(i % 2 ? 'customer' : 'contract', i % 2 ? c : 3 * c, BASE + i * 1000);
  })();
  // The records the timeline reads go through a view of the same name (temp objects come first):
  // SQLite flattens it into the query (the plans below still name the table's indexes), and every
  // read of a row's kind (the sort key between at and id) is counted.
  sqlite.function('counted', { deterministic: false }, (kind: unknown) => {
    kindReads++;
    return kind;
  });
  const columns = (sqlite.prepare("SELECT name FROM pragma_table_info('records')").all() as { name: string }[]).map(({ name }) => (name === 'kind' ? 'counted(kind) AS kind' : name));
  sqlite.exec(`CREATE TEMP VIEW records AS SELECT ${columns.join(', ')} FROM main.records`);
  db = kyselyOver(sqlite);
}, 120_000);

afterAll(() => {
  if (db) closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** The plan of a statement (a source's, with the input's values bound in place of its placeholders, or a whole bound one). */
function planOf(statement: { compile(): { sql: string; parameters: readonly unknown[] } } | { sql: string; parameters: readonly unknown[] }, input?: SourceInput): string[] {
  const { sql, parameters } = 'compile' in statement ? statement.compile() : statement;
  const values = input ? bindSlots(parameters, slotValues(input)) : parameters;
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((row) => row.detail);
}

/** Which index each source's (first) table is read through. */
const INDEXES: Record<string, RegExp[]> = {
  records: [/USING INDEX records_timeline(_staff)? \(customer_id=\?/],
  visits: [/USING INDEX visits_timeline \(customer_id=\?/],
  surveys: [/USING INDEX surveys_timeline \(customer_id=\?/],
  complaints: [/USING INDEX complaints_timeline \(customer_id=\?/],
  care: [/USING INDEX care_notes_timeline \(customer_id=\?/],
  merges: [/USING INDEX customer_merges_kept \(kept_id=\?/],
  grade: [/USING INDEX grade_history_by_customer \(customer_id=\?/],
  files: [/USING INDEX attachments_owner \(owner_kind=\? AND owner_id=\?/, /USING INDEX attachments_owner \(owner_kind=\? AND owner_id=\?/],
  contractSigned: [/USING INDEX contracts_customer \(customer_id=\?\)/],
  contractExpired: [/USING INDEX contracts_customer \(customer_id=\?\)/],
  contractEvents: [/USING INDEX contracts_customer \(customer_id=\?\)/],
  sales: [/USING INDEX sales_by_customer \(customer_id=\?/],
  needs: [/USING INDEX needs_by_customer \(customer_id=\?/],
  events: [/USING INDEX event_invitations_by_customer \(customer_id=\?/],
};

describe('timeline plans', () => {
  it('every source seeks an index starting with the customer; none scans; only records sort, and only ties', () => {
    const cursorKinds: (TimelineKind | null)[] = [null, ...TIMELINE_KINDS];
    let checked = 0;
    for (const source of TIMELINE_SOURCES) {
      for (const staffId of [null, 7]) {
        for (const kind of cursorKinds) {
          for (const kinds of [[...TIMELINE_KINDS], [...source.kinds.slice(0, 1)]]) {
            const after = kind === null ? null : encodeTimelineCursor({ at: BASE + 86_400_000, kind, refId: 500 });
            const input = sourceInput({ customerId: 1, staffId, after, limit: 50, kinds }, owner, NOW);
            const queries = source.queries(db, input);
            expect(queries.length).toBe(INDEXES[source.name]!.length);
            for (const [i, query] of queries.entries()) {
              const plan = planOf(query, input);
              const where = `${source.name} staff=${staffId} after=${kind} kinds=${kinds.join()}: ${plan.join(' / ')}`;
              expect(plan.some((step) => /^SCAN /.test(step)), where).toBe(false);
              expect(plan[0], where).toMatch(/^SEARCH /);
              expect(plan[0], where).toMatch(INDEXES[source.name]![i]!);
              if (source.name === 'records') {
                // The walk is in order of at; only the kind and id of records at one instant are sorted.
                expect(plan.filter((step) => /TEMP B-TREE/.test(step)), where).toEqual(['USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY']);
                if (staffId !== null) expect(plan[0], where).toMatch(/records_timeline_staff \(customer_id=\? AND staff_id=\?/);
              }
              if (source.name === 'sales') {
                // A sale's title (its first lines' names) is one range seek of its lines, not a scan of
                // an inner SELECT; the walk is in order of the day; only those few names are sorted.
                expect(plan, where).toContain('SEARCH l USING INDEX sale_lines_by_sale (sale_id=? AND position<?)');
                expect(plan.filter((step) => /TEMP B-TREE/.test(step)), where).toEqual(['USE TEMP B-TREE FOR group_concat(ORDER BY)']);
              }
              if (['visits', 'grade', 'surveys', 'complaints'].includes(source.name) || (source.name === 'files' && i === 0)) expect(plan.some((step) => /TEMP B-TREE/.test(step)), where).toBe(false);
              if (source.name === 'contractEvents') expect(plan[1], where).toMatch(/USING INDEX contract_events_contract \(contract_id=\?\)/);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('runs every source in one statement, each part on its own index', () => {
    for (const staffId of [null, 7]) {
      const input = sourceInput({ customerId: 1, staffId, after: encodeTimelineCursor({ at: BASE + 86_400_000, kind: 'grade', refId: 500 }), limit: 50 }, owner, NOW);
      const plan = planOf(timelineStatement(db, input));
      // Each part is read as a co-routine (SCAN s0 ...: its own rows, never a table).
      expect(plan.filter((step) => /^SCAN /.test(step)).every((step) => /^SCAN s\d+$/.test(step)), plan.join(' / ')).toBe(true);
      const tables = plan.filter((step) => /^SEARCH /.test(step)).map((step) => step.split(' ')[1]);
      // records through the counting view; c: the customer check; k: the contracts (and the renewal check)
      // m, d: the merges and the merged customers they name; s, l: the surveys, the sales and the sales' lines
      expect(new Set(tables)).toEqual(new Set(['main.records', 'u', 'v', 'k', 'e', 'g', 'a', 'c', 's', 'n', 'm', 'd', 'l', 'ei', 'ev']));
      expect(plan.filter((step) => step === 'USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY').length).toBe(1);
    }
  });

  it('a statement built for one input of a shape answers every other input of that shape as one built for it', () => {
    const cursors = [null, ...TIMELINE_KINDS.flatMap((kind) => [{ at: BASE + 86_400_000, kind, refId: 500 }, { at: new Date(2026, 0, 3).getTime(), kind, refId: 7 }])];
    let compared = 0;
    for (const staffId of [null, 7, 1]) {
      for (const kinds of [[...TIMELINE_KINDS], ['service'], ['communication'], ['contractSigned', 'contractExpired', 'file'], ['contractRenewed', 'grade', 'visit']] as TimelineKind[][]) {
        for (const cursor of cursors) {
          for (const customerId of [1, 2, 3]) {
            // The first of these inputs builds its shape's statement; the others take it from the cache.
            const input = sourceInput({ customerId, staffId, kinds, after: cursor && encodeTimelineCursor(cursor), limit: 20 }, owner, NOW);
            const cached = timelineStatement(db, input);
            const fresh = buildTimelineStatement(db, input);
            const rows = (statement: { sql: string; parameters: readonly unknown[] }, parameters: readonly unknown[]) => sqlite.prepare(statement.sql).all(...parameters);
            expect(cached.sql).toBe(fresh.sql);
            expect(rows(cached, cached.parameters)).toEqual(rows(fresh, bindSlots(fresh.parameters, slotValues(input))));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(3 * 5 * cursors.length * 3);
  });

  it('every value the planner could look at is bound behind a unary plus, so SQLite does not prepare the statement again at each call', () => {
    // With STAT4 SQLite looks at a bare bound value in WHERE or LIMIT to plan, and then prepares
    // the statement again whenever that value is bound again: at every call.
    for (const staffId of [null, 7]) {
      for (const kind of [null, ...TIMELINE_KINDS]) {
        const after = kind === null ? null : encodeTimelineCursor({ at: BASE + 86_400_000, kind, refId: 500 });
        const { sql } = timelineStatement(db, sourceInput({ customerId: 1, staffId, after, limit: 50 }, owner, NOW));
        const bare = sql.replace(/substr\((.*?), 1, \?\)/g, 'substr($1, 1, 200)').match(/[^+]\?/g) ?? []; // the text lengths are in the select list only
        expect(bare, sql).toEqual([]);
      }
    }
  });

  it('pages through 2,000 records of one customer, each page reading about a page of them, in the order of a plain query', async () => {
    const reference = (sqlite.prepare('SELECT id, kind, at FROM main.records WHERE customer_id = 1').all() as { id: number; kind: string; at: number }[])
      .sort((a, b) => b.at - a.at || (a.kind === b.kind ? b.id - a.id : a.kind < b.kind ? 1 : -1))
      .map((r) => `${r.kind}/${r.id}`);
    expect(reference.length).toBe(RECORDS);
    for (const staffId of [null, 7]) {
      const want = staffId === null ? reference : reference.filter((key) => (sqlite.prepare('SELECT staff_id FROM main.records WHERE id = ?').get(Number(key.split('/')[1])) as { staff_id: number }).staff_id === 7);
      const seen: string[] = [];
      const readsPerPage: number[] = [];
      let after: string | null = null;
      do {
        kindReads = 0;
        const page = await listTimeline(db, { customerId: 1, staffId, kinds: ['service', 'communication'], after, limit: 50 }, owner, NOW);
        readsPerPage.push(kindReads);
        seen.push(...page.entries.map((e) => `${e.kind}/${e.refId}`));
        expect(page.entries.filter((e) => e.deleted).every((e) => e.refId % 50 === 1)).toBe(true);
        after = page.next;
      } while (after !== null);
      expect(seen).toEqual(want);
      expect(readsPerPage[0], 'the view counts the reads').toBeGreaterThan(50);
      expect(Math.max(...readsPerPage), `staff ${staffId}: ${readsPerPage.join(' ')}`).toBeLessThan(PAGE_READS);
      expect(readsPerPage.at(-2)!, 'a deep page costs what the first does').toBeLessThan(PAGE_READS);
    }
  });

  it('the whole timeline of that customer: the first page and a deep one read no more records than a page needs', async () => {
    kindReads = 0;
    const first = await listTimeline(db, { customerId: 1, limit: 50 }, owner, NOW);
    expect(first.entries.length).toBe(50);
    expect(kindReads).toBeLessThan(PAGE_READS);
    let after = first.next;
    for (let i = 0; i < 30; i++) after = (await listTimeline(db, { customerId: 1, after, limit: 50 }, owner, NOW)).next;
    kindReads = 0;
    const deep = await listTimeline(db, { customerId: 1, after, limit: 50 }, owner, NOW);
    expect(deep.entries.length).toBe(50);
    expect(kindReads).toBeLessThan(PAGE_READS);
  });
});
