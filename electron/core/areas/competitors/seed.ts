// Demo competitors for `clientele seed`: a register of eight competitors of a tea and gift shop
// (added once, when the register is empty), and their presence at the shop's customers, sized from
// the customers there (about a quarter of the VIP and key customers, one in twenty-five of the
// others; one to three competitors each), deterministic for a seed and the seed's clock. Contract
// end days fall in the 18 months after the clock's local day. Batches in transactions of their own;
// no audit entry each (the seed is one audited change).
import { localDay } from '../../../../shared/contract-status.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import { POSITIONS } from '../../../../shared/api/competitors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';

export type CompetitorSeedOptions = { seed: number; now: number; actorId: number };

/** name, products, price level, strengths, weaknesses. */
const REGISTER: readonly (readonly [string, string, 'low' | 'similar' | 'high', string, string])[] = [
  ['茗香阁茶业', '龙井、碧螺春、礼盒', 'similar', '门店多，品牌老', '线上弱，配送慢'],
  ['御茶坊', '普洱、白茶、茶具', 'high', '高端包装，企业客户多', '价格高，起订量大'],
  ['优选礼品网', '节日礼盒、礼品卡', 'low', '价格低，下单方便', '品质不稳定，售后慢'],
  ['闽南茶叶批发', '铁观音、大红袍', 'low', '批发价低', '无定制服务'],
  ['京东企业购', '礼品、办公用品', 'similar', '配送快，品类全', '不懂茶，无品鉴服务'],
  ['天福茗茶', '全系列茶叶、茶点', 'similar', '全国连锁', '个性化少'],
  ['雅集茶艺学堂', '茶艺培训、品鉴活动', 'high', '讲师有名', '只做培训'],
  ['Harvest Tea Co.', 'Export tea samples', 'high', 'English-speaking service', 'Long lead times'],
];
const PRODUCTS = ['中秋礼盒', '春节年货', '日常用茶', '茶具', '茶艺培训', '员工福利', '会议茶歇'];
const SHARE_WEIGHT: Record<Grade, number> = { vip: 0.25, key: 0.25, normal: 0.04, potential: 0.04 };
const CHUNK = 2_000;

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds the register (when empty) and presence rows for customers that have none yet; answers how many rows were added. */
export async function seedCompetitors(db: Db, options: CompetitorSeedOptions): Promise<number> {
  const random = randomGenerator(options.seed ^ 0x27c0);
  const today = localDay(options.now);
  const ids = await transaction(db, async (tx) => {
    const existing = await tx.selectFrom('competitors').select('id').where('active', '=', 1).orderBy('id').execute();
    if (existing.length > 0) return existing.map((r) => r.id);
    const made = await tx
      .insertInto('competitors')
      .values(REGISTER.map(([name, products, price_level, strengths, weaknesses]) => ({ name, products, price_level, strengths, weaknesses, created_at: options.now, updated_at: options.now })))
      .returning('id')
      .execute();
    return made.map((r) => r.id);
  });
  let added = 0;
  let after = 0;
  for (;;) {
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'grade'])
      .where('id', '>', after)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('competitor_presence as p').select('p.id').whereRef('p.customer_id', '=', 'customers.id'))))
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (customers.length === 0) break;
    after = customers.at(-1)!.id; // not empty
    const rows = customers.flatMap((customer) => {
      if (random() >= SHARE_WEIGHT[customer.grade]) return [];
      const count = 1 + Math.floor(random() * 3);
      const picked = new Set<number>();
      while (picked.size < Math.min(count, ids.length)) picked.add(ids[Math.floor(random() * ids.length)]!); // index below length
      return [...picked].map((competitor_id) => ({
        customer_id: customer.id,
        competitor_id,
        products: PRODUCTS[Math.floor(random() * PRODUCTS.length)]!, // index below length
        share_percent: random() < 0.7 ? 5 * Math.floor(random() * 19) + 5 : null,
        contract_end_on: random() < 0.5 ? addDays(today, Math.floor(random() * 548)) : null,
        position: POSITIONS[Math.floor(random() * POSITIONS.length)]!, // index below length
        created_by: options.actorId,
        created_at: options.now,
        updated_at: options.now,
      }));
    });
    await transaction(db, async (tx) => {
      for (let start = 0; start < rows.length; start += 500) await tx.insertInto('competitor_presence').values(rows.slice(start, start + 500)).execute();
    });
    added += rows.length;
  }
  return added;
}
