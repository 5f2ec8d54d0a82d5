// Demo contracts for `clientele seed` (customers/seed.ts calls this for each batch of new
// customers, in the batch's transaction): about one per two customers, with realistic titles,
// numbers HT-<year>-NNNN continuing each year's series, amounts in minor units, and dates spread
// around the seed's clock so every status occurs: drafts, active, expiring within their notice,
// expired, terminated, and auto-renewing ones already rolled forward (with their history), so the
// first list after a seed has nothing to renew.
import { CONTRACT_TYPES, type ContractType } from '../../../../shared/api/contracts.ts';
import { addDays, addMonths, localDay, noticeOn, renewalsDue } from '../../../../shared/contract-status.ts';
import { requireTransaction, type Db } from '../../db/database.ts';
import { indexNewContracts } from '../search/contracts.ts';

/** A customer of the batch, as its contracts need it. */
export type SeedCustomer = { id: number; name: string; ownerId: number | null; createdAt: number; chinese: boolean };

/** A contract the seed made, for the attachments that go with some. */
export type SeededContract = { id: number; customerId: number; number: string; title: string; customerName: string; signedOn: string | null; endOn: string | null; amount: number | null; currency: string };

export type ContractSeedOptions = { random: () => number; now: number; actorId: number };

const PRODUCTS = ['办公设备', '服务器', '网络设备', '包装材料', '原材料', '印刷品', '办公家具', '电子元器件', '工业配件', '食品原料', '劳保用品', '建材'];
const SERVICES = ['设备维保', '软件运维', '物流配送', '保洁', '安保', '广告投放', '员工培训', 'IT外包', '仓储', '财税咨询'];
const PRODUCTS_EN = ['Office Equipment', 'Servers', 'Packaging', 'Raw Materials', 'Printing', 'Electronic Components', 'Furniture'];
const SERVICES_EN = ['Maintenance', 'IT Support', 'Logistics', 'Cleaning', 'Security', 'Training', 'Consulting'];
const REASONS = ['客户业务调整，双方协商一致提前终止', '合作方违约', '项目取消', '并入新签框架协议', 'Mutual agreement'];

/** Most contracts sell or serve; frameworks, NDAs and others are fewer. */
const TYPE_WEIGHTS: Record<ContractType, number> = { sales: 0.4, service: 0.3, framework: 0.1, nda: 0.1, other: 0.1 };

/** Each year's next serial: one more than the highest number of that year's HT-<year>- series. */
export class ContractNumbers {
  private readonly next = new Map<number, number>();
  private constructor(highest: Map<number, number>) {
    for (const [year, serial] of highest) this.next.set(year, serial + 1);
  }

  /** Reads the series as they are (a seed into a shop that has contracts, or a second seed). */
  static async of(db: Db): Promise<ContractNumbers> {
    const highest = new Map<number, number>();
    // The NOCASE column's unique index serves the range.
    const rows = await db.selectFrom('contracts').select('number').where('number', '>=', 'HT-').where('number', '<', 'HT.').execute();
    for (const { number } of rows) {
      const match = /^HT-(\d{4})-(\d+)$/i.exec(number);
      if (match) highest.set(Number(match[1]), Math.max(highest.get(Number(match[1])) ?? 0, Number(match[2])));
    }
    return new ContractNumbers(highest);
  }

  take(year: number): string {
    const serial = this.next.get(year) ?? 1;
    this.next.set(year, serial + 1);
    return `HT-${year}-${String(serial).padStart(4, '0')}`;
  }
}

type Row = {
  number: string;
  title: string;
  customer_id: number;
  type: ContractType;
  amount: number | null;
  currency: string;
  signed_on: string | null;
  start_on: string | null;
  end_on: string | null;
  auto_renew: 0 | 1;
  renewal_months: number | null;
  notice_days: number;
  notice_on: string | null;
  owner_id: number | null;
  notes: string;
  terminated_on: string | null;
  termination_reason: string;
  renewals: number;
  created_by: number;
  created_at: number;
  updated_at: number;
};

