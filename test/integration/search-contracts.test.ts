// Contracts in the one search box (search.query): by number (whole, beginning, any part, any letter
// case) and title (Chinese fragments, 1-2 characters, pinyin), each hit saying it is a contract with
// what the results show and open; ranked after exact customer names, ahead of other customers;
// only the contracts of customers the caller may see, never deleted ones; the index follows
// create, update, delete, restore and purge; the contract list's `q` finds the same contracts.
// And on a larger register: the plans walk the indexes (plans do not depend on the row count here:
// no statistics), the count stops at its cap. 50,000 contracts are measured by hand (README).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractSearchHit } from '../../shared/api/search.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import { closeDatabase, kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { contractSearchStatements } from '../../electron/core/db/sqlite/contract-search-index.ts';
import { rebuildContractSearchNow } from '../../electron/core/areas/search/migrations/0010-contract-search.ts';
import { CONTRACT_COUNT_CAP, numberTierQueries, searchContracts } from '../../electron/core/areas/search/contracts.ts';
import { mergeHits } from '../../electron/core/areas/search/service.ts';
import { planQuery } from '../../electron/core/areas/search/search-text.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let mine: number;
let others: number;
let staffId: number;

/** The harness clock at local noon of `day`. */
function setToday(day: string): void {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  h.clock.now = new Date(y, m - 1, d, 12, 0, 0).getTime();
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  setToday('2026-11-22');
  staffId = (await userNamed(h, 'staff')).id;
  mine = (await h.call('owner', 'customers.create', { name: '维保客户', ownerId: staffId })).id;
  others = (await h.call('owner', 'customers.create', { name: '杭州鑫瑞科技有限公司' })).id;
  const add = (number: string, title: string, customerId: number, dates: { signedOn?: string; endOn?: string; autoRenew?: boolean; renewalMonths?: number } = {}) =>
    h.call('owner', 'contracts.create', { number, title, customerId, type: 'service', ...dates });
  await add('HT-2026-0012', '服务器维保服务协议', mine, { signedOn: '2026-01-05', endOn: '2026-12-10' }); // expiring on 11-22
  await add('HT-2026-0013', '办公设备采购合同', others, { signedOn: '2026-02-01', endOn: '2027-06-30' }); // active
  await add('ht-2025-0120', '年度框架合作协议', others); // draft
  await add('HT-2024-0007', '保密协议', others, { signedOn: '2024-01-01', endOn: '2025-01-01' }); // expired
  await add('HT-2025-0300', '网络维保', others, { signedOn: '2025-01-01', endOn: '2025-12-31', autoRenew: true, renewalMonths: 12 }); // renewed
}, 120_000);
afterAll(() => h.cleanup());

async function contracts(q: string, session = 'owner', limit = 50): Promise<ContractSearchHit[]> {
  return (await h.call(session, 'search.query', { q, limit })).hits.filter((hit) => hit.kind === 'contract');
}
const numbers = async (q: string, session = 'owner') => (await contracts(q, session)).map((hit) => hit.number);

