// Churn warnings through the core, every rule from real rows built on the harness clock: the shop
// is made on 2026-11-22 and looked at on 2027-03-22 (120 days later). Sorted by value at risk (the
// grading window's revenue), then by name; a rule filter; keyset pages; the staff scope; a
// dismissal hides a warning while its facts stay the same and shows it again when they change;
// the k setting (owner only); who may do what; Today's churn section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChurnRow } from '../../shared/api/churn.ts';
import { localDay } from '../../shared/contract-status.ts';
import type { Role } from '../../shared/roles.ts';
import { makeHarness, OWNER_PASSWORD, shopWithRoles, TEST_START, USER_PASSWORD, type Harness } from './harness.ts';

const DAY_MS = 86_400_000;
const LATER = TEST_START + 120 * DAY_MS; // 2027-03-22 09:00 UTC

describe('churn warnings', () => {
  let h: Harness;
  const id: Record<string, number> = {};
  let staffId = 0;
  const sale = (key: string, soldOn: string, amountMinor: number) =>
    h.call('owner', 'sales.create', { customerId: id[key]!, soldOn, currency: 'CNY', lines: [{ name: '茶叶礼盒', quantityMilli: 1000, unitPriceMinor: amountMinor }] });
  const list = async (session = 'owner', input: { rule?: ChurnRow['reasons'][number]['rule']; limit?: number; cursor?: string | null } = {}) => h.call(session, 'churn.list', input);
  const byKey = (rows: readonly ChurnRow[]) => Object.fromEntries(Object.entries(id).map(([key, value]) => [key, rows.find((row) => row.customerId === value)]));
  /** Days later every session has locked itself: each signs in again. */
  const moveTo = async (ms: number) => {
    h.clock.now = ms;
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    for (const role of ['manager', 'staff', 'viewer'] as const satisfies readonly Role[]) await h.call(role, 'auth.signIn', { username: role, password: USER_PASSWORD });
  };

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    staffId = (await h.call('owner', 'users.list', {})).find((u) => u.username === 'staff')!.id;
    // Cadences: VIP 30 days, the others ten years (only the VIP customers are judged by it here).
    const standards = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', {
      version: standards.version,
      grades: [
        { grade: 'vip', returnDays: 30, responseHours: 24 },
        { grade: 'key', returnDays: 3650, responseHours: 24 },
        { grade: 'normal', returnDays: 3650, responseHours: 24 },
        { grade: 'potential', returnDays: 3650, responseHours: 24 },
      ],
    });
    const names: [string, string, 'vip' | 'normal'][] = [
      ['interval', '甲 常客', 'normal'],
      ['steady', '乙 稳定', 'normal'],
      ['cadence', '丙 贵宾', 'vip'],
      ['contacted', '丁 贵宾', 'vip'],
      ['satisfaction', '戊 满意度', 'normal'],
      ['complaints', '己 投诉', 'normal'],
      ['contract', '庚 合同', 'normal'],
      ['renewed', '辛 续约', 'normal'],
      ['quiet', '壬 无事', 'normal'],
    ];
    for (const [key, name, grade] of names) {
      id[key] = (await h.call('owner', 'customers.create', { name, grade, ownerId: key === 'complaints' ? staffId : null })).id;
    }
    // interval: three sales ten days apart, the last 97 days before 2027-03-22 (k 2 → 20 days).
    await sale('interval', '2026-11-25', 1_000);
    await sale('interval', '2026-12-05', 1_000);
    await sale('interval', '2026-12-15', 1_000);
    // steady: about two months apart, the last two days before.
    await sale('steady', '2026-11-23', 500);
    await sale('steady', '2027-01-20', 500);
    // satisfaction: CSAT 5 then 3.
    await sale('satisfaction', '2026-11-22', 10_000);
    await h.call('owner', 'surveys.create', { customerId: id.satisfaction!, at: TEST_START + 3_600_000, scores: [{ dimensionId: 1, score: 5 }, { dimensionId: 2, score: 5 }], nps: null });
    await h.call('owner', 'surveys.create', { customerId: id.satisfaction!, at: TEST_START + 7_200_000, scores: [{ dimensionId: 1, score: 3 }, { dimensionId: 2, score: 3 }], nps: null });
    // complaints: one open (its deadline passes long before the day looked at), one resolved.
    await h.call('owner', 'complaints.create', { customerId: id.complaints!, category: 'service', severity: 'medium', description: '等太久', source: 'phone', assigneeId: null });
    // contract: ends 10 days after the day looked at, no auto-renew, no later contract; the value leader.
    await sale('contract', '2026-12-01', 50_000);
    await h.call('owner', 'contracts.create', { number: 'HT-1', title: '年度服务', customerId: id.contract!, signedOn: '2026-04-01', startOn: '2026-04-01', endOn: '2027-04-01' });
    // renewed: the same, and a later contract signed already.
    await h.call('owner', 'contracts.create', { number: 'HT-2', title: '年度服务', customerId: id.renewed!, signedOn: '2026-04-01', startOn: '2026-04-01', endOn: '2027-04-01' });
    await h.call('owner', 'contracts.create', { number: 'HT-3', title: '续约', customerId: id.renewed!, signedOn: '2027-03-01', startOn: '2027-04-02', endOn: '2028-04-01' });
    await moveTo(LATER);
    // contacted: a VIP heard from ten days ago.
    await h.call('owner', 'records.create', { customerId: id.contacted!, kind: 'communication', channel: 'phone', at: LATER - 10 * DAY_MS, content: '回访' });
  });
  afterAll(() => h.cleanup());

  it('finds each rule from real rows, with its facts', async () => {
    const page = await list();
    const rows = byKey(page.rows);
    expect(page.day).toBe('2027-03-22');
    expect(rows.interval?.reasons).toEqual([{ rule: 'interval', daysSince: 97, usualDays: 10, k: 2, lastOn: '2026-12-15' }]);
    expect(rows.cadence?.reasons).toEqual([{ rule: 'cadence', daysSince: 120, cadenceDays: 30, grade: 'vip', lastOn: '2026-11-22', neverContacted: true }]);
    expect(rows.satisfaction?.reasons).toEqual([expect.objectContaining({ rule: 'satisfaction', before: 5, after: 3, scale: 'csat', surveyOn: localDay(TEST_START + 7_200_000) })]);
    expect(rows.complaints?.reasons).toEqual([expect.objectContaining({ rule: 'complaints', open: 1, overdue: 1 })]);
    expect(rows.contract?.reasons).toEqual([expect.objectContaining({ rule: 'contract', number: 'HT-1', endOn: '2027-04-01', ended: false })]);
    for (const quiet of ['steady', 'contacted', 'renewed', 'quiet']) expect(rows[quiet], quiet).toBeUndefined();
    expect(page.total).toBe(5);
  });

  it('sorts by value at risk in the grading currency, then by name; pages by cursor; filters by rule', async () => {
    const page = await list();
    expect(page.rows.map((row) => [row.customerId, row.valueMinor])).toEqual([
      [id.contract, 50_000],
      [id.satisfaction, 10_000],
      [id.interval, 3_000],
      // no sales: value 0, by name (丙, 己 in pinyin order: bing, ji)
      [id.cadence, 0],
      [id.complaints, 0],
    ]);
    expect(page).toMatchObject({ currency: 'CNY', totalValueMinor: 63_000, next: null });
    expect(page.rows[0]).toMatchObject({ customerName: '庚 合同', grade: 'normal', currency: 'CNY', actions: { dismiss: true, planVisit: true } });
    const first = await list('owner', { limit: 2 });
    const second = await list('owner', { limit: 2, cursor: first.next });
    const third = await list('owner', { limit: 2, cursor: second.next });
    expect([...first.rows, ...second.rows, ...third.rows].map((row) => row.customerId)).toEqual(page.rows.map((row) => row.customerId));
    expect(third.next).toBeNull();
    expect((await list('owner', { rule: 'contract' })).rows.map((row) => row.customerId)).toEqual([id.contract]);
    await h.failure('owner', 'churn.list', { cursor: 'not-a-cursor' }, 'VALIDATION');
  });

  it('shows staff only their own customers under the scope setting, and refuses what they do not see', async () => {
    expect((await list('staff')).total).toBe(5); // scope off: the whole shop
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const mine = await list('staff');
      expect(mine.rows.map((row) => row.customerId)).toEqual([id.complaints]);
      expect(mine.rows[0]!.ownerName).toBe('staff');
      await h.failure('staff', 'churn.dismiss', { customerId: id.contract!, rule: 'contract', reason: '已沟通' }, 'NOT_FOUND');
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });

  it('hides a dismissed warning while its facts stay the same, and shows it again when they change', async () => {
    await h.failure('owner', 'churn.dismiss', { customerId: id.quiet!, rule: 'cadence', reason: '没有这个预警' }, 'CONFLICT');
    await h.failure('owner', 'churn.dismiss', { customerId: id.cadence!, rule: 'cadence', reason: '' }, 'VALIDATION');
    const done = await h.call('staff', 'churn.dismiss', { customerId: id.cadence!, rule: 'cadence', reason: '客户出国三个月' });
    expect(done).toEqual({ customerId: id.cadence, rule: 'cadence', dismissedAt: h.clock.now });
    expect(byKey((await list()).rows).cadence).toBeUndefined();
    await h.failure('owner', 'churn.dismiss', { customerId: id.cadence!, rule: 'cadence', reason: '再来一次' }, 'CONFLICT');
    const audit = await h.call('owner', 'audit.list', { action: 'churn.dismiss' });
    expect(audit.rows[0]).toMatchObject({ entity: 'churn', entityId: id.cadence, username: 'staff', label: expect.stringContaining('丙 贵宾') });
    // Days pass: the facts are the same (only the days since grow); still hidden.
    await moveTo(LATER + 5 * DAY_MS);
    expect(byKey((await list()).rows).cadence).toBeUndefined();
    // A contact 40 days ago: still past the cadence, but on new facts: shown again.
    await h.call('owner', 'records.create', { customerId: id.cadence!, kind: 'communication', channel: 'phone', at: h.clock.now - 40 * DAY_MS, content: '电话' });
    expect(byKey((await list()).rows).cadence?.reasons).toEqual([expect.objectContaining({ rule: 'cadence', daysSince: 40, neverContacted: false })]);
    // Complaints: dismissed, then a second complaint opened: shown again.
    await h.call('owner', 'churn.dismiss', { customerId: id.complaints!, rule: 'complaints', reason: '正在处理' });
    expect(byKey((await list()).rows).complaints).toBeUndefined();
    await h.call('owner', 'complaints.create', { customerId: id.complaints!, category: 'product', severity: 'low', description: '包装破损', source: 'phone', assigneeId: null });
    expect(byKey((await list()).rows).complaints?.reasons).toEqual([expect.objectContaining({ open: 2 })]);
    await moveTo(LATER);
  });

  it('lets only the owner change k, which the interval rule follows', async () => {
    expect(await h.call('manager', 'churn.settings', {})).toEqual({ k: 2, actions: { edit: false } });
    await h.failure('manager', 'churn.setSettings', { k: 10 }, 'FORBIDDEN');
    await h.failure('owner', 'churn.setSettings', { k: 0 }, 'VALIDATION');
    expect(await h.call('owner', 'churn.setSettings', { k: 10 })).toEqual({ k: 10, actions: { edit: true } });
    expect(byKey((await list()).rows).interval).toBeUndefined(); // 97 days is not more than 10 × 10
    await h.call('owner', 'churn.setSettings', { k: 2 });
    expect(byKey((await list()).rows).interval).toBeDefined();
  });

  it('lets viewers read warnings but not dismiss them', async () => {
    const seen = await list('viewer');
    expect(seen.rows[0]!.actions).toEqual({ dismiss: false, planVisit: false });
    await h.failure('viewer', 'churn.dismiss', { customerId: id.contract!, rule: 'contract', reason: '已沟通' }, 'FORBIDDEN');
  });

  it('puts the top warnings in Today, value first, opening the customer', async () => {
    const today = await h.call('owner', 'today.get', {});
    const churn = today.sections.churn;
    expect(churn.total).toBe((await list()).total);
    expect(churn.items.map((item) => item.customerId)).toEqual((await list()).rows.map((row) => row.customerId));
    expect(churn.items[0]).toMatchObject({
      kind: 'churn',
      refId: id.contract,
      occurrence: '2027-03-22',
      customerName: '庚 合同',
      details: { churn: { valueMinor: 50_000, currency: 'CNY', reasons: [expect.objectContaining({ rule: 'contract' })] } },
      actions: { open: { kind: 'customer', id: id.contract }, snooze: false, done: false },
    });
    // Staff's "mine": the customers they answer for.
    const staffToday = await h.call('staff', 'today.get', {});
    expect(staffToday.sections.churn.items.map((item) => item.customerId)).toEqual([id.complaints]);
  });
});
