// Value grading through the core: a proposal from the last 12 months' sales (grading currency only;
// other currencies listed apart; customers without sales left alone) changes nothing by itself; the
// owner accepts some, rejects some; apply changes the accepted grades in one go with grade history
// "suggested by ABC/RFM, accepted by 老板"; a customer edited since is skipped and listed; only the
// owner may do any of it; monthly proposals are made once per month; the job reports and cancels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import type { Grade } from '../../shared/api/customers.ts';
import type { GradingItem } from '../../shared/api/grading.ts';
import { codeOf, makeHarness, OWNER_PASSWORD, shopWithRoles, type Harness } from './harness.ts';

describe('grading', () => {
  let h: Harness;
  const id: Record<string, number> = {};
  const grade = async (key: string): Promise<Grade> => (await h.call('owner', 'customers.get', { id: id[key]! })).grade;
  const items = async (proposalId: number): Promise<GradingItem[]> => (await h.call('owner', 'grading.items', { proposalId, limit: 100 })).rows;
  const sale = (key: string, soldOn: string, amountMinor: number, currency = 'CNY') =>
    h.call('owner', 'sales.create', { customerId: id[key]!, soldOn, currency, lines: [{ name: '茶叶礼盒', quantityMilli: 1000, unitPriceMinor: amountMinor }] });
  /** Days later the session has locked itself: the owner signs in again. */
  const moveTo = async (ms: number) => {
    h.clock.now = ms;
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
  };

  beforeAll(async () => {
    h = makeHarness(); // 2026-11-22: the window is 2025-12 .. 2026-11
    await shopWithRoles(h);
    for (const [key, g] of [['a', 'normal'], ['b', 'normal'], ['c', 'potential'], ['d', 'normal'], ['e', 'normal'], ['usd', 'normal'], ['none', 'key'], ['old', 'normal']] as const) {
      id[key] = (await h.call('owner', 'customers.create', { name: `客户${key}`, grade: g })).id;
    }
    // Total 100,000 in CNY: a 70 % (A), b 20 % (B: 70 % before it), c, d, e C.
    await sale('a', '2026-11-01', 40_000);
    await sale('a', '2026-03-15', 30_000);
    await sale('b', '2026-10-01', 20_000);
    await sale('c', '2026-11-20', 5_000); // the most recent: R 5, so "C with R ≥ 3 → normal" (an RFM rule)
    await sale('d', '2026-06-01', 4_000); // R 2 → potential
    await sale('e', '2025-12-01', 1_000); // the window's first month; R 1 → potential
    await sale('usd', '2026-11-02', 99_000, 'USD'); // another currency: not graded, listed apart
    await sale('old', '2025-11-30', 50_000); // before the window: no suggestion
  });
  afterAll(() => h.cleanup());

  it('proposes every change with its reason, in revenue order, and changes no grade by itself', async () => {
    const proposal = await h.call('owner', 'grading.propose', {});
    expect(proposal).toMatchObject({ status: 'open', period: { from: '2025-12', to: '2026-11' }, currency: 'CNY', cutoffs: { a: 70, b: 20 }, createdBy: { name: '老板' } });
    expect(proposal.counts).toEqual({ graded: 5, items: 5, pending: 5, accepted: 0, rejected: 0, applied: 0, skipped: 0 });
    expect(proposal.otherCurrencies).toEqual([{ currency: 'USD', customers: 1, totalMinor: 99_000 }]);
    const rows = await items(proposal.id);
    expect(rows.map((r) => [r.customerId, r.fromGrade, r.toGrade, r.abc, r.reason.rule])).toEqual([
      [id.a, 'normal', 'vip', 'A', 0],
      [id.b, 'normal', 'key', 'B', 1],
      [id.c, 'potential', 'normal', 'C', 2],
      [id.d, 'normal', 'potential', 'C', 3],
      [id.e, 'normal', 'potential', 'C', 3],
    ]);
    expect(rows[0]).toMatchObject({ revenueMinor: 70_000, saleCount: 2, daysSince: 21, currency: 'CNY', decision: 'pending', outcome: null, reason: { share: 0, rank: 1, of: 5 } });
    expect(rows[1]!.reason).toMatchObject({ share: 7000, rank: 2 });
    expect(rows.map((r) => r.r)).toEqual([4, 3, 5, 2, 1]);
    for (const key of Object.keys(id)) expect((await h.call('owner', 'customers.get', { id: id[key]! })).gradeHistory).toHaveLength(1);
    expect(await grade('a')).toBe('normal');
    // Pages: one item at a time, in the same order.
    const first = await h.call('owner', 'grading.items', { proposalId: proposal.id, limit: 1 });
    const second = await h.call('owner', 'grading.items', { proposalId: proposal.id, limit: 1, cursor: first.nextCursor });
    expect([first.rows[0]!.customerId, second.rows[0]!.customerId]).toEqual([id.a, id.b]);
  });

  it('applies the accepted changes only, with grade history naming the source and the owner, and skips a customer edited since', async () => {
    const proposal = await h.call('owner', 'grading.propose', {});
    await h.call('owner', 'grading.decide', { proposalId: proposal.id, customerIds: [id.a!, id.b!, id.c!], decision: 'accepted' });
    const decided = await h.call('owner', 'grading.decide', { proposalId: proposal.id, customerIds: [id.d!], decision: 'rejected' });
    expect(decided.counts).toMatchObject({ accepted: 3, rejected: 1, pending: 1 });
    expect(await grade('a')).toBe('normal'); // accepting is not applying
    expect((await h.call('owner', 'grading.items', { proposalId: proposal.id, decision: 'accepted' })).rows.map((r) => r.customerId)).toEqual([id.a, id.b, id.c]);
    // b is edited after the proposal (a new phone): its suggestion no longer stands on what the owner saw.
    const b = await h.call('owner', 'customers.get', { id: id.b! });
    await h.call('manager', 'customers.update', { ...b, phone: '138 0013 8000' });
    h.clock.now += 60_000;
    const { proposal: applied, skipped } = await h.call('owner', 'grading.apply', { proposalId: proposal.id });
    expect(skipped).toEqual([{ customerId: id.b, customerName: '客户b', customerCode: b.code }]);
    expect(applied).toMatchObject({ status: 'applied', appliedAt: h.clock.now, appliedBy: { name: '老板' } });
    expect(applied.counts).toMatchObject({ items: 5, accepted: 3, applied: 2, skipped: 1, rejected: 1, pending: 1 });
    expect([await grade('a'), await grade('b'), await grade('c'), await grade('d'), await grade('e')]).toEqual(['vip', 'normal', 'normal', 'normal', 'normal']);
    const a = await h.call('owner', 'customers.get', { id: id.a! });
    expect(a.gradeHistory[0]).toEqual({ grade: 'vip', at: h.clock.now, byName: '老板', source: 'abc', proposalId: proposal.id });
    expect(a.gradeHistory[1]).toMatchObject({ grade: 'normal', source: 'manual', proposalId: null });
    expect((await h.call('owner', 'customers.get', { id: id.c! })).gradeHistory[0]).toMatchObject({ grade: 'normal', source: 'rfm', proposalId: proposal.id });
    expect((await h.call('owner', 'grading.items', { proposalId: proposal.id })).rows.map((r) => r.outcome)).toEqual(['applied', 'skipped', 'applied', null, null]);
    // Once applied, nothing more: no second apply, no decisions.
    expect(codeOf(await h.raw('owner', 'grading.apply', { proposalId: proposal.id }))).toBe('CONFLICT');
    expect(codeOf(await h.raw('owner', 'grading.decide', { proposalId: proposal.id, customerIds: 'all', decision: 'accepted' }))).toBe('CONFLICT');
    const audit = await h.call('owner', 'audit.list', { action: 'grading.apply' });
    expect(audit.rows[0]).toMatchObject({ entityId: proposal.id });
    // The next proposal knows a is vip already: only b, d, e differ.
    const next = await h.call('owner', 'grading.propose', {});
    expect((await items(next.id)).map((r) => r.customerId)).toEqual([id.b, id.d, id.e]);
  });

  it('accepts or rejects all at once, and a new proposal closes the open one', async () => {
    const older = (await h.call('owner', 'grading.current', {})).proposal!;
    const proposal = await h.call('owner', 'grading.propose', {});
    expect((await h.call('owner', 'grading.get', { id: older.id })).status).toBe('discarded');
    expect((await h.call('owner', 'grading.decide', { proposalId: proposal.id, customerIds: 'all', decision: 'rejected' })).counts).toMatchObject({ rejected: 3, pending: 0 });
    const { proposal: applied } = await h.call('owner', 'grading.apply', { proposalId: proposal.id });
    expect(applied.counts).toMatchObject({ applied: 0, skipped: 0 });
    expect(await grade('b')).toBe('normal');
    const page = await h.call('owner', 'grading.proposals', { limit: 2 });
    expect(page.rows.map((p) => p.id)).toEqual([proposal.id, older.id]);
    expect(page.nextCursor).not.toBeNull();
  });

  it('is the owner\'s alone: managers, staff and viewers are refused every grading method', async () => {
    const proposal = await h.call('owner', 'grading.propose', {});
    for (const role of ['manager', 'staff', 'viewer']) {
      for (const [method, input] of [
        ['grading.propose', {}],
        ['grading.current', {}],
        ['grading.settings', {}],
        ['grading.items', { proposalId: proposal.id }],
        ['grading.decide', { proposalId: proposal.id, customerIds: 'all', decision: 'accepted' }],
        ['grading.apply', { proposalId: proposal.id }],
      ] as const) {
        expect(codeOf(await h.raw(role, method, input)), `${role} ${method}`).toBe('FORBIDDEN');
      }
    }
    expect((await h.call('owner', 'grading.get', { id: proposal.id })).counts.accepted).toBe(0);
  });

  it('follows edited cut-offs and rules, and refuses a rule list that cannot grade', async () => {
    const settings = await h.call('owner', 'grading.settings', {});
    expect(settings).toMatchObject({ currency: 'CNY', cutoffs: { a: 70, b: 20 }, monthly: true });
    expect(codeOf(await h.raw('owner', 'grading.updateSettings', { ...settings, rules: [] }))).toBe('VALIDATION');
    expect(codeOf(await h.raw('owner', 'grading.updateSettings', { ...settings, rules: [{ ...settings.rules[0]!, grade: 'gold' }] }))).toBe('VALIDATION');
    expect(codeOf(await h.raw('owner', 'grading.updateSettings', { ...settings, cutoffs: { a: 90, b: 20 } }))).toBe('VALIDATION');
    // A 95 % cut-off puts b in A too; the rules: A → key, everything else → potential.
    await h.call('owner', 'grading.updateSettings', {
      ...settings,
      cutoffs: { a: 95, b: 4 },
      rules: [
        { abc: 'A', minR: null, minF: null, minM: null, grade: 'key' },
        { abc: null, minR: null, minF: null, minM: null, grade: 'potential' },
      ],
    });
    const proposal = await h.call('owner', 'grading.propose', {});
    expect((await items(proposal.id)).map((r) => [r.customerId, r.toGrade])).toEqual([
      [id.a, 'key'],
      [id.b, 'key'],
      [id.c, 'key'],
      [id.d, 'potential'],
      [id.e, 'potential'],
    ]);
    expect((await h.call('owner', 'audit.list', { action: 'grading.settings' })).rows).toHaveLength(1);
    await h.call('owner', 'grading.updateSettings', settings);
  });

  it('makes the month\'s proposal once when monthly is on, and none when it is off', async () => {
    await moveTo(Date.UTC(2026, 11, 3, 2, 0)); // 3 December: a new month
    const made = (await h.call('owner', 'grading.current', {})).proposal!;
    expect(made).toMatchObject({ monthly: true, period: { from: '2026-01', to: '2026-12' } });
    await moveTo(h.clock.now + 86_400_000);
    expect((await h.call('owner', 'grading.current', {})).proposal!.id).toBe(made.id);
    // Discarded, the month's proposal is not made again.
    await h.call('owner', 'grading.discard', { proposalId: made.id });
    expect((await h.call('owner', 'grading.current', {})).proposal).toBeNull();
    // Off: January makes none.
    const settings = await h.call('owner', 'grading.settings', {});
    await h.call('owner', 'grading.updateSettings', { ...settings, monthly: false });
    await moveTo(Date.UTC(2027, 0, 5, 2, 0));
    expect((await h.call('owner', 'grading.current', {})).proposal).toBeNull();
    await h.call('owner', 'grading.updateSettings', { ...settings, monthly: true });
    expect((await h.call('owner', 'grading.current', {})).proposal).toMatchObject({ monthly: true, period: { to: '2027-01' } });
  });

  it('reports progress as job grading and stores nothing when cancelled', async () => {
    const events: CoreEvent[] = [];
    let started!: () => void;
    const first = new Promise<void>((resolve) => (started = resolve));
    h.core.onEvent('owner', (event) => {
      if (event.job !== 'grading') return;
      events.push(event);
      started();
    });
    const before = (await h.call('owner', 'grading.proposals', { limit: 100 })).rows.length;
    const proposing = h.raw('owner', 'grading.propose', {});
    await first;
    expect(await h.call('owner', 'jobs.cancel', { job: 'grading' })).toEqual({ cancelled: true });
    expect(codeOf(await proposing)).toBe('CANCELLED');
    expect((await h.call('owner', 'grading.proposals', { limit: 100 })).rows).toHaveLength(before);
    events.length = 0;
    await h.call('owner', 'grading.propose', {});
    expect(events[0]).toMatchObject({ done: 0 });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
  });
});
