// What the contract list must answer, worked out without the contracts service: every contract
// read with one plain SELECT, then filtered and ordered here in JavaScript from the schema's
// documented keys (0008-contracts.ts: no end date sorts as the latest end, ties by id). The bench
// checks the service's pages and counts against this, so a fast wrong answer fails the run.
// Also a direct insert of contracts, for when `clientele seed` does not add enough of them.
import { addDays, addMonths, noticeOn } from '../../shared/contract-status.ts';
import type { SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';

export type PlainContract = {
  id: number;
  endOn: string | null;
  signedOn: string | null;
  amount: number | null;
  number: string;
  terminatedOn: string | null;
  autoRenew: number;
  noticeDays: number;
};

/** `date` (YYYY-MM-DD) plus `days`, worked out here rather than with the app's own date helpers. */
export function plusDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Every contract the owner sees in the list: not deleted, its customer not in the recycle bin. */
export function visibleContracts(db: SqliteDatabase): PlainContract[] {
  return db
    .prepare(
      `SELECT c.id, c.end_on AS endOn, c.signed_on AS signedOn, c.amount, c.number, c.terminated_on AS terminatedOn, c.auto_renew AS autoRenew, c.notice_days AS noticeDays
       FROM contracts c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.deleted_at IS NULL AND cu.deleted_at IS NULL`,
    )
    .all() as PlainContract[];
}

/** The list's order by end date: no end date last, ties by id; `desc` reverses both. */
export function byEnd(rows: readonly PlainContract[], direction: 'asc' | 'desc'): PlainContract[] {
  const key = (row: PlainContract) => row.endOn ?? '9999-12-31';
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
}

/** "Expiring within N days": the end date from today through today + N, not terminated by today. */
export function expiringWithin(rows: readonly PlainContract[], today: string, days: number): PlainContract[] {
  const last = plusDays(today, days);
  return rows.filter((row) => row.endOn !== null && row.endOn >= today && row.endOn <= last && !(row.terminatedOn !== null && row.terminatedOn <= today));
}

/** In the notice period (the nav's badge, status 'expiring'): signed, not terminated, from end less notice days through the end. */
export function inNoticePeriod(rows: readonly PlainContract[], today: string): PlainContract[] {
  return rows.filter(
    (row) => row.signedOn !== null && row.endOn !== null && row.endOn >= today && plusDays(row.endOn, -row.noticeDays) <= today && !(row.terminatedOn !== null && row.terminatedOn <= today),
  );
}

/** A small deterministic generator (mulberry32), so every run inserts the same contracts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['sales', 'service', 'framework', 'nda', 'other'] as const;
const TITLES = ['年度采购合同', '设备维护服务协议', '框架合作协议', '保密协议', '软件许可合同', '物流运输合同', '广告投放合同', '装修工程合同'];

/**
 * Inserts `count` contracts straight into the database (for the bench only): about one per two
 * live customers, end dates from two years ago to three years on around `today`, some drafts,
 * auto-renewing, terminated or without an amount or end date. The core rolls the auto-renewing
 * ones forward at its next list, as it would after a long weekend.
 */
export function insertContracts(db: SqliteDatabase, count: number, today: string, staffIds: readonly number[], now: number): number {
  const customers = db.prepare('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
  if (customers.length === 0) throw new Error('bench: no customers to give contracts to');
  const next = random(20261201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!; // index within the list
  const insert = db.prepare(
    `INSERT INTO contracts (number, title, customer_id, type, amount, currency, signed_on, start_on, end_on, auto_renew, renewal_months,
       notice_days, notice_on, owner_id, notes, terminated_on, termination_reason, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, 1, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const customerId = customers[Math.floor((i * 2 + Math.floor(next() * 2)) % customers.length)]!; // within the list
      const noEnd = next() < 0.05;
      const endOn = noEnd ? null : addDays(today, Math.floor(next() * 365 * 5) - 365 * 2);
      const startOn = endOn ? addMonths(endOn, -12) : addDays(today, -Math.floor(next() * 700));
      const signedOn = next() < 0.06 ? null : addDays(startOn, -Math.floor(next() * 20));
      const autoRenew = endOn !== null && signedOn !== null && next() < 0.2 ? 1 : 0;
      const noticeDays = pick([30, 30, 30, 15, 60, 90]);
      const terminated = signedOn !== null && next() < 0.03 ? addDays(today, Math.floor(next() * 200) - 150) : null;
      const amount = next() < 0.1 ? null : Math.floor(next() * 50_000_000) * 100;
      insert.run(
        `HT-B-${String(i + 1).padStart(6, '0')}`,
        `${pick(TITLES)} ${i + 1}`,
        customerId,
        pick(TYPES),
        amount,
        next() < 0.9 ? 'CNY' : 'USD',
        signedOn,
        startOn,
        endOn,
        autoRenew,
        autoRenew ? pick([6, 12, 12, 24]) : null,
        noticeDays,
        noticeOn(endOn, noticeDays),
        staffIds.length > 0 && next() < 0.8 ? pick(staffIds) : null,
        terminated,
        terminated ? '客户提前解约' : '',
        now,
        now,
      );
    }
  })();
  return count;
}
