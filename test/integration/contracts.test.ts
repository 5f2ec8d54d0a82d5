// The contract register (shared/api/contracts.ts, electron/core/areas/contracts): create, update,
// get, list and summary; numbers unique whatever their case or width; CONFLICT on a stale version;
// terminate; auto-renew rolling the end date forward with its history and audit entries; every
// filter and sort with keyset pages through ties; the customer's recycle bin and purge carrying
// its contracts; status and backup counts. Scope and masking per role: contracts-scope.test.ts.
// Status SQL against contractStatus on a table of dates: contracts-status.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contract, ContractDraftInput, ContractQueryInput, ContractRow } from '../../shared/api/contracts.ts';
import { detailsOf, fieldIssuesOf } from '../../shared/error-details.ts';
import { localDay } from '../../shared/contract-status.ts';
import { makeHarness, OWNER_PASSWORD, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let customerA: number;
let customerB: number;
/** The last audit entry before the running test: its own entries come after. */
let testStart = 0;
let serial = 0;

/** The harness clock at local noon of `day` (the shop's local date, whatever the machine's zone). */
function setToday(clock: { now: number }, day: string): void {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  clock.now = new Date(y, m - 1, d, 12, 0, 0).getTime();
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  // The tests move the clock by days and months: no idle lock in between.
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  customerA = (await h.call('owner', 'customers.create', { name: '甲公司' })).id;
  customerB = (await h.call('owner', 'customers.create', { name: '乙公司' })).id;
}, 60_000);
afterAll(() => h.cleanup());
beforeEach(async () => {
  // Every test starts on 2026-11-22 with no live contracts (earlier ones deleted), a moment later.
  setToday(h.clock, '2026-11-22');
  h.clock.now += ++serial;
  for (const row of await allRows({})) {
    const contract = await h.call('owner', 'contracts.get', { id: row.id });
    await h.call('owner', 'contracts.delete', { id: row.id, version: contract.version });
  }
  testStart = await lastAuditId();
});

async function create(draft: Partial<ContractDraftInput> & { number: string }, session = 'owner'): Promise<Contract> {
  return h.call(session, 'contracts.create', { title: `Title of ${draft.number}`, customerId: customerA, ...draft });
}

async function allRows(query: ContractQueryInput, session = 'owner', limit = 100): Promise<ContractRow[]> {
  const out: ContractRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: ContractRow[]; nextCursor: string | null } = await h.call(session, 'contracts.list', { ...query, cursor, limit });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The numbers of `rows`, without the test's own suffix (tests that reuse numbers add `~<serial>`). */
const numbers = (rows: readonly { number: string }[]) => rows.map((row) => row.number.replace(/~\d+$/, ''));

/** The newest audit entry's id (the log lists by time, and these tests move the clock back and forth). */
async function lastAuditId(): Promise<number> {
  let last = 0;
  let cursor: string | null = null;
  do {
    const page: { rows: { id: number }[]; nextCursor: string | null } = await h.call('owner', 'audit.list', { cursor, limit: 100 });
    for (const row of page.rows) last = Math.max(last, row.id);
    cursor = page.nextCursor;
  } while (cursor);
  return last;
}

async function auditOf(action: string) {
  return (await h.call('owner', 'audit.list', { action, limit: 100 })).rows.filter((entry) => entry.id > testStart);
}

