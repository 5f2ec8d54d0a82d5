// Search on a shop big enough that a capped candidate list would bite: a phone fragment finds
// every customer holding it (phones ending with it first), the count is every match, the customer
// list's `q` filter pages through all of them, and each answer equals a straightforward scan —
// for the owner, for a masked viewer (who matches only what it sees, in counts too) and for a
// scoped staff member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, CustomerPage } from '../../shared/api/customers.ts';
import { referenceSearch, scannable, type Caller, type Scannable } from '../bench/search-reference.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

const TARGET_PHONE = '014-06150663';
const FLOOD = 230;

async function everyCustomer(h: Harness): Promise<Customer[]> {
  const out: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page: CustomerPage = await h.call('owner', 'customers.list', { cursor, limit: 100 });
    for (const row of page.rows) out.push(await h.call('owner', 'customers.get', { id: row.id }));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function listAll(h: Harness, session: string, q: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: CustomerPage = await h.call(session, 'customers.list', { q, cursor, limit: 100 });
    ids.push(...page.rows.map((row) => row.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('search at scale', () => {
  let h: Harness;
  let target: Customer;
  let scan: Scannable[];
  let staffId: number;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    await h.call('owner', 'system.seed', { customers: 1_000, seed: 11 });
    // The one customer whose contact's number ends with 0663, older than 230 customers that hold
    // 0663 elsewhere in a number: the newest 200 candidates would all be the others.
    target = await h.call('owner', 'customers.create', { name: '远山贸易', contacts: [{ name: '龙小井', phone: TARGET_PHONE, wechat: 'longxj_wx_7788' }] });
    for (let i = 0; i < FLOOD; i++) {
      const tail = String(1000 + i);
      await h.call('owner', 'customers.create', { name: `洪水测试${i}号`, phone: `138-0663-${tail}`, email: `flood${i}@example.com` });
    }
    scan = (await everyCustomer(h)).map((c) => scannable({ ...c, contacts: c.contacts }));
    expect(scan.length).toBeGreaterThan(1_200);
    const users = await h.call('owner', 'users.list', {});
    staffId = users.find((u) => u.username === 'staff')!.id;
  }, 240_000);
  afterAll(() => h.cleanup());

  const OWNER: Caller = { masked: false, ownerId: null };

  async function expectLikeScan(session: string, q: string, caller: Caller, limit = 20) {
    const expected = referenceSearch(scan, q, caller);
    const answer = await h.call(session, 'search.query', { q, limit });
    expect(answer.total, `${session} "${q}" total`).toBe(expected.length);
    // Contracts matching the text (seeded numbers hold digit runs) share the page: the customers in
    // it are the best ones, as many as the contracts leave room for.
    const customers = answer.hits.filter((hit) => hit.kind === 'customer').map((hit) => hit.id);
    const contracts = answer.hits.length - customers.length;
    expect(customers, `${session} "${q}" page`).toEqual(expected.slice(0, Math.min(expected.length, limit - contracts)).map((e) => e.id));
    return { answer, expected };
  }

  it('finds the one number ending with 0663 first, counts every match, and the list shows them all', async () => {
    const { answer, expected } = await expectLikeScan('owner', '0663', OWNER);
    expect(answer.hits[0]?.id === target.id || expected.filter((e) => e.tier <= 1).some((e) => e.id === target.id)).toBe(true);
    expect(answer.hits.map((hit) => hit.id)).toContain(target.id);
    expect(answer.total).toBeGreaterThan(FLOOD);
    const hit = answer.hits.filter((x) => x.kind === 'customer').find((x) => x.id === target.id)!;
    expect([hit.matchedIn, hit.matchedText, hit.contactName]).toEqual(['contactPhone', TARGET_PHONE, '龙小井']);
    // Phones ending with the digits come before every other match.
    const endings = expected.filter((e) => e.tier === 1).length;
    expect(endings).toBeGreaterThan(0);
    expect(answer.hits.slice(0, Math.min(endings, 20)).map((x) => x.id)).toEqual(expected.slice(0, Math.min(endings, 20)).map((e) => e.id));
    // "See all": the customer list with the same text holds exactly the matches, page after page.
    const listed = await listAll(h, 'owner', '0663');
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
    expect((await h.call('owner', 'customers.count', { q: '0663' })).count).toBe(expected.length);
  });

  it('answers like a scan for names, pinyin, codes, e-mail, WeChat and short queries', async () => {
    const some = scan[137]!;
    const queries = ['洪水测试', '洪水', '洪', 'ho', '06150663', '138-0663', '0663-1', target.code, some.name, some.code.toLowerCase(), '@example.com', 'longxj', '科技', 'zskj', 'c0001', '有限公', 'qqqzzz'];
    for (const q of queries) await expectLikeScan('owner', q, OWNER, 50);
    const wechat = (await h.call('owner', 'search.query', { q: 'longxj_wx' })).hits.filter((x) => x.kind === 'customer');
    expect(wechat.map((x) => [x.id, x.matchedIn, x.matchedText, x.contactName])).toEqual([[target.id, 'wechat', 'longxj_wx_7788', '龙小井']]);
  });

  it('lets a masked viewer match only what it sees, in the page, the count and the list', async () => {
    await h.call('owner', 'settings.update', { maskContacts: true });
    try {
      const VIEWER: Caller = { masked: true, ownerId: null };
      // 0663 is hidden in every flood number (138****1xxx) and visible at the end of the target's.
      const { answer, expected } = await expectLikeScan('viewer', '0663', VIEWER);
      expect(answer.hits[0]?.id).toBe(expected[0]?.id);
      expect(answer.hits.map((x) => x.id)).toContain(target.id);
      expect(answer.total).toBeLessThan(FLOOD);
      expect(answer.hits.filter((x) => x.kind === 'customer').find((x) => x.id === target.id)?.matchedText).toBe('014****0663');
      for (const q of ['0615', '06150663', '1380663', 'flood1', 'flood12@', 'longxj', 'xj_wx', '洪水测试', '@example.com', '138', '7788', 'lon']) {
        await expectLikeScan('viewer', q, VIEWER, 50);
      }
      // Hidden runs of the target's and the flood's numbers, e-mails and WeChat ID: none of them is
      // found by them (other customers may show the same digits in their visible runs).
      const flood = new Set(scan.filter((c) => c.name.startsWith('洪水测试')).map((c) => c.id));
      for (const hidden of ['0615', '06150663', '1380663', 'flood12', 'longxj_wx', 'xj_wx']) {
        const { answer, expected } = await expectLikeScan('viewer', hidden, VIEWER, 50);
        expect(answer.hits.filter((x) => x.id === target.id || flood.has(x.id)), hidden).toEqual([]);
        expect((await h.call('viewer', 'customers.count', { q: hidden })).count, hidden).toBe(expected.length);
        expect((await listAll(h, 'viewer', hidden)).filter((id) => id === target.id || flood.has(id)), hidden).toEqual([]);
      }
    } finally {
      await h.call('owner', 'settings.update', { maskContacts: false });
    }
  });

  it('counts only a scoped staff member’s own customers', async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const STAFF: Caller = { masked: false, ownerId: staffId };
      for (const q of ['0663', '科技', '张', 'zs', '@example.com']) {
        const { expected } = await expectLikeScan('staff', q, STAFF, 50);
        expect((await h.call('staff', 'customers.count', { q })).count).toBe(expected.length);
      }
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });

  it('refuses control characters (a pasted NUL) with a validation message, not an internal error', async () => {
    for (const q of ['\u0000', 'ab\u0000c', '0663\u0007']) {
      const error = await h.failure('owner', 'search.query', { q }, 'VALIDATION');
      expect(JSON.stringify(error.details)).toContain('controlCharacter');
      await h.failure('owner', 'customers.list', { q }, 'VALIDATION');
      await h.failure('owner', 'customers.count', { q }, 'VALIDATION');
    }
  });
});
