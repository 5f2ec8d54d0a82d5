// Demo sales for `clientele seed --sales N` (up to 1,000,000 sales, about 2.2 lines each): a
// catalogue of 20 products and services with Chinese names (added once, when the catalogue is
// empty), then sales over the 24 months ending on the seed's clock's local day, deterministic for a
// seed. Seasonality: more in January (the weeks before the Spring Festival) and in November–
// December (year-end orders), fewer in February (the holiday). Better grades buy more often; the
// seller is the customer's responsible staff member when there is one among the staff. Almost all
// in CNY; about 1 % are export samples in USD (never added to CNY anywhere).
//
// Batches of BATCH sales through insertSales, each in a transaction of its own (the summary
// tables' triggers run as for every other write); no audit entry each (the seed is one audited change).
import type { Grade } from '../../../../shared/api/customers.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';
import { insertSales, type SaleInsert } from './service.ts';

export type SaleSeedOptions = { sales: number; seed: number; now: number; actorId: number; staffIds: number[] };
export type SaleSeedJob = { progress(done: number, total: number): void; step(): Promise<void> };

/** Sales per transaction. */
const BATCH = 5_000;
const MONTHS = 24;

/** name, kind, unit, price in fen. */
export const SEED_CATALOGUE: readonly (readonly [string, 'product' | 'service', string, number])[] = [
  ['西湖龙井 250g', 'product', '盒', 68_000],
  ['安溪铁观音 500g', 'product', '盒', 32_000],
  ['云南普洱茶饼', 'product', '饼', 19_800],
  ['武夷山大红袍', 'product', '盒', 45_800],
  ['茉莉花茶', 'product', 'kg', 12_000],
  ['紫砂茶壶', 'product', '把', 88_000],
  ['青瓷茶具套装', 'product', '套', 56_000],
  ['中秋月饼礼盒', 'product', '盒', 26_800],
  ['春节年货礼盒', 'product', '盒', 39_800],
  ['五常大米 10kg', 'product', '袋', 15_900],
  ['有机坚果礼包', 'product', '份', 16_800],
  ['宁夏枸杞', 'product', 'kg', 9_600],
  ['长白山人参', 'product', '支', 128_000],
  ['定制logo礼品卡', 'product', '张', 5_000],
  ['茶艺培训课', 'service', '次', 30_000],
  ['上门品鉴服务', 'service', '次', 80_000],
  ['企业年会茶歇', 'service', '场', 350_000],
  ['礼品包装服务', 'service', '份', 2_000],
  ['同城配送', 'service', '单', 1_500],
  ['会员年费', 'service', '年', 99_900],
];
/** The export sample, priced in US cents. */
const USD_ITEM = ['出口样品套装 (USD)', 'product', 'set', 12_000] as const;

/** How much each month sells, January first (Spring Festival run-up, the holiday, year-end orders). */
const MONTH_WEIGHT = [1.6, 0.6, 0.9, 0.9, 1.0, 1.0, 0.9, 0.9, 1.1, 1.0, 1.4, 1.6];
const GRADE_WEIGHT: Record<Grade, number> = { vip: 6, key: 3, normal: 1.5, potential: 0.6 };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Cumulative weights for picking with one random number (binary search). */
function cumulative(weights: readonly number[]): (r: number) => number {
  const sums: number[] = [];
  let total = 0;
  for (const w of weights) sums.push((total += w));
  return (r) => {
    const target = r * total;
    let [lo, hi] = [0, sums.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sums[mid]! <= target) lo = mid + 1; // mid is in range
      else hi = mid;
    }
    return lo;
  };
}

/** The catalogue's items for the seed: the demo catalogue added first when the shop has none. */
async function seedCatalogue(db: Db, now: number): Promise<{ id: number; name: string; kind: string; unit: string; price: number; currency: string }[]> {
  await transaction(db, async (tx) => {
    const any = await tx.selectFrom('catalogue_items').select('id').limit(1).executeTakeFirst();
    if (any) return;
    const rows = [...SEED_CATALOGUE.map(([name, kind, unit, price]) => ({ name, kind, unit, price_minor: price, currency: 'CNY' })), { name: USD_ITEM[0], kind: USD_ITEM[1], unit: USD_ITEM[2], price_minor: USD_ITEM[3], currency: 'USD' }];
    await tx
      .insertInto('catalogue_items')
      .values(rows.map((r) => ({ ...r, created_at: now, updated_at: now })))
      .execute();
  });
  const items = await db.selectFrom('catalogue_items').select(['id', 'name', 'kind', 'unit', 'price_minor', 'currency']).where('active', '=', 1).orderBy('id').execute();
  return items.map((i) => ({ id: i.id, name: i.name, kind: i.kind, unit: i.unit, price: i.price_minor, currency: i.currency }));
}