describe('contracts: create, get, update', () => {
  it('creates a contract with defaults, derived status, its customer and responsible staff member', async () => {
    const staff = await userNamed(h, 'staff');
    const made = await create({
      number: '  HT-2026-0001 ',
      title: '年度服务',
      type: 'service',
      amount: 123450,
      signedOn: '2026-01-01',
      startOn: '2026-01-01',
      endOn: '2026-12-31',
      ownerId: staff.id,
    });
    expect(made).toMatchObject({
      number: 'HT-2026-0001',
      title: '年度服务',
      type: 'service',
      amount: 123450,
      currency: 'CNY',
      noticeDays: 30,
      noticeOn: '2026-12-01',
      customerName: '甲公司',
      ownerName: 'staff',
      status: 'active',
      renewals: 0,
      terminatedOn: null,
      events: [],
      version: 1,
      deletedAt: null,
      actions: { edit: true, delete: true, terminate: true },
    });
    expect(made.customerCode).toMatch(/^C/);
    expect(await h.call('viewer', 'contracts.get', { id: made.id })).toMatchObject({ number: 'HT-2026-0001', actions: { edit: false, delete: false, terminate: false } });
    expect((await auditOf('contract.create')).map((e) => [e.label, e.entity, e.entityId])).toEqual([['HT-2026-0001', 'contract', made.id]]);
  });

  it('updates with the version it was read at; a stale version is a CONFLICT and changes nothing', async () => {
    const made = await create({ number: 'U-1', signedOn: '2026-01-01', endOn: '2027-06-30' });
    const updated = await h.call('owner', 'contracts.update', { ...draftOf(made), id: made.id, version: 1, title: '改名', amount: 5 });
    expect(updated).toMatchObject({ title: '改名', amount: 5, version: 2 });
    const stale = await h.failure('manager', 'contracts.update', { ...draftOf(made), id: made.id, version: 1, title: 'late' }, 'CONFLICT');
    expect(stale.message).toMatch(/^contracts.update: contract \d+ was changed by someone else/);
    expect((await h.call('owner', 'contracts.get', { id: made.id })).title).toBe('改名');
    const entries = await auditOf('contract.update');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.changes).toEqual([
      { field: 'title', before: 'Title of U-1', after: '改名' },
      { field: 'amount', before: null, after: { minor: 5, currency: 'CNY' } }, // the amount with its currency: the log says ¥0.05
    ]);
  });

  it('keeps notice_on with the end date and notice days on every write', async () => {
    const made = await create({ number: 'N-1', signedOn: '2026-01-01', endOn: '2027-03-31', noticeDays: 31 });
    expect(made.noticeOn).toBe('2027-02-28');
    const moved = await h.call('owner', 'contracts.update', { ...draftOf(made), id: made.id, version: 1, endOn: '2026-12-10', noticeDays: 20 });
    expect(moved).toMatchObject({ noticeOn: '2026-11-20', status: 'expiring' });
    const open = await h.call('owner', 'contracts.update', { ...draftOf(moved), id: made.id, version: 2, endOn: null });
    expect(open).toMatchObject({ noticeOn: null, status: 'active' });
  });

  it('refuses bad drafts with reasons: end before start, auto-renew without a term, an unknown currency, a customer not seen', async () => {
    const bad = async (draft: Partial<ContractDraftInput>) => fieldIssuesOf(await h.failure('owner', 'contracts.create', { number: 'BAD', title: 't', customerId: customerA, ...draft }, 'VALIDATION'));
    expect(await bad({ startOn: '2026-05-01', endOn: '2026-04-30' })).toMatchObject([{ path: ['endOn'], message: 'dateOrder' }]);
    expect(await bad({ autoRenew: true, endOn: '2026-04-30' })).toMatchObject([{ path: ['renewalMonths'], message: 'renewalTerm' }]);
    expect(await bad({ autoRenew: true, renewalMonths: 12 })).toMatchObject([{ path: ['endOn'], message: 'renewalTerm' }]);
    expect(await bad({ currency: 'XYZ' })).toMatchObject([{ path: ['currency'], message: 'currency' }]);
    expect(await bad({ endOn: '2026-02-29' })).toMatchObject([{ path: ['endOn'], message: 'date' }]);
    expect(await bad({ customerId: 999_999 })).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    expect(await bad({ amount: 1.5 })).toMatchObject([{ path: ['amount'] }]);
    expect(await bad({ number: '  ' })).toMatchObject([{ path: ['number'] }]);
    const viewer = await userNamed(h, 'viewer');
    expect(await bad({ ownerId: viewer.id })).toMatchObject([{ path: ['ownerId'], message: 'ownerId' }]);
    expect(await allRows({ q: 'BAD' })).toEqual([]);
  });

  it('takes a currency in any case and keeps it upper-case', async () => {
    expect((await create({ number: 'JPY-1', currency: 'jpy', amount: 5000 })).currency).toBe('JPY');
  });
});

