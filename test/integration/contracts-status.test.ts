// The core's status filters and totals (electron/core/areas/contracts/status-sql.ts) agree with the
// one definition, shared/contract-status.ts contractStatus: contracts with dates around every
// boundary (notice day, end day, leap day, month ends, notice periods of 0, 1, 30 and 365 days,
// terminations before, on and after today, renewed ones), looked at on a table of days. For each
// day, each status filter lists exactly the contracts whose status contractStatus gives, the
// totals count them alike (over all contracts and under each filter), and "expiring within N days"
// is the end-date range it says, in the list and in its totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDraftInput, ContractRow } from '../../shared/api/contracts.ts';
import { CONTRACT_STATUSES } from '../../shared/api/contracts.ts';
import { addDays, contractStatus, localDay } from '../../shared/contract-status.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

/** The harness clock at local noon of `day` (the shop's local date, whatever the machine's zone). */
function setToday(clock: { now: number }, day: string): void {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  clock.now = new Date(y, m - 1, d, 12, 0, 0).getTime();
}

let h: Harness;
let customerId: number;

const ENDS = [null, '2026-12-01', '2026-12-31', '2027-01-01', '2027-01-31', '2027-02-28', '2027-03-31', '2028-02-29', '2028-03-01', '2028-03-30'];
const NOTICE = [0, 1, 30, 365];
const TERMINATED = [null, '2026-12-31', '2028-02-29'];
const DAYS = ['2026-11-01', '2026-11-30', '2026-12-01', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-31', '2027-02-01', '2027-02-28', '2027-03-01', '2028-01-30', '2028-01-31', '2028-02-28', '2028-02-29', '2028-03-01', '2028-03-30', '2028-03-31'];

async function all(query: Record<string, unknown>): Promise<ContractRow[]> {
  const out: ContractRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: ContractRow[]; nextCursor: string | null } = await h.call('owner', 'contracts.list', { ...query, cursor, limit: 100 });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  customerId = (await h.call('owner', 'customers.create', { name: '甲公司' })).id;
  setToday(h.clock, '2026-11-01');
  let n = 0;
  const add = (draft: Partial<ContractDraftInput>) => h.call('owner', 'contracts.create', { number: `S-${++n}`, title: 't', customerId, ...draft });
  for (const endOn of ENDS) {
    for (const noticeDays of NOTICE) {
      await add({ signedOn: '2026-01-01', endOn, noticeDays });
      await add({ signedOn: null, endOn, noticeDays });
    }
    for (const terminatedOn of TERMINATED) {
      if (terminatedOn === null) continue;
      const made = await add({ signedOn: '2026-01-01', endOn, noticeDays: 30 });
      await h.call('owner', 'contracts.terminate', { id: made.id, version: 1, on: terminatedOn, reason: '' });
    }
  }
  // Renewed ones: ended before today and rolled forward by a month at a time from now on.
  for (const endOn of ['2026-10-31', '2026-09-30', '2026-01-31']) await add({ signedOn: '2025-01-01', endOn, autoRenew: true, renewalMonths: 1, noticeDays: 10 });
  await add({ signedOn: '2025-01-01', endOn: '2026-10-31', autoRenew: true, renewalMonths: 12, noticeDays: 365 });
}, 120_000);
afterAll(() => h.cleanup());

describe('status filters agree with contractStatus', () => {
  for (const day of DAYS) {
    it(`on ${day}`, async () => {
      setToday(h.clock, day);
      expect(localDay(h.clock.now)).toBe(day);
      const rows = await all({ sort: 'number' });
      expect(rows.length).toBeGreaterThan(100);
      // Each row's own status is contractStatus's (the list derives it with that function); the
      // filters must pick the same sets.
      const contracts = await Promise.all(rows.map((row) => h.call('owner', 'contracts.get', { id: row.id })));
      for (const contract of contracts) expect(contract.status, contract.number).toBe(contractStatus(contract, day));
      const expected = new Map(CONTRACT_STATUSES.map((status) => [status, contracts.filter((c) => c.status === status).map((c) => c.number).sort()]));
      for (const status of CONTRACT_STATUSES) {
        const filtered = (await all({ status, sort: 'number' })).map((row) => row.number).sort();
        expect(filtered, `${status} on ${day}`).toEqual(expected.get(status));
        // The totals read the end date from its own column, not the list's sort key: same contracts.
        const totals = await h.call('owner', 'contracts.summary', { status });
        expect(totals.count, `${status} totals on ${day}`).toBe(filtered.length);
        expect(new Set(totals.totals.map((t: { status: string }) => t.status)), `${status} totals on ${day}`).toEqual(new Set(filtered.length ? [status] : []));
      }
      const summary = await h.call('owner', 'contracts.summary', {});
      expect(summary.count).toBe(rows.length);
      for (const status of CONTRACT_STATUSES) {
        const counted = summary.totals.filter((t) => t.status === status).reduce((sum, t) => sum + t.count, 0);
        expect(counted, `${status} total on ${day}`).toBe(expected.get(status)!.length);
      }
      expect((await h.call('owner', 'contracts.expiringCount', {})).count).toBe(expected.get('expiring')!.length);
      for (const days of [0, 1, 30, 365]) {
        const within = (await all({ expiringWithinDays: days, sort: 'number' })).map((row) => row.number).sort();
        const wanted = contracts
          .filter((c) => c.endOn !== null && c.endOn >= day && c.endOn <= addDays(day, days) && (c.terminatedOn === null || c.terminatedOn > day))
          .map((c) => c.number)
          .sort();
        expect(within, `within ${days} days of ${day}`).toEqual(wanted);
        expect((await h.call('owner', 'contracts.summary', { expiringWithinDays: days })).count, `totals within ${days} days of ${day}`).toBe(wanted.length);
      }
    });
  }
});
