// The duplicate finder through the core: each reason finds its group (phone of the customer or a
// contact in any writing, e-mail in any case, name with suffix/width/traditional, homophones, one
// edit apart), false friends stay apart, connected customers make one group, dismissed pairs are
// left out, a masked role sees the shared number masked, and progress goes out as job 'duplicates'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateGroup } from '../../shared/api/duplicates.ts';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import { codeOf, makeHarness, shopWithRoles, type Harness } from './harness.ts';

function groupOf(groups: DuplicateGroup[], id: number): DuplicateGroup | undefined {
  return groups.find((g) => g.customers.some((c) => c.id === id));
}

function idsOf(group: DuplicateGroup | undefined): number[] {
  return (group?.customers.map((c) => c.id) ?? []).sort((a, b) => a - b);
}

describe('duplicates.find', () => {
  let h: Harness;
  const id: Record<string, number> = {};
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    const make = async (key: string, draft: Parameters<Harness['call']>[2] & object) => {
      id[key] = (await h.call('owner', 'customers.create', draft as never)).id;
    };
    // Phone: the customer's own, and a contact's mobile written another way.
    await make('phoneA', { name: '甲客户', phone: '138-0013-8000' });
    await make('phoneB', { name: '乙客户', contacts: [{ name: '联系人', mobile: '+86 138 0013 8000' }] });
    await make('phoneC', { name: '丙客户', phone: '0086 13800138000' }); // full-width digits are refused by the form: unit-tested in duplicate-keys
    // E-mail, by case.
    await make('mailA', { name: '丁客户', email: 'Boss@Example.com' });
    await make('mailB', { name: '戊客户', contacts: [{ name: '联系人', email: 'boss@example.COM' }] });
    // Names: suffix, traditional, width.
    await make('nameA', { name: '北京华信科技有限公司' });
    await make('nameB', { name: '北京華信科技' });
    await make('nameC', { name: '北京华信科技（集团）有限公司' });
    await make('latinA', { name: 'Acme Trading Co., Ltd.' });
    await make('latinB', { name: 'ACME TRADING' });
    // Homophones: the pinyin rule.
    await make('soundA', { name: '张伟', kind: 'person' });
    await make('soundB', { name: '章伟', kind: 'person' });
    // One edit apart (a dropped character), 4 characters or more.
    await make('typoA', { name: '深圳市鑫瑞祥电子' });
    await make('typoB', { name: '深圳鑫瑞祥电子' });
    await make('latinTypoA', { name: 'Northwind Foods' });
    await make('latinTypoB', { name: 'Northwnd Foods' });
    // False friends: one Chinese character swapped (a different name), short names one apart,
    // different numbers, a company and its bigger sibling.
    await make('friendA', { name: '杭州华信科技', phone: '0571-1111 2222' });
    await make('friendB', { name: '杭州华明科技', phone: '0571-1111 2223' });
    await make('shortA', { name: '王刚', kind: 'person' });
    await make('shortB', { name: '王刚强', kind: 'person' });
    await make('siblingA', { name: '宁波远海物流' });
    await make('siblingB', { name: '宁波远海国际物流' });
    // Connected: X shares a phone with Y, Y a name with Z: one group.
    await make('chainX', { name: '成都博创', phone: '028-8765 4321' });
    await make('chainY', { name: '成都泰和餐饮', phone: '(028) 87654321' });
    await make('chainZ', { name: '成都泰和餐饮有限公司' });
  });
  afterAll(() => h.cleanup());

  it('finds each reason, in any writing, with the value shared', async () => {
    const { groups, total } = await h.call('owner', 'duplicates.find', {});
    expect(total).toBe(groups.length);
    const phone = groupOf(groups, id.phoneA!);
    expect(idsOf(phone)).toEqual([id.phoneA, id.phoneB, id.phoneC].sort((a, b) => a! - b!));
    expect(phone!.reasons).toEqual([{ reason: 'phone', value: '13800138000' }]);
    expect(idsOf(groupOf(groups, id.mailA!))).toEqual([id.mailA, id.mailB]);
    expect(groupOf(groups, id.mailA!)!.reasons).toEqual([{ reason: 'email', value: 'boss@example.com' }]);
    expect(idsOf(groupOf(groups, id.nameA!))).toEqual([id.nameA, id.nameB, id.nameC]);
    expect(groupOf(groups, id.nameA!)!.reasons).toEqual([{ reason: 'name', value: '北京华信科技' }]);
    expect(idsOf(groupOf(groups, id.latinA!))).toEqual([id.latinA, id.latinB]);
    expect(idsOf(groupOf(groups, id.soundA!))).toEqual([id.soundA, id.soundB]);
    expect(groupOf(groups, id.soundA!)!.reasons).toEqual([{ reason: 'name', value: 'zhangwei' }]);
    expect(idsOf(groupOf(groups, id.typoA!))).toEqual([id.typoA, id.typoB]);
    expect(idsOf(groupOf(groups, id.latinTypoA!))).toEqual([id.latinTypoA, id.latinTypoB]);
    expect(idsOf(groupOf(groups, id.chainX!))).toEqual([id.chainX, id.chainY, id.chainZ]);
    expect(groupOf(groups, id.chainX!)!.reasons.map((r) => r.reason)).toEqual(['phone', 'name']);
    // Largest first; each customer with what a merge would move.
    expect(groups[0]!.customers.length).toBe(3);
    expect(groups.map((g) => g.customers.length)).toEqual([...groups.map((g) => g.customers.length)].sort((a, b) => b - a));
    expect(groupOf(groups, id.phoneB!)!.customers.find((c) => c.id === id.phoneB)!.counts).toEqual({ contacts: 1, contracts: 0, records: 0, visits: 0, surveys: 0, complaints: 0 });
  });

  it('keeps false friends apart', async () => {
    const { groups } = await h.call('owner', 'duplicates.find', {});
    for (const key of ['friendA', 'friendB', 'shortA', 'shortB', 'siblingA', 'siblingB']) expect(groupOf(groups, id[key]!), key).toBeUndefined();
  });

  it('leaves out pairs dismissed as not duplicates, for good', async () => {
    await h.call('manager', 'duplicates.dismiss', { ids: [id.mailA!, id.mailB!] });
    await h.failure('staff', 'duplicates.dismiss', { ids: [id.soundA!, id.soundB!] }, 'FORBIDDEN');
    const { groups } = await h.call('owner', 'duplicates.find', {});
    expect(groupOf(groups, id.mailA!)).toBeUndefined();
    expect(groupOf(groups, id.soundA!)).toBeDefined();
  });

  it('shows a masked role the shared number masked, as it sees phones in the list', async () => {
    await h.call('owner', 'settings.update', { maskContacts: true });
    try {
      const { groups } = await h.call('staff', 'duplicates.find', {});
      const phone = groupOf(groups, id.phoneA!)!;
      expect(phone.reasons).toEqual([{ reason: 'phone', value: '138****8000' }]);
      expect(phone.customers.find((c) => c.id === id.phoneA)!.phone).toBe('138****8000');
      expect(JSON.stringify(groups)).not.toContain('13800138000');
    } finally {
      await h.call('owner', 'settings.update', { maskContacts: false });
    }
  });

  it('reports progress as job duplicates, from 0 to the whole, and stops when cancelled', async () => {
    const events: CoreEvent[] = [];
    let started!: () => void;
    const first = new Promise<void>((resolve) => (started = resolve));
    h.core.onEvent('owner', (event) => {
      if (event.job !== 'duplicates') return;
      events.push(event);
      started();
    });
    const finding = h.raw('owner', 'duplicates.find', {});
    await first;
    expect(await h.call('owner', 'jobs.cancel', { job: 'duplicates' })).toEqual({ cancelled: true });
    expect(codeOf(await finding)).toBe('CANCELLED');
    events.length = 0;
    await h.call('owner', 'duplicates.find', {});
    expect(events[0]).toMatchObject({ done: 0 });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
  });

  it('finds again after a rename (the cached name key follows the name) and not a merged customer', async () => {
    const typo = await h.call('owner', 'customers.get', { id: id.typoB! });
    await h.call('owner', 'customers.update', { ...typo, name: '广州天宇星辰', contacts: typo.contacts, tags: typo.tags });
    let { groups } = await h.call('owner', 'duplicates.find', {});
    expect(groupOf(groups, id.typoA!)).toBeUndefined();
    const a = await h.call('owner', 'customers.get', { id: id.latinA! });
    const b = await h.call('owner', 'customers.get', { id: id.latinB! });
    await h.call('owner', 'duplicates.merge', { keep: a.id, merge: b.id, version: { keep: a.version, merge: b.version } });
    ({ groups } = await h.call('owner', 'duplicates.find', {}));
    expect(groupOf(groups, id.latinA!)).toBeUndefined();
  });
});