describe('contracts: numbers', () => {
  it('refuses a number taken whatever its case or width, naming the one that has it', async () => {
    await create({ number: 'HT-2026-0100' });
    for (const number of ['HT-2026-0100', 'ht-2026-0100', 'ＨＴ－２０２６－０１００', 'Ｈt-2026-0100']) {
      const error = await h.failure('owner', 'contracts.create', { number, title: 't', customerId: customerA }, 'CONFLICT');
      expect(detailsOf(error, 'CONFLICT'), number).toEqual({ reason: 'number', number: 'HT-2026-0100' });
      expect(error.message).toMatch(/^contracts.create: contract number .* is taken/);
    }
    // Letters beyond ASCII compare case-insensitively too.
    await create({ number: 'ÄÖ-1' });
    expect(detailsOf(await h.failure('owner', 'contracts.create', { number: 'äö-1', title: 't', customerId: customerA }, 'CONFLICT'), 'CONFLICT')).toEqual({
      reason: 'number',
      number: 'ÄÖ-1',
    });
  });

  it('keeps the number of a contract in the recycle bin, and lets a contract keep its own number in another case', async () => {
    const gone = await create({ number: 'BIN-1' });
    await h.call('owner', 'contracts.delete', { id: gone.id, version: 1 });
    await h.failure('owner', 'contracts.create', { number: 'bin-1', title: 't', customerId: customerA }, 'CONFLICT');
    const mine = await create({ number: 'CASE-1' });
    expect((await h.call('owner', 'contracts.update', { ...draftOf(mine), id: mine.id, version: 1, number: 'case-1' })).number).toBe('case-1');
    const other = await create({ number: 'CASE-2' });
    await h.failure('owner', 'contracts.update', { ...draftOf(other), id: other.id, version: 1, number: 'CASE-1' }, 'CONFLICT');
  });

  it('suggests the next free number of the shop-local year', async () => {
    setToday(h.clock, '2027-01-01');
    expect(await h.call('staff', 'contracts.suggestNumber', {})).toEqual({ number: 'HT-2027-0001' });
    await create({ number: 'HT-2027-0001' });
    await create({ number: 'ht-2027-0009' });
    await create({ number: 'HT-2027-0010-A' });
    expect(await h.call('owner', 'contracts.suggestNumber', {})).toEqual({ number: 'HT-2027-0010' });
    await create({ number: 'HT-2027-0010' });
    expect(await h.call('owner', 'contracts.suggestNumber', {})).toEqual({ number: 'HT-2027-0011' });
  });
});

describe('contracts: terminate', () => {
  it('terminates on a day with a reason, recorded in its history and the audit log; once', async () => {
    const made = await create({ number: 'T-1', signedOn: '2026-01-01', endOn: '2027-12-31' });
    const later = await h.call('manager', 'contracts.terminate', { id: made.id, version: 1, on: '2026-12-15', reason: '客户搬迁' });
    // Terminated later this year: still active until that day.
    expect(later).toMatchObject({ status: 'active', terminatedOn: '2026-12-15', terminationReason: '客户搬迁', version: 2, actions: { terminate: false } });
    expect(later.events).toMatchObject([{ kind: 'terminated', onDay: '2026-12-15', note: '客户搬迁', byName: 'manager', fromEnd: '2027-12-31' }]);
    await h.failure('owner', 'contracts.terminate', { id: made.id, version: 2, on: '2026-12-01', reason: '' }, 'CONFLICT');
    setToday(h.clock, '2026-12-15');
    expect((await h.call('owner', 'contracts.get', { id: made.id })).status).toBe('terminated');
    expect((await auditOf('contract.terminate')).map((e) => e.changes)).toEqual([
      [
        { field: 'terminatedOn', before: null, after: '2026-12-15' },
        { field: 'terminationReason', before: null, after: '客户搬迁' },
      ],
    ]);
    await h.failure('owner', 'contracts.terminate', { id: made.id, version: 1, on: '2026-12-01' }, 'CONFLICT');
  });
});

