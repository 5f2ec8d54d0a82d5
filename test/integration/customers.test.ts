import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

const ACME = {
  kind: 'company' as const,
  name: '张三科技有限公司',
  industry: '信息技术',
  region: '杭州',
  phone: '0571-8888 1234',
  email: 'info@zhangsan.example.com',
  grade: 'key' as const,
  stage: 'active' as const,
  tags: ['批发', '老客户'],
  contacts: [
    { name: '李四', title: '总经理', mobile: '138-0013-5678', decisionMaker: true },
    { name: 'Mary Smith', email: 'mary@example.com' },
  ],
};

describe('customers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await shopWithRoles(h);
  });
  afterEach(() => h.cleanup());

  it('creates a customer with contacts and tags, and reads it back', async () => {
    const created = await h.call('owner', 'customers.create', ACME);
    expect(created.code).toBe('C000001');
    expect(created.version).toBe(1);
    expect(created.contacts.map((c) => [c.name, c.decisionMaker])).toEqual([
      ['李四', true],
      ['Mary Smith', false],
    ]);
    expect(created.tags).toEqual(['老客户', '批发'].sort());
    expect(created.gradeHistory.map((g) => g.grade)).toEqual(['key']);
    expect(await h.call('viewer', 'customers.get', { id: created.id })).toEqual(created);
    const second = await h.call('staff', 'customers.create', { name: 'Second' });
    expect(second.code).toBe('C000002');
  });

  it('updates fields, contacts and tags, bumping the version and keeping grade history', async () => {
    const created = await h.call('owner', 'customers.create', ACME);
    const [li] = created.contacts;
    h.clock.now += 60_000;
    const updated = await h.call('manager', 'customers.update', {
      ...ACME,
      id: created.id,
      version: created.version,
      grade: 'vip',
      tags: ['批发', 'VIP候选'],
      contacts: [{ ...li!, title: '董事长' }, { name: '王五' }],
    });
    expect(updated.version).toBe(2);
    expect(updated.updatedAt).toBe(h.clock.now);
    expect(updated.contacts.map((c) => c.name)).toEqual(['李四', '王五']);
    expect(updated.contacts[0]).toMatchObject({ id: li!.id, title: '董事长' });
    expect(updated.tags.sort()).toEqual(['VIP候选', '批发'].sort());
    expect(updated.gradeHistory.map((g) => g.grade)).toEqual(['vip', 'key']);
  });

  it('refuses a stale save with CONFLICT and keeps the first save', async () => {
    const created = await h.call('owner', 'customers.create', ACME);
    await h.call('owner', 'customers.update', { ...ACME, id: created.id, version: 1, notes: 'first writer' });
    const error = await h.failure('manager', 'customers.update', { ...ACME, id: created.id, version: 1, notes: 'second writer' }, 'CONFLICT');
    expect(error.message).toContain('changed by someone else');
    const current = await h.call('owner', 'customers.get', { id: created.id });
    expect(current.notes).toBe('first writer');
    expect(current.version).toBe(2);
    await h.failure('owner', 'customers.delete', { id: created.id, version: 1 }, 'CONFLICT');
  });

  it("refuses another customer's contact id", async () => {
    const a = await h.call('owner', 'customers.create', ACME);
    const b = await h.call('owner', 'customers.create', { name: 'B' });
    await h.failure('owner', 'customers.update', { name: 'B', id: b.id, version: 1, contacts: [{ id: a.contacts[0]!.id, name: 'stolen' }] }, 'VALIDATION');
    expect((await h.call('owner', 'customers.get', { id: a.id })).contacts[0]!.name).toBe('李四');
  });

  it('moves a customer to the recycle bin and restores it', async () => {
    // Staff delete only what they created (scope.test.ts has the rule itself).
    const created = await h.call('staff', 'customers.create', ACME);
    await h.call('staff', 'customers.delete', { id: created.id, version: 1 });
    await h.failure('owner', 'customers.get', { id: created.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'customers.list', {})).rows).toEqual([]);
    expect((await h.call('owner', 'customers.count', {})).count).toBe(0);
    expect((await h.call('owner', 'search.query', { q: '张三科技' })).hits).toEqual([]);
    const bin = await h.call('owner', 'customers.listDeleted', {});
    expect(bin.rows.map((r) => r.id)).toEqual([created.id]);
    const restored = await h.call('owner', 'customers.restore', { id: created.id });
    expect(restored.deletedAt).toBeNull();
    expect(restored.version).toBe(3);
    expect((await h.call('owner', 'search.query', { q: '张三科技' })).hits.map((hit) => hit.id)).toEqual([created.id]);
    expect((await h.call('owner', 'customers.listDeleted', {})).rows).toEqual([]);
    await h.failure('owner', 'customers.restore', { id: created.id }, 'CONFLICT');
  });

  it('lists with keyset pages in every sort order, filters and counts', async () => {
    await h.call('owner', 'system.seed', { customers: 230, seed: 7 });
    for (const sort of ['name', 'updated', 'grade'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: { rows: { id: number }[]; nextCursor: string | null } = await h.call('viewer', 'customers.list', { sort, direction, cursor, limit: 50 });
          seen.push(...page.rows.map((r) => r.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== null);
        expect(pages).toBe(5);
        expect(new Set(seen).size).toBe(230);
      }
    }
    const byGrade = await h.call('owner', 'customers.list', { sort: 'grade', limit: 100 });
    const ranks = byGrade.rows.map((r) => ['vip', 'key', 'normal', 'potential'].indexOf(r.grade));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const vip = await h.call('owner', 'customers.list', { grade: 'vip', limit: 100 });
    const vipCount = await h.call('owner', 'customers.count', { grade: 'vip' });
    expect(vip.rows.every((r) => r.grade === 'vip')).toBe(true);
    expect(vip.rows.length).toBe(vipCount.count);
    const facets = await h.call('owner', 'customers.facets', {});
    const tagged = await h.call('owner', 'customers.count', { tag: facets.tags[0] });
    expect(tagged.count).toBeGreaterThan(0);
    expect(tagged.count).toBeLessThan(230);
    const region = facets.regions[0]!;
    const inRegion = await h.call('owner', 'customers.list', { region, sort: 'updated', direction: 'desc', limit: 100 });
    expect(inRegion.rows.every((r) => r.region === region)).toBe(true);
    expect(inRegion.rows.map((r) => r.updatedAt)).toEqual([...inRegion.rows.map((r) => r.updatedAt)].sort((a, b) => b - a));
  });

  it('refuses a malformed cursor with VALIDATION', async () => {
    await h.failure('owner', 'customers.list', { cursor: 'not-a-cursor' }, 'VALIDATION');
    await h.failure('owner', 'customers.list', { cursor: Buffer.from('[1,2,3,4]').toString('base64url') }, 'VALIDATION');
  });
});
