import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SORTS, STAGES, type CustomerRow } from '../../shared/api/customers.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

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
    // The same customer; only what each may do with it differs.
    expect(created.actions).toEqual({ edit: true, delete: true, purge: true });
    expect(await h.call('viewer', 'customers.get', { id: created.id })).toEqual({ ...created, actions: { edit: false, delete: false, purge: false } });
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
    for (const sort of SORTS) {
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

  it('sorts by code, region (pinyin, blank last) and stage, keyset-paged across ties, in both directions', async () => {
    const regions = ['上海', '北京', '', '杭州', '深圳', '重庆', '长沙', '北京', '', '上海'];
    const names = ['甲', 'Beta', '乙', 'alpha', '丙'];
    for (let i = 0; i < 30; i++) {
      await h.call('owner', 'customers.create', { name: names[i % names.length]!, region: regions[i % regions.length]!, stage: STAGES[(i * 7) % STAGES.length]! });
    }
    const walk = async (sort: (typeof SORTS)[number], direction: 'asc' | 'desc') => {
      const rows: CustomerRow[] = [];
      let cursor: string | null = null;
      do {
        // Pages of 4: page ends fall inside runs of equal regions, stages and names.
        const page: { rows: CustomerRow[]; nextCursor: string | null } = await h.call('owner', 'customers.list', { sort, direction, cursor, limit: 4 });
        rows.push(...page.rows);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return rows;
    };
    const distinct = (values: string[]) => values.filter((v, i) => i === 0 || values[i - 1] !== v);
    for (const sort of ['code', 'region', 'stage'] as const) {
      const asc = await walk(sort, 'asc');
      const desc = await walk(sort, 'desc');
      expect(asc.length, sort).toBe(30);
      expect(new Set(asc.map((r) => r.id)).size, sort).toBe(30);
      // Every key ends with the id, so descending is exactly ascending reversed.
      expect(desc.map((r) => r.id), sort).toEqual(asc.map((r) => r.id).reverse());
      if (sort === 'code') expect(asc.map((r) => r.code)).toEqual(asc.map((r) => r.code).sort());
      if (sort === 'region') expect(distinct(asc.map((r) => r.region))).toEqual(['北京', '长沙', '重庆', '杭州', '上海', '深圳', '']);
      if (sort === 'stage') expect(distinct(asc.map((r) => r.stage))).toEqual([...STAGES]);
      if (sort !== 'code') {
        // Within one region or stage, by name (pinyin) and then by id.
        const key = (r: CustomerRow) => (sort === 'region' ? r.region : r.stage);
        for (const group of new Set(asc.map(key))) {
          const inGroup = asc.filter((r) => key(r) === group);
          const ids = inGroup.map((r) => r.id);
          const sameName = inGroup.filter((r) => r.name === inGroup[0]!.name).map((r) => r.id);
          expect(sameName, `${sort} ${group}`).toEqual([...sameName].sort((a, b) => a - b));
          expect(ids.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('offers industry, region and tag filter options in pinyin order', async () => {
    for (const [name, industry, region, tag] of [
      ['A', '医疗健康', '上海', '重点'],
      ['B', '餐饮', '北京', '批发'],
      ['C', '建筑建材', '杭州', '老客户'],
      ['D', '服装纺织', '长沙', '回头客'],
    ] as const) {
      await h.call('owner', 'customers.create', { name, industry, region, tags: [tag] });
    }
    const facets = await h.call('owner', 'customers.facets', {});
    expect(facets.industries).toEqual(['餐饮', '服装纺织', '建筑建材', '医疗健康']);
    expect(facets.regions).toEqual(['北京', '长沙', '杭州', '上海']);
    expect(facets.tags).toEqual(['回头客', '老客户', '批发', '重点']);
  });

  it('seeds sample regions in one language, so one filter finds every customer of a city', async () => {
    await h.call('owner', 'system.seed', { customers: 300, seed: 3 });
    const { regions } = await h.call('owner', 'customers.facets', {});
    expect(regions.length).toBeGreaterThan(5);
    expect(regions.filter((region) => !/^\p{Script=Han}+$/u.test(region))).toEqual([]);
    // Sorting by region uses the same pinyin keys for seeded rows as for rows saved one by one.
    const page = await h.call('owner', 'customers.list', { sort: 'region', limit: 100 });
    const seen = page.rows.map((r) => r.region).filter((v, i, all) => i === 0 || all[i - 1] !== v);
    expect(seen).toEqual(regions.slice(0, seen.length));
  });

  it('tells each caller what they may do with each customer, and refuses exactly the rest', async () => {
    const staffId = (await userNamed(h, 'staff')).id;
    const owners = await h.call('owner', 'customers.create', { name: 'Owner made', ownerId: staffId });
    const staffs = await h.call('staff', 'customers.create', { name: 'Staff made' });
    const none = { edit: false, delete: false, purge: false };
    const expected = {
      owner: [{ edit: true, delete: true, purge: true }, { edit: true, delete: true, purge: true }],
      manager: [{ edit: true, delete: true, purge: false }, { edit: true, delete: true, purge: false }],
      staff: [{ edit: true, delete: false, purge: false }, { edit: true, delete: true, purge: false }],
      viewer: [none, none],
    } as const;
    for (const [session, [ofOwners, ofStaffs]] of Object.entries(expected)) {
      expect((await h.call(session, 'customers.get', { id: owners.id })).actions, session).toEqual(ofOwners);
      expect((await h.call(session, 'customers.get', { id: staffs.id })).actions, session).toEqual(ofStaffs);
      const rows = (await h.call(session, 'customers.list', { sort: 'code' })).rows;
      expect(rows.map((r) => r.actions), session).toEqual([ofOwners, ofStaffs]);
    }
    // What is not offered is refused; what is offered works.
    await h.failure('staff', 'customers.delete', { id: owners.id, version: owners.version }, 'FORBIDDEN');
    await h.call('staff', 'customers.delete', { id: staffs.id, version: staffs.version });
    await h.call('owner', 'customers.delete', { id: owners.id, version: owners.version });
    const bin = (await h.call('staff', 'customers.listDeleted', {})).rows;
    // Deleted at the same moment: the later id comes first.
    expect(bin.map((r) => [r.name, r.actions.delete])).toEqual([
      ['Staff made', true],
      ['Owner made', false],
    ]);
    await h.failure('staff', 'customers.restore', { id: owners.id }, 'FORBIDDEN');
    await h.call('staff', 'customers.restore', { id: staffs.id });
  });
});