describe('contracts: auto-renew', () => {
  it('rolls the end date forward by the term when the end has passed, as many times as needed, recorded once each', async () => {
    const made = await create({ number: 'R-1', signedOn: '2025-01-01', endOn: '2026-12-31', autoRenew: true, renewalMonths: 1, noticeDays: 10 });
    expect(made).toMatchObject({ status: 'active', renewals: 0 });
    setToday(h.clock, '2027-03-01');
    const rolled = await h.call('viewer', 'contracts.get', { id: made.id });
    // Jan 31 → Feb 28 → Mar 31: counted from the first end, not from the clamped February end.
    expect(rolled).toMatchObject({ endOn: '2027-03-31', renewals: 3, status: 'renewed', version: 2, noticeOn: '2027-03-21' });
    expect(rolled.events.map((e) => [e.kind, e.fromEnd, e.toEnd, e.onDay, e.byName])).toEqual([
      ['renewed', '2026-12-31', '2027-01-31', '2027-01-01', null],
      ['renewed', '2027-01-31', '2027-02-28', '2027-02-01', null],
      ['renewed', '2027-02-28', '2027-03-31', '2027-03-01', null],
    ]);
    // Idempotent: reading again (list, count, get) renews nothing more.
    await allRows({});
    await h.call('owner', 'contracts.summary', {});
    expect((await h.call('owner', 'contracts.get', { id: made.id })).renewals).toBe(3);
    const entries = await auditOf('contract.renew');
    expect(entries.map((e) => [e.username, e.userId, e.label, e.changes[0]])).toEqual([
      ['automatic', null, 'R-1', { field: 'endOn', before: '2027-02-28', after: '2027-03-31' }],
      ['automatic', null, 'R-1', { field: 'endOn', before: '2027-01-31', after: '2027-02-28' }],
      ['automatic', null, 'R-1', { field: 'endOn', before: '2026-12-31', after: '2027-01-31' }],
    ]);
    // The next month: one more, still from the anchor (Apr 30, then May 31).
    setToday(h.clock, '2027-05-01');
    expect((await h.call('owner', 'contracts.get', { id: made.id })).endOn).toBe('2027-05-31');
    // An edited end date is its own anchor.
    const current = await h.call('owner', 'contracts.get', { id: made.id });
    await h.call('owner', 'contracts.update', { ...draftOf(current), id: made.id, version: current.version, endOn: '2027-05-30' });
    setToday(h.clock, '2027-07-01');
    expect((await h.call('owner', 'contracts.get', { id: made.id })).endOn).toBe('2027-07-30');
  });

  it('renews a contract entered with an end already past at once; never a draft, a terminated one, one without auto-renew', async () => {
    const late = await create({ number: 'R-2', signedOn: '2024-01-01', endOn: '2025-06-30', autoRenew: true, renewalMonths: 12 });
    expect(late).toMatchObject({ endOn: '2027-06-30', renewals: 2, status: 'renewed' });
    const draft = await create({ number: 'R-3', endOn: '2026-01-31', autoRenew: true, renewalMonths: 1 });
    const plain = await create({ number: 'R-4', signedOn: '2024-01-01', endOn: '2026-01-31' });
    const ended = await create({ number: 'R-5', signedOn: '2024-01-01', endOn: '2026-12-31', autoRenew: true, renewalMonths: 1 });
    await h.call('owner', 'contracts.terminate', { id: ended.id, version: 1, on: '2026-12-31', reason: '' });
    setToday(h.clock, '2027-02-01');
    const byNumber = new Map((await allRows({})).map((row) => [row.number, row]));
    expect(byNumber.get('R-3')).toMatchObject({ status: 'draft', endOn: '2026-01-31' });
    expect(byNumber.get('R-4')).toMatchObject({ status: 'expired', endOn: '2026-01-31' });
    expect(byNumber.get('R-5')).toMatchObject({ status: 'terminated', endOn: '2026-12-31' });
    expect((await h.call('owner', 'contracts.get', { id: draft.id })).renewals).toBe(0);
    expect((await h.call('owner', 'contracts.get', { id: plain.id })).renewals).toBe(0);
  });

  it('leaves a contract in the recycle bin alone until it is restored', async () => {
    const made = await create({ number: 'R-6', signedOn: '2024-01-01', endOn: '2026-12-31', autoRenew: true, renewalMonths: 6 });
    await h.call('owner', 'contracts.delete', { id: made.id, version: 1 });
    setToday(h.clock, '2027-01-05');
    await allRows({});
    const restored = await h.call('owner', 'contracts.restore', { id: made.id });
    expect(restored).toMatchObject({ endOn: '2027-06-30', renewals: 1 });
  });
});