describe('contracts in the search box', () => {
  it('finds a contract by its number: whole, beginning, serial, any letter case', async () => {
    expect(await numbers('HT-2026-0012')).toEqual(['HT-2026-0012']);
    expect(await numbers('ht-2026-0012')).toEqual(['HT-2026-0012']);
    expect(await numbers('HT-2026-00')).toEqual(['HT-2026-0013', 'HT-2026-0012']);
    expect(await numbers('HT-2025')).toEqual(expect.arrayContaining(['ht-2025-0120', 'HT-2025-0300']));
    expect(await numbers('0012')).toEqual(['HT-2026-0012']);
    expect(await numbers('0300')).toEqual(['HT-2025-0300']);
    expect((await numbers('HT')).length).toBe(5);
    expect(await numbers('HT-2099')).toEqual([]);
  });

  it('finds a contract by its title: fragments, one or two Chinese characters, pinyin and initials', async () => {
    expect(await numbers('维保服务')).toEqual(['HT-2026-0012']);
    expect((await numbers('维保')).sort()).toEqual(['HT-2025-0300', 'HT-2026-0012']);
    expect((await numbers('维')).sort()).toEqual(['HT-2025-0300', 'HT-2026-0012']);
    expect(await numbers('采购合同')).toEqual(['HT-2026-0013']);
    expect(await numbers('baomixieyi')).toEqual(['HT-2024-0007']);
    expect(await numbers('bmxy')).toEqual(['HT-2024-0007']);
    expect(await numbers('保密 HT-2024')).toEqual(['HT-2024-0007']);
  });

  it('says what each hit is, with what the results show and open: number, title, customer, status as of today', async () => {
    const byNumber = new Map((await contracts('HT')).map((hit) => [hit.number, hit]));
    expect(byNumber.get('HT-2026-0012')).toEqual({
      kind: 'contract',
      id: expect.any(Number),
      number: 'HT-2026-0012',
      title: '服务器维保服务协议',
      customerId: mine,
      customerName: '维保客户',
      status: 'expiring',
      matchedIn: 'number',
    });
    expect(Object.fromEntries([...byNumber].map(([number, hit]) => [number, hit.status]))).toEqual({
      'HT-2026-0012': 'expiring',
      'HT-2026-0013': 'active',
      'ht-2025-0120': 'draft',
      'HT-2024-0007': 'expired',
      'HT-2025-0300': 'renewed',
    });
    expect((await contracts('保密协议'))[0]?.matchedIn).toBe('title');
    const customer = (await h.call('owner', 'search.query', { q: '维保客户' })).hits[0];
    expect(customer).toMatchObject({ kind: 'customer', id: mine, name: '维保客户' });
  });

  it('ranks exact customers first, then contracts whose number or title is or begins with the query, then other customers', async () => {
    const kinds = async (q: string) => (await h.call('owner', 'search.query', { q, limit: 50 })).hits.map((hit) => `${hit.kind}:${hit.kind === 'customer' ? hit.name : hit.kind === 'contract' ? hit.number : hit.kind === 'competitor' ? hit.name : hit.kind === 'record' || hit.kind === 'sale' ? hit.snippet : hit.title}`);
    // 维保客户 is the customer's whole name: first; both 维保 contracts follow (a title beginning with it first).
    const ranked = await kinds('维保客户');
    expect(ranked[0]).toBe('customer:维保客户');
    const title = await kinds('服务器维保');
    expect(title[0]).toBe('contract:HT-2026-0012');
    // A number typed is meant: the contract before customers that merely contain the digits.
    const answer = await h.call('owner', 'search.query', { q: 'HT-2026-0013' });
    expect(answer.hits[0]).toMatchObject({ kind: 'contract', number: 'HT-2026-0013' });
    expect([answer.total, answer.contractTotal, answer.contractTotalCapped]).toEqual([0, 1, false]);
  });

  it('keeps a quarter of a full page for each kind when both have more', () => {
    const customer = (id: number) => ({ kind: 'customer' as const, id, code: `C${id}`, name: `c${id}`, phone: '', grade: 'normal' as const, matchedIn: 'phone' as const, matchedText: '', contactName: null });
    const contract = (id: number) => ({ kind: 'contract' as const, id, number: `HT-${id}`, title: 't', customerId: 1, customerName: 'c', status: 'active' as const, matchedIn: 'title' as const });
    const customers = { hits: Array.from({ length: 20 }, (_, i) => customer(i + 1)), strong: 1 };
    const some = { hits: Array.from({ length: 20 }, (_, i) => contract(i + 1)), strong: 0 };
    const page = mergeHits(customers, some, 20);
    expect(page).toHaveLength(20);
    expect(page.filter((hit) => hit.kind === 'contract')).toHaveLength(5);
    expect(page[0]).toMatchObject({ kind: 'customer', id: 1 });
    expect(page.slice(-5).every((hit) => hit.kind === 'contract')).toBe(true);
    // Strong contracts come right after the exact customers.
    const strong = mergeHits(customers, { ...some, strong: 2 }, 20);
    expect(strong.slice(0, 3).map((hit) => `${hit.kind}${hit.id}`)).toEqual(['customer1', 'contract1', 'contract2']);
    // Few of one kind: all of them, the rest the other kind's.
    expect(mergeHits(customers, { hits: [contract(9)], strong: 0 }, 20).filter((hit) => hit.kind === 'contract')).toHaveLength(1);
  });

  it('shows staff under the staff scope only the contracts of their own customers', async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      expect(await numbers('HT', 'staff')).toEqual(['HT-2026-0012']);
      expect(await numbers('维保', 'staff')).toEqual(['HT-2026-0012']);
      expect((await h.call('staff', 'search.query', { q: '0013' })).contractTotal).toBe(0);
      expect((await numbers('HT', 'viewer')).length).toBe(5);
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });

  it('follows changes: a new title, a deleted and restored contract, a customer in the recycle bin, a purge', async () => {
    const created = await h.call('owner', 'contracts.create', { number: 'HT-2026-0500', title: '展台搭建合同', customerId: others, type: 'other' });
    expect(await numbers('展台搭建')).toEqual(['HT-2026-0500']);
    const { number, customerId, type } = created;
    const renamed = await h.call('owner', 'contracts.update', { id: created.id, version: created.version, number, customerId, type, title: '灯光租赁合同' });
    expect(await numbers('展台搭建')).toEqual([]);
    expect(await numbers('灯光租赁')).toEqual(['HT-2026-0500']);
    await h.call('owner', 'contracts.delete', { id: created.id, version: renamed.version });
    expect(await numbers('灯光租赁')).toEqual([]);
    expect(await numbers('HT-2026-0500')).toEqual([]);
    await h.call('owner', 'contracts.restore', { id: created.id });
    expect(await numbers('灯光租赁')).toEqual(['HT-2026-0500']);

    const doomed = await h.call('owner', 'customers.create', { name: '将被清除的客户' });
    await h.call('owner', 'contracts.create', { number: 'HT-2026-0600', title: '临时仓储合同', customerId: doomed.id, type: 'other' });
    expect(await numbers('临时仓储')).toEqual(['HT-2026-0600']);
    await h.call('owner', 'customers.delete', { id: doomed.id, version: doomed.version });
    expect(await numbers('临时仓储')).toEqual([]);
    await h.call('owner', 'customers.restore', { id: doomed.id });
    expect(await numbers('临时仓储')).toEqual(['HT-2026-0600']);
    const again = await h.call('owner', 'customers.get', { id: doomed.id });
    await h.call('owner', 'customers.delete', { id: doomed.id, version: again.version });
    await h.call('owner', 'customers.purge', { id: doomed.id });
    expect(await numbers('临时仓储')).toEqual([]);
  });

  it('gives the contract list the same contracts for its q as the search box counts', async () => {
    for (const q of ['维保', 'weibao', 'HT-2026', '0012', '协议', 'ht']) {
      const answer = await h.call('owner', 'search.query', { q, limit: 50 });
      const listed = (await h.call('owner', 'contracts.list', { q, limit: 100 })).rows.map((row) => row.id);
      expect(listed.sort(), q).toEqual(answer.hits.filter((hit) => hit.kind === 'contract').map((hit) => hit.id).sort());
      expect(answer.contractTotal, q).toBe(listed.length);
    }
  });

  it('treats FTS syntax and punctuation as plain text', async () => {
    for (const q of ['"', 'NEAR(', 'HT OR', '*', 'HT-2026-"0012', '-', '%', '_']) {
      const result = await h.raw('owner', 'search.query', { q });
      expect(result.ok, q).toBe(true);
    }
    expect(await numbers('%')).toEqual([]);
    expect(await numbers('HT-2026-001_')).toEqual([]);
  });
});

