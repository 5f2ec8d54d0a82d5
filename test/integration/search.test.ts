import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

describe('search', () => {
  let h: Harness;
  let zhangsan: number;
  let acme: number;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    await h.call('owner', 'system.seed', { customers: 300, seed: 3 });
    zhangsan = (
      await h.call('owner', 'customers.create', {
        name: '张三科技',
        phone: '021-6666 0000',
        contacts: [{ name: '欧阳娜娜', mobile: '139 1234 9876' }],
      })
    ).id;
    acme = (await h.call('owner', 'customers.create', { name: 'Acme Quilting Works', email: 'hello@acme-quilt.example', contacts: [{ name: 'Zoe Xylander' }] })).id;
  });
  afterAll(() => h.cleanup());
  afterEach(() => undefined);

  const ids = async (q: string) => (await h.call('staff', 'search.query', { q, limit: 50 })).hits.map((hit) => hit.id);

  it('finds a Chinese name by a fragment, a 2-character word and 1 character', async () => {
    expect(await ids('张三科技')).toContain(zhangsan);
    expect(await ids('三科技')).toContain(zhangsan);
    expect(await ids('三科')).toContain(zhangsan);
    const single = await h.call('staff', 'search.query', { q: '张', limit: 50 });
    expect(single.hits.length).toBeGreaterThan(0);
    expect(single.hits.every((hit) => hit.kind === 'customer' && (hit.name.includes('张') || hit.contactName !== null || hit.name.length > 0))).toBe(true);
  });

  it('finds by pinyin initials and full pinyin', async () => {
    expect(await ids('zskj')).toContain(zhangsan);
    expect(await ids('zs')).toContain(zhangsan);
    expect(await ids('zhangsan')).toContain(zhangsan);
  });

  it('finds by phone fragments, with or without separators', async () => {
    expect(await ids('0000')).toContain(zhangsan);
    expect(await ids('9876')).toContain(zhangsan);
    expect(await ids('1234 9876')).toContain(zhangsan);
    const hit = (await h.call('staff', 'search.query', { q: '9876' })).hits.filter((x) => x.kind === 'customer').find((x) => x.id === zhangsan);
    expect(hit?.contactName).toBe('欧阳娜娜');
  });

  it('finds by contact name, email, code and English words', async () => {
    expect(await ids('欧阳')).toContain(zhangsan);
    expect(await ids('oyn')).toContain(zhangsan);
    expect(await ids('acme-quilt')).toContain(acme);
    expect(await ids('Quilting')).toContain(acme);
    expect(await ids('xylander')).toContain(acme);
    expect(await ids('qu')).toContain(acme);
    const code = (await h.call('owner', 'customers.get', { id: acme })).code;
    expect(await ids(code)).toEqual([acme]);
  });

  it('puts exact and prefix name matches first and finds nothing for nonsense', async () => {
    const hits = (await h.call('staff', 'search.query', { q: '张三科技' })).hits;
    expect(hits[0]?.id).toBe(zhangsan);
    expect(await ids('qqqxxyyzz')).toEqual([]);
  });

  it('treats FTS syntax in queries as plain text', async () => {
    for (const q of ['"', 'NEAR(', 'a OR b', '*', 'zs"kj', '科技 AND', '(', "o'brien"]) {
      const result = await h.raw('staff', 'search.query', { q });
      expect(result.ok, q).toBe(true);
    }
  });

  it('follows edits: a renamed customer is found by its new name only', async () => {
    const customer = await h.call('owner', 'customers.get', { id: zhangsan });
    await h.call('owner', 'customers.update', { ...customer, name: '李四贸易', contacts: customer.contacts, tags: customer.tags });
    expect(await ids('李四贸易')).toContain(zhangsan);
    expect(await ids('lsmy')).toContain(zhangsan);
    expect(await ids('zskj')).not.toContain(zhangsan);
  });
});