describe('contracts: list, filters, sorts, summary', () => {
  beforeEach(async () => {
    const staff = await userNamed(h, 'staff');
    // Today is 2026-11-22.
    await create({ number: `L-01~${serial}`, type: 'sales', amount: 100, signedOn: '2026-01-10', endOn: '2026-12-01', customerId: customerA }); // expiring (notice 11-01)
    await create({ number: `L-02~${serial}`, type: 'service', amount: 200, signedOn: '2026-02-10', endOn: '2027-12-01', customerId: customerB, ownerId: staff.id }); // active
    await create({ number: `L-03~${serial}`, type: 'nda', amount: null, endOn: '2026-12-20' }); // draft
    await create({ number: `L-04~${serial}`, type: 'sales', amount: 300, currency: 'USD', signedOn: '2025-03-10', endOn: '2026-10-01' }); // expired
    await create({ number: `L-05~${serial}`, type: 'framework', amount: 200, signedOn: '2026-03-10', endOn: null, title: '框架协议' }); // active, open-ended
    const t = await create({ number: `L-06~${serial}`, type: 'other', amount: 50, signedOn: '2026-04-10', endOn: '2026-12-05' });
    await h.call('owner', 'contracts.terminate', { id: t.id, version: 1, on: '2026-11-01', reason: '' }); // terminated
  });

  it('filters by status, type, customer, responsible staff, expiring within N days, signed range, amount range, currency, text', async () => {
    const staff = await userNamed(h, 'staff');
    const by = async (query: ContractQueryInput) => numbers(await allRows({ ...query, sort: 'number' }));
    expect(await by({ status: 'expiring' })).toEqual(['L-01']);
    expect(await by({ status: 'active' })).toEqual(['L-02', 'L-05']);
    expect(await by({ status: 'draft' })).toEqual(['L-03']);
    expect(await by({ status: 'expired' })).toEqual(['L-04']);
    expect(await by({ status: 'terminated' })).toEqual(['L-06']);
    expect(await by({ status: 'renewed' })).toEqual([]);
    expect(await by({ type: 'sales' })).toEqual(['L-01', 'L-04']);
    expect(await by({ customerId: customerB })).toEqual(['L-02']);
    expect(await by({ ownerId: staff.id })).toEqual(['L-02']);
    // End between today and today + N, not terminated (a draft's end counts).
    expect(await by({ expiringWithinDays: 9 })).toEqual(['L-01']);
    expect(await by({ expiringWithinDays: 30 })).toEqual(['L-01', 'L-03']);
    expect(await by({ expiringWithinDays: 0 })).toEqual([]);
    expect(await by({ signedFrom: '2026-02-10', signedTo: '2026-03-10' })).toEqual(['L-02', 'L-05']);
    expect(await by({ signedTo: '2025-12-31' })).toEqual(['L-04']);
    expect(await by({ amountMin: 200 })).toEqual(['L-02', 'L-04', 'L-05']);
    expect(await by({ amountMax: 100 })).toEqual(['L-01', 'L-06']);
    expect(await by({ amountMin: 150, amountMax: 250 })).toEqual(['L-02', 'L-05']);
    expect(await by({ currency: 'usd' })).toEqual(['L-04']);
    expect(await by({ q: '框架' })).toEqual(['L-05']);
    expect(await by({ q: 'l-0' })).toHaveLength(6);
    expect(await by({ q: 'Ｌ－０３' })).toEqual(['L-03']);
    expect(await by({ status: 'active', type: 'framework' })).toEqual(['L-05']);
  });

  it('sorts by end, signed date, amount and number in both directions (none last ascending)', async () => {
    expect(numbers(await allRows({ sort: 'end' }))).toEqual(['L-04', 'L-01', 'L-06', 'L-03', 'L-02', 'L-05']);
    expect(numbers(await allRows({ sort: 'end', direction: 'desc' }))).toEqual(['L-05', 'L-02', 'L-03', 'L-06', 'L-01', 'L-04']);
    expect(numbers(await allRows({ sort: 'signed' }))).toEqual(['L-04', 'L-01', 'L-02', 'L-05', 'L-06', 'L-03']);
    // Equal amounts in id order (L-02 before L-05); no amount lowest.
    expect(numbers(await allRows({ sort: 'amount' }))).toEqual(['L-03', 'L-06', 'L-01', 'L-02', 'L-05', 'L-04']);
    expect(numbers(await allRows({ sort: 'amount', direction: 'desc' }))).toEqual(['L-04', 'L-05', 'L-02', 'L-01', 'L-06', 'L-03']);
    expect(numbers(await allRows({ sort: 'number', direction: 'desc' }))).toEqual(['L-06', 'L-05', 'L-04', 'L-03', 'L-02', 'L-01']);
  });

  it('pages through ties one row at a time without losing or repeating a row, in every sort and direction', async () => {
    for (let i = 0; i < 5; i++) await create({ number: `TIE-${i}~${serial}`, amount: 200, signedOn: '2026-02-10', endOn: '2027-12-01' });
    for (const sort of ['end', 'signed', 'amount', 'number'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = numbers(await allRows({ sort, direction }, 'owner', 100));
        const paged = numbers(await allRows({ sort, direction }, 'owner', 1));
        expect(paged, `${sort} ${direction}`).toEqual(whole);
        expect(new Set(paged).size).toBe(11);
      }
    }
    // A cursor of another order is refused.
    const page = await h.call('owner', 'contracts.list', { sort: 'amount', limit: 2 });
    await h.failure('owner', 'contracts.list', { sort: 'end', limit: 2, cursor: page.nextCursor }, 'VALIDATION');
  });

  it('counts and totals per status and currency under the same filters', async () => {
    const summary = await h.call('manager', 'contracts.summary', {});
    expect(summary.count).toBe(6);
    expect(summary.totals).toEqual([
      { status: 'active', currency: 'CNY', count: 2, amount: 400 },
      { status: 'draft', currency: 'CNY', count: 1, amount: 0 },
      { status: 'expired', currency: 'USD', count: 1, amount: 300 },
      { status: 'expiring', currency: 'CNY', count: 1, amount: 100 },
      { status: 'terminated', currency: 'CNY', count: 1, amount: 50 },
    ]);
    expect(await h.call('owner', 'contracts.summary', { type: 'sales' })).toEqual({
      count: 2,
      totals: [
        { status: 'expired', currency: 'USD', count: 1, amount: 300 },
        { status: 'expiring', currency: 'CNY', count: 1, amount: 100 },
      ],
    });
    expect(await h.call('viewer', 'contracts.expiringCount', {})).toEqual({ count: 1 });
    // The status moves with the clock: on 2026-12-02, L-01 has expired and L-06's... still terminated.
    setToday(h.clock, '2026-12-02');
    expect(await h.call('viewer', 'contracts.expiringCount', {})).toEqual({ count: 0 });
    expect(numbers(await allRows({ status: 'expired', sort: 'number' }))).toEqual(['L-01', 'L-04']);
  });
});