/** 500 rows of 21 values: well under SQLite's limit of bound values per statement. */
const ROWS = 500;

/**
 * Adds the batch's contracts (inside the caller's transaction) with their renewal history and
 * search entries. `numbers` carries each year's series from batch to batch.
 */
export async function seedContracts(tx: Db, customers: readonly SeedCustomer[], numbers: ContractNumbers, options: ContractSeedOptions): Promise<SeededContract[]> {
  requireTransaction(tx, 'seedContracts');
  const { random, now } = options;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const today = localDay(now);
  const year = (day: string) => Number(day.slice(0, 4));

  const rows: Row[] = [];
  const renewals: { row: number; steps: { fromEnd: string; toEnd: string }[] }[] = [];
  const names: string[] = [];
  for (const customer of customers) {
    // About one contract per two customers: 30 % have one, 7 % two, 2 % three.
    const r = random();
    const count = r < 0.3 ? 1 : r < 0.37 ? 2 : r < 0.39 ? 3 : 0;
    for (let n = 0; n < count; n++) {
      const type = weightedType(random());
      const title = customer.chinese ? chineseTitle(type, pick, year(today) - between(0, 2)) : englishTitle(type, pick);
      const noticeDays = pick([30, 30, 30, 15, 60]);
      let signedOn: string | null;
      let endOn: string | null;
      let terminatedOn: string | null = null;
      let reason = '';
      let autoRenew = false;
      let steps: { fromEnd: string; toEnd: string }[] = [];
      const s = random();
      if (s < 0.1) {
        // Draft: not signed yet, planned to start soon.
        signedOn = null;
        endOn = addMonths(addDays(today, between(7, 60)), 12);
      } else if (s < 0.18) {
        // Terminated: signed a year or two ago, ended early in the last months.
        signedOn = addDays(today, -between(200, 700));
        endOn = addMonths(signedOn, 24);
        terminatedOn = addDays(today, -between(1, 150));
        reason = pick(REASONS);
      } else if (s < 0.33) {
        // Expired: ended in the last year, not renewed.
        endOn = addDays(today, -between(1, 365));
        signedOn = addMonths(endOn, -12);
      } else if (s < 0.45) {
        // Expiring: the end within the notice period from today.
        endOn = addDays(today, between(0, noticeDays - 1));
        signedOn = addMonths(endOn, -12);
      } else if (s < 0.6) {
        // Auto-renewing: the first end passed up to two years ago; rolled forward to today.
        autoRenew = true;
        const firstEnd = addDays(today, -between(1, 700));
        signedOn = addMonths(firstEnd, -12);
        steps = renewalsDue(firstEnd, 12, today);
        endOn = steps.at(-1)?.toEnd ?? firstEnd;
      } else {
        // Active: signed in the last months, ending after the notice period (some with no end).
        signedOn = addDays(today, -between(10, 300));
        endOn = random() < 0.08 ? null : addDays(today, between(noticeDays + 1, 900));
        autoRenew = endOn !== null && random() < 0.2;
      }
      const amount = amountFor(type, random);
      const number = numbers.take(signedOn ? year(signedOn) : year(today));
      const createdAt = Math.min(now, Math.max(customer.createdAt, now - between(1, 700) * 86_400_000));
      rows.push({
        number,
        title,
        customer_id: customer.id,
        type,
        amount,
        currency: amount !== null && !customer.chinese && random() < 0.3 ? 'USD' : 'CNY',
        signed_on: signedOn,
        start_on: signedOn,
        end_on: endOn,
        auto_renew: autoRenew ? 1 : 0,
        renewal_months: autoRenew ? 12 : null,
        notice_days: noticeDays,
        notice_on: noticeOn(endOn, noticeDays),
        owner_id: customer.ownerId,
        notes: random() < 0.15 ? '付款方式：签约后30日内付清。' : '',
        terminated_on: terminatedOn,
        termination_reason: reason,
        renewals: steps.length,
        created_by: options.actorId,
        created_at: createdAt,
        updated_at: createdAt,
      });
      names.push(customer.name);
      if (steps.length > 0) renewals.push({ row: rows.length - 1, steps });
    }
  }

  const seeded: SeededContract[] = [];
  for (let start = 0; start < rows.length; start += ROWS) {
    const chunk = rows.slice(start, start + ROWS);
    // A number someone took meanwhile (calls are answered between batches) is skipped, not an error.
    const inserted = await tx.insertInto('contracts').values(chunk).onConflict((oc) => oc.doNothing()).returning(['id', 'number']).execute();
    // RETURNING promises no order: match the rows by their (unique) numbers.
    const idOf = new Map(inserted.map((row) => [row.number, row.id]));
    chunk.forEach((row, i) => {
      const id = idOf.get(row.number);
      if (id === undefined) return;
      seeded[start + i] = { id, customerId: row.customer_id, number: row.number, title: row.title, customerName: names[start + i]!, signedOn: row.signed_on, endOn: row.end_on, amount: row.amount, currency: row.currency }; // names runs beside rows
    });
  }
  const events = renewals.flatMap(({ row, steps }) => {
    const contract = seeded[row];
    if (!contract) return [];
    return steps.map((step) => ({ contract_id: contract.id, kind: 'renewed', at: now, on_day: addDays(step.fromEnd, 1), from_end: step.fromEnd, to_end: step.toEnd, note: '', by_user: null }));
  });
  for (let start = 0; start < events.length; start += ROWS) await tx.insertInto('contract_events').values(events.slice(start, start + ROWS)).execute();
  const made = seeded.filter((contract) => contract !== undefined);
  await indexNewContracts(tx, made);
  return made;
}