describe('contract search on a larger register', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-contract-search-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks the indexes (never a scan of contracts), and counts up to its cap', async () => {
    const sqlite = openEncrypted(join(dir, 'clientele.db'), 'cd'.repeat(32), { create: true });
    migrate(sqlite);
    const titles = ['办公设备采购合同', '服务器维保服务协议', '年度框架合作协议', '保密协议', '软件开发合同', '物流运输服务合同'];
    sqlite.transaction(() => {
      sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES (7, 'staff', 'staff', 'staff', 1, 1)").run();
      const customer = sqlite.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, created_at, updated_at, owner_id) VALUES (?, 'company', ?, '', '', 'lead', 'normal', 1, 1, ?)");
      for (let i = 1; i <= 2_500; i++) customer.run(`C${String(i).padStart(6, '0')}`, `客户${i}`, i % 3 === 0 ? 7 : null);
      const contract = sqlite.prepare("INSERT INTO contracts (number, title, customer_id, type, signed_on, end_on, created_at, updated_at) VALUES (?, ?, ?, 'sales', '2026-01-01', '2027-06-30', 1, 1)");
      for (let i = 1; i <= 5_000; i++) contract.run(`HT-${2023 + (i % 4)}-${String(i).padStart(5, '0')}`, `客户${1 + (i % 2_500)}${titles[i % titles.length]}`, 1 + (i % 2_500));
      rebuildContractSearchNow(sqlite);
    })();
    const db = kyselyOver(sqlite);
    try {
      for (const q of ['HT-2026-00', '0012', '维保', 'weibao', 'HT', '2026']) {
        for (const ownerId of [null, 7]) {
          for (const statement of contractSearchStatements(planQuery(q)!, ownerId, 20, CONTRACT_COUNT_CAP + 1)) {
            const { sql, parameters } = statement.compile(db);
            const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
            // FTS5 drives; the contract and its customer are primary-key look-ups (a count wraps it in a subquery).
            const steps = plan.filter((step) => !/^CO-ROUTINE|^SCAN \(subquery/.test(step));
            expect(steps[0], `${q} ${sql}`).toMatch(/^SCAN s VIRTUAL TABLE INDEX/);
            expect(steps.slice(1).every((step) => /USING INTEGER PRIMARY KEY/.test(step)), `${q} ${plan.join(' / ')}`).toBe(true);
          }
        }
      }
      const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
      const wide = await searchContracts(db, 'HT', 20, owner, '2026-12-01');
      expect([wide.total, wide.capped, wide.hits.length]).toEqual([CONTRACT_COUNT_CAP, true, 20]);
      const few = await searchContracts(db, 'HT-2026-00', 20, owner, '2026-12-01');
      expect([few.total, few.capped]).toEqual([250, false]);
      expect(few.hits[0]?.number).toBe('HT-2026-00999');
      // The number's own index answers "is" and "begins with" (not the index on deleted_at, nor the staff member's customers).
      for (const ownerId of [null, 7]) {
        const { exact, prefix } = numberTierQueries(db, planQuery('HT-2026-00')!, 20, ownerId);
        for (const [query, index] of [[exact, /USING INDEX sqlite_autoindex_contracts_1 \(number=\?\)/], [prefix, /USING INDEX sqlite_autoindex_contracts_1 \(number>\? AND number<\?\)/]] as const) {
          const { sql, parameters } = query.compile();
          const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
          expect(plan[0], plan.join(' / ')).toMatch(index);
          expect(plan[1]).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
        }
      }
      const staff = { ...owner, role: 'staff' as const, scopeOwnerId: 7 };
      const scoped = await searchContracts(db, '0012', 20, staff, '2026-12-01');
      expect(scoped.hits.every((hit) => (hit.customerId % 3 === 0))).toBe(true);
    } finally {
      closeDatabase(db);
    }
  }, 120_000);
});