describe('contracts: recycle bin and the customer carrying its contracts', () => {
  it('deletes to the bin and restores; a customer in the bin hides its contracts and brings them back', async () => {
    const customer = await h.call('owner', 'customers.create', { name: '丙公司' });
    const one = await create({ number: 'B-1', customerId: customer.id, signedOn: '2026-01-01', endOn: '2026-12-01' });
    const two = await create({ number: 'B-2', customerId: customer.id });
    await h.call('owner', 'contracts.delete', { id: two.id, version: 1 });
    expect(numbers((await h.call('owner', 'contracts.listDeleted', {})).rows)).toContain('B-2');
    expect(numbers(await allRows({}))).toEqual(['B-1']);

    await h.call('owner', 'customers.delete', { id: customer.id, version: customer.version });
    expect(await allRows({})).toEqual([]);
    expect(await h.call('owner', 'contracts.expiringCount', {})).toEqual({ count: 0 });
    expect((await h.call('owner', 'contracts.summary', {})).count).toBe(0);
    await h.failure('owner', 'contracts.get', { id: one.id }, 'NOT_FOUND');
    // Its own bin entry waits for the customer: not listed, not restorable meanwhile.
    expect(numbers((await h.call('owner', 'contracts.listDeleted', {})).rows)).not.toContain('B-2');
    await h.failure('owner', 'contracts.restore', { id: two.id }, 'NOT_FOUND');
    await h.failure('owner', 'contracts.create', { number: 'B-3', title: 't', customerId: customer.id }, 'VALIDATION');

    await h.call('owner', 'customers.restore', { id: customer.id });
    // Back with the customer: the contract that was live; the one deleted on its own stays in the bin.
    expect(numbers(await allRows({}))).toEqual(['B-1']);
    expect(await h.call('owner', 'contracts.expiringCount', {})).toEqual({ count: 1 });
    const restored = await h.call('owner', 'contracts.restore', { id: two.id });
    expect(restored).toMatchObject({ number: 'B-2', deletedAt: null, version: 3 });
    expect((await auditOf('contract.restore')).map((e) => e.label)).toEqual(['B-2']);
    expect((await auditOf('contract.delete')).map((e) => e.label)).toEqual(['B-2']);
  });

  it('purging a customer removes its contracts and their history', async () => {
    const customer = await h.call('owner', 'customers.create', { name: '丁公司' });
    const made = await create({ number: 'P-1', customerId: customer.id, signedOn: '2026-01-01', endOn: '2027-01-01' });
    await h.call('owner', 'contracts.terminate', { id: made.id, version: 1, on: '2026-12-01', reason: 'x' });
    const deleted = await h.call('owner', 'customers.get', { id: customer.id });
    await h.call('owner', 'customers.delete', { id: customer.id, version: deleted.version });
    await h.call('owner', 'customers.purge', { id: customer.id });
    await h.failure('owner', 'contracts.get', { id: made.id }, 'NOT_FOUND');
    // The number is free again.
    await create({ number: 'P-1' });
  });

  it('staff delete and restore only the contracts they created', async () => {
    const byOwner = await create({ number: 'S-1' });
    const byStaff = await create({ number: 'S-2' }, 'staff');
    expect((await h.call('staff', 'contracts.get', { id: byOwner.id })).actions).toEqual({ edit: true, delete: false, terminate: true });
    expect(byStaff.actions).toEqual({ edit: true, delete: true, terminate: true });
    await h.failure('staff', 'contracts.delete', { id: byOwner.id, version: 1 }, 'FORBIDDEN');
    await h.call('staff', 'contracts.delete', { id: byStaff.id, version: 1 });
    const bin = (await h.call('staff', 'contracts.listDeleted', {})).rows;
    expect(bin.find((row) => row.number === 'S-2')?.actions).toEqual({ edit: false, delete: true, terminate: false });
    await h.call('staff', 'contracts.restore', { id: byStaff.id });
  });
});

