// Who sees which contracts: with "staff see only their own customers" on, a staff member sees,
// counts, totals, changes and restores only the contracts of the customers they are responsible for,
// through every contracts method; the owner, managers and viewers see all. Off, staff see all too.
// Permissions per role: permissions.test.ts; contact masking: masking.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract, ContractRow } from '../../shared/api/contracts.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import type { Role } from '../../shared/roles.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let sessions: Record<Role, string>;
let mineCustomer: number;
let othersCustomer: number;
let mine: Contract;
let others: Contract;
let othersBinned: Contract;

async function all(session: string, method: 'contracts.list' | 'contracts.listDeleted'): Promise<ContractRow[]> {
  const out: ContractRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: ContractRow[]; nextCursor: string | null } = await h.call(session, method, { cursor, limit: 100 });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 10, 22, 12).getTime();
  sessions = await shopWithRoles(h);
  const staff = await userNamed(h, 'staff');
  const manager = await userNamed(h, 'manager');
  mineCustomer = (await h.call('owner', 'customers.create', { name: '员工的客户', ownerId: staff.id })).id;
  othersCustomer = (await h.call('owner', 'customers.create', { name: '经理的客户', ownerId: manager.id })).id;
  const make = (number: string, customerId: number) =>
    h.call('owner', 'contracts.create', { number, title: number, customerId, amount: 1000, signedOn: '2026-01-01', endOn: '2026-12-10' });
  mine = await make('MINE-1', mineCustomer);
  others = await make('OTHERS-1', othersCustomer);
  othersBinned = await make('OTHERS-2', othersCustomer);
  await h.call('owner', 'contracts.delete', { id: othersBinned.id, version: 1 });
  const binned = await make('MINE-2', mineCustomer);
  await h.call('owner', 'contracts.delete', { id: binned.id, version: 1 });
  await h.call('owner', 'settings.update', { staffScope: true });
}, 60_000);
afterAll(() => h.cleanup());

describe('contracts under the staff scope', () => {
  it('lists, counts and totals only the staff member’s customers’ contracts; the others see all', async () => {
    expect((await all('staff', 'contracts.list')).map((r) => r.number)).toEqual(['MINE-1']);
    expect((await all('staff', 'contracts.listDeleted')).map((r) => r.number)).toEqual(['MINE-2']);
    expect(await h.call('staff', 'contracts.summary', {})).toEqual({ count: 1, totals: [{ status: 'expiring', currency: 'CNY', count: 1, amount: 1000 }] });
    expect(await h.call('staff', 'contracts.expiringCount', {})).toEqual({ count: 1 });
    // Asking for the other customer by filter finds nothing, rather than leaking it.
    expect(await h.call('staff', 'contracts.list', { customerId: othersCustomer })).toMatchObject({ rows: [] });
    for (const role of ['owner', 'manager', 'viewer'] as const) {
      expect((await all(sessions[role], 'contracts.list')).map((r) => r.number).sort(), role).toEqual(['MINE-1', 'OTHERS-1']);
      expect((await h.call(sessions[role], 'contracts.expiringCount', {})).count, role).toBe(2);
    }
  });

  it('answers NOT_FOUND for every method aimed at another customer’s contract', async () => {
    await h.failure('staff', 'contracts.get', { id: others.id }, 'NOT_FOUND');
    await h.failure('staff', 'contracts.update', { id: others.id, version: 1, number: 'X', title: 'x', customerId: othersCustomer }, 'NOT_FOUND');
    await h.failure('staff', 'contracts.terminate', { id: others.id, version: 1, on: '2026-12-01' }, 'NOT_FOUND');
    await h.failure('staff', 'contracts.delete', { id: others.id, version: 1 }, 'NOT_FOUND');
    await h.failure('staff', 'contracts.restore', { id: othersBinned.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'contracts.get', { id: others.id })).version).toBe(1);
  });

  it('refuses to make a contract for, or move one to, a customer the staff member does not see', async () => {
    const refused = await h.failure('staff', 'contracts.create', { number: 'STAFF-1', title: 't', customerId: othersCustomer }, 'VALIDATION');
    expect(fieldIssuesOf(refused)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    const moved = await h.failure('staff', 'contracts.update', { id: mine.id, version: 1, number: mine.number, title: mine.title, customerId: othersCustomer }, 'VALIDATION');
    expect(fieldIssuesOf(moved)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    const made = await h.call('staff', 'contracts.create', { number: 'STAFF-2', title: 't', customerId: mineCustomer });
    expect(made.actions).toEqual({ edit: true, delete: true, terminate: true });
  });

  it('shows a contract again when its customer becomes the staff member’s, and lets staff see all with the scope off', async () => {
    const staff = await userNamed(h, 'staff');
    const customer = await h.call('owner', 'customers.get', { id: othersCustomer });
    await h.call('owner', 'customers.update', { ...customer, contacts: [], ownerId: staff.id });
    expect((await h.call('staff', 'contracts.get', { id: others.id })).number).toBe('OTHERS-1');
    const back = await h.call('owner', 'customers.get', { id: othersCustomer });
    const manager = await userNamed(h, 'manager');
    await h.call('owner', 'customers.update', { ...back, contacts: [], ownerId: manager.id });
    await h.failure('staff', 'contracts.get', { id: others.id }, 'NOT_FOUND');
    await h.call('owner', 'settings.update', { staffScope: false });
    expect((await h.call('staff', 'contracts.get', { id: others.id })).actions).toEqual({ edit: true, delete: false, terminate: true });
    await h.call('owner', 'settings.update', { staffScope: true });
  });
});