function weightedType(r: number): ContractType {
  let sum = 0;
  for (const type of CONTRACT_TYPES) {
    sum += TYPE_WEIGHTS[type];
    if (r < sum) return type;
  }
  return 'other';
}

function chineseTitle(type: ContractType, pick: <T>(list: readonly T[]) => T, year: number): string {
  switch (type) {
    case 'sales':
      return pick([`${pick(PRODUCTS)}采购合同`, `${year}年度${pick(PRODUCTS)}供货合同`, `${pick(PRODUCTS)}销售合同`]);
    case 'service':
      return pick([`${pick(SERVICES)}服务合同`, `${pick(SERVICES)}服务协议`, `${year}年度${pick(SERVICES)}服务合同`]);
    case 'framework':
      return pick([`${year}年度框架合作协议`, '战略合作框架协议', `${pick(PRODUCTS)}长期供货框架协议`]);
    case 'nda':
      return pick(['保密协议', '商业保密协议', '技术保密协议']);
    case 'other':
      return pick(['场地租赁合同', '技术开发委托合同', '展会搭建合同', '车辆租赁合同']);
  }
}

function englishTitle(type: ContractType, pick: <T>(list: readonly T[]) => T): string {
  switch (type) {
    case 'sales':
      return pick([`${pick(PRODUCTS_EN)} Supply Agreement`, `Purchase Agreement for ${pick(PRODUCTS_EN)}`]);
    case 'service':
      return `${pick(SERVICES_EN)} Service Agreement`;
    case 'framework':
      return 'Framework Cooperation Agreement';
    case 'nda':
      return 'Non-Disclosure Agreement';
    case 'other':
      return pick(['Office Lease Agreement', 'Event Services Agreement']);
  }
}

/** Minor units (fen): whole yuan mostly, round thousands for larger deals; NDAs and some frameworks have none. */
function amountFor(type: ContractType, random: () => number): number | null {
  const yuan = (low: number, high: number) => Math.round(low + random() * (high - low));
  switch (type) {
    case 'sales':
      return yuan(5_000, 800_000) * 100;
    case 'service':
      return yuan(2_000, 150_000) * 100;
    case 'framework':
      return random() < 0.5 ? null : Math.round(yuan(100_000, 5_000_000) / 1000) * 1000 * 100;
    case 'nda':
      return null;
    case 'other':
      return yuan(1_000, 60_000) * 100 + (random() < 0.2 ? 50 : 0);
  }
}