describe('contracts: counted in status', () => {
  it('counts contracts and their history in system.status and in a backup manifest', async () => {
    const made = await create({ number: 'C-1', signedOn: '2026-01-01', endOn: '2027-01-01' });
    await h.call('owner', 'contracts.terminate', { id: made.id, version: 1, on: '2026-12-01', reason: '' });
    const status = await h.call('owner', 'system.status', {});
    const counts = status.counts as Record<string, number>;
    expect(counts.contracts).toBeGreaterThanOrEqual(1);
    expect(counts.contract_events).toBeGreaterThanOrEqual(1);
    // The backup's manifest counts the same tables, and verifying it reads them back.
    const folder = mkdtempSync(join(tmpdir(), 'clientele-contracts-backup-'));
    try {
      const written = await h.call('owner', 'backup.create', { folder });
      expect(written.counts).toMatchObject({ contracts: counts.contracts, contract_events: counts.contract_events });
      const verified = await h.call('owner', 'backup.verify', { file: written.file, credentials: { username: 'boss', password: OWNER_PASSWORD } });
      expect(verified.manifest.counts).toMatchObject({ contracts: counts.contracts, contract_events: counts.contract_events });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

function draftOf(contract: Contract): ContractDraftInput {
  return {
    number: contract.number,
    title: contract.title,
    customerId: contract.customerId,
    type: contract.type,
    amount: contract.amount,
    currency: contract.currency,
    signedOn: contract.signedOn,
    startOn: contract.startOn,
    endOn: contract.endOn,
    autoRenew: contract.autoRenew,
    renewalMonths: contract.renewalMonths,
    noticeDays: contract.noticeDays,
    ownerId: contract.ownerId,
    notes: contract.notes,
  };
}

// Keeps `localDay` in the imports honest: the harness day is the shop's local day.
it('puts the harness clock on the shop-local day asked for', () => {
  const clock = { now: 0 };
  setToday(clock, '2028-02-29');
  expect(localDay(clock.now)).toBe('2028-02-29');
});