describe('migration 0010 (contract search)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig10-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('indexes the contracts of a version-9 database, not the deleted ones', async () => {
    const sqlite = openEncrypted(join(dir, 'clientele.db'), 'ef'.repeat(32), { create: true });
    migrate(sqlite, 9);
    const customer = Number(
      sqlite.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, created_at, updated_at) VALUES ('C000001', 'company', '甲公司', '', '', 'lead', 'normal', 1, 1)").run().lastInsertRowid,
    );
    const contract = sqlite.prepare("INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at, deleted_at) VALUES (?, ?, ?, 'sales', 1, 1, ?)");
    const live = Number(contract.run('HT-2026-0001', '设备维保合同', customer, null).lastInsertRowid);
    contract.run('HT-2026-0002', '已删除的维保合同', customer, 5);
    migrate(sqlite, 10);
    const db = kyselyOver(sqlite);
    try {
      const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
      const found = async (q: string) => (await searchContracts(db, q, 20, owner, '2026-12-01')).hits.map((hit) => hit.id);
      expect(await found('维保')).toEqual([live]);
      expect(await found('HT-2026-000')).toEqual([live]);
      expect(await found('已删除')).toEqual([]);
      expect(await found('shebei')).toEqual([live]);
    } finally {
      closeDatabase(db);
    }
  });
});