export async function seedSales(db: Db, options: SaleSeedOptions, job?: SaleSeedJob): Promise<{ sales: number; lines: number; ms: number; cancelled: boolean }> {
  const started = performance.now();
  if (options.sales === 0) return { sales: 0, lines: 0, ms: 0, cancelled: false };
  const customers = await db.selectFrom('customers').select(['id', 'grade', 'owner_id']).where('deleted_at', 'is', null).orderBy('id').execute();
  if (customers.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: sales need customers; seed some first (--customers N)');
  const items = await seedCatalogue(db, options.now);
  const cny = items.filter((i) => i.currency === 'CNY');
  const usd = items.filter((i) => i.currency === 'USD');
  if (cny.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: sales need active CNY items in the catalogue');
  const random = randomGenerator(options.seed ^ 0x5a1e5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range
  const staff = new Set(options.staffIds);

  // The 24 months ending with the seed's local month, each weighted by its season; the current
  // month only up to today (weighted by the part of it that has passed).
  const today = localDay(options.now);
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const months: { year: number; month: number; days: number }[] = [];
  for (let back = MONTHS - 1; back >= 0; back--) {
    const index = ty * 12 + (tm - 1) - back;
    const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
    months.push({ year, month, days: back === 0 ? td : daysIn(year, month) });
  }
  const pickMonth = cumulative(months.map((m) => (MONTH_WEIGHT[m.month - 1]! * m.days) / daysIn(m.year, m.month))); // month is 1..12
  const pickCustomer = cumulative(customers.map((c) => GRADE_WEIGHT[c.grade]));

  const one = (): SaleInsert => {
    const customer = customers[pickCustomer(random())]!; // in range
    const m = months[pickMonth(random())]!; // in range
    const soldOn = `${m.year}-${pad(m.month)}-${pad(1 + Math.floor(random() * m.days))}`;
    const staffId = customer.owner_id !== null && staff.has(customer.owner_id) ? customer.owner_id : options.staffIds.length > 0 ? pick(options.staffIds) : null;
    const export_ = usd.length > 0 && random() < 0.01;
    const roll = random();
    const count = export_ ? 1 : roll < 0.35 ? 1 : roll < 0.65 ? 2 : roll < 0.85 ? 3 : 4;
    const used = new Set<number>();
    const lines: SaleInsert['lines'][number][] = [];
    for (let i = 0; i < count; i++) {
      const item = export_ ? pick(usd) : pick(cny);
      if (used.has(item.id)) continue;
      used.add(item.id);
      // By weight (kg) in halves, services once or a few times, boxes 1–10 (a few large orders).
      const quantityMilli = item.unit === 'kg' ? 500 * (1 + Math.floor(random() * 10)) : item.kind === 'service' ? 1000 * (1 + Math.floor(random() * 2)) : 1000 * (random() < 0.05 ? 20 + Math.floor(random() * 80) : 1 + Math.floor(random() * 10));
      const gross = Math.floor((quantityMilli * item.price + 500) / 1000); // small integers: exact in a double
      const discountMinor = random() < 0.1 ? Math.floor(gross * 0.05) : 0;
      lines.push({ itemId: item.id, name: item.name, quantityMilli, unitPriceMinor: item.price, discountMinor });
    }
    const currency = export_ ? usd[0]!.currency : 'CNY'; // export_ only when usd has an item
    return { customerId: customer.id, soldOn, currency, staffId, createdBy: options.actorId, createdAt: options.now, lines };
  };

  let made = 0;
  let lines = 0;
  let cancelled = false;
  while (made < options.sales && !cancelled) {
    const batch: SaleInsert[] = [];
    for (; batch.length < BATCH && made < options.sales; made++) batch.push(one());
    // Oldest first within the batch: ids then roughly follow the days, as entered sales would.
    batch.sort((a, b) => (a.soldOn < b.soldOn ? -1 : a.soldOn > b.soldOn ? 1 : 0));
    await transaction(db, (tx) => insertSales(tx, batch));
    lines += batch.reduce((sum, s) => sum + s.lines.length, 0);
    job?.progress(made, options.sales);
    try {
      await job?.step();
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'CANCELLED')) throw error;
      cancelled = true;
    }
  }
  return { sales: made, lines, ms: Math.round(performance.now() - started), cancelled };
}
