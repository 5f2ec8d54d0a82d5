// Demo needs for `clientele seed`: sized from the customers there (about a third of the VIP and key
// customers, one in fifteen of the others; one to three needs each, for customers that have none
// yet), deterministic for a seed and the seed's clock. Service and product needs name a catalogue
// item when the shop has one; decision needs name one or two of the customer's contacts. Noted over
// the 180 days before the clock, needed within the 9 months after its local day; the older ones
// partly met or dropped. Batches in transactions of their own; no audit entry each (the seed is one
// audited change).
import { localDay } from '../../../../shared/contract-status.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import type { NeedKind, NeedStatus } from '../../../../shared/api/needs.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';

export type NeedSeedOptions = { seed: number; now: number; actorId: number };

const SHARE: Record<Grade, number> = { vip: 0.33, key: 0.33, normal: 0.066, potential: 0.066 };
const DAY_MS = 86_400_000;
const CHUNK = 1_000;
/** kind, title, detail. */
const SAMPLES: readonly (readonly [NeedKind, string, string])[] = [
  ['pain', '打印机经常卡纸，影响出单', '每周卡纸三四次，耽误前台开票'],
  ['pain', '旧空调耗电大，夏天电费高', ''],
  ['product', '想换一批新款办公电脑', '财务部和销售部共 12 台'],
  ['service', '续签年度维保合同', '希望增加夜间巡检'],
  ['service', '员工需要设备操作培训', '新员工入职较多'],
  ['expectation', '故障 4 小时内响应', ''],
  ['budget', '明年设备更新预算', '预算已报集团审批'],
  ['decision', '采购由总经理拍板', '设备科提需求，财务审核'],
  ['product', 'Needs a larger meeting-room display', ''],
];

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds needs for customers that have none yet; answers how many were added. */
export async function seedNeeds(db: Db, options: NeedSeedOptions): Promise<number> {
  const random = randomGenerator(options.seed ^ 0x0026);
  const today = localDay(options.now);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index within the list
  const items = (await db.selectFrom('catalogue_items').select(['id', 'kind']).where('active', '=', 1).orderBy('id').execute()).map((i) => ({ id: i.id, kind: i.kind }));
  const customers = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.grade'])
    .where('c.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('needs as n').select('n.id').whereRef('n.customer_id', '=', 'c.id'))))
    .orderBy('c.id')
    .execute();
  const chosen = customers.filter((c) => random() < SHARE[c.grade]);
  let added = 0;
  for (let start = 0; start < chosen.length; start += CHUNK) {
    const part = chosen.slice(start, start + CHUNK);
    added += await transaction(db, async (tx) => {
      const contacts = new Map<number, number[]>();
      for (const row of await tx.selectFrom('contacts').select(['id', 'customer_id']).where('customer_id', 'in', part.map((c) => c.id)).orderBy('position').execute()) {
        contacts.set(row.customer_id, [...(contacts.get(row.customer_id) ?? []), row.id]);
      }
      let n = 0;
      for (const customer of part) {
        const count = 1 + Math.floor(random() * 3);
        for (let i = 0; i < count; i++) {
          const [kind, title, detail] = pick(SAMPLES);
          const notedAt = options.now - Math.floor(random() * 180 * DAY_MS);
          const old = options.now - notedAt > 60 * DAY_MS;
          const status: NeedStatus = old && random() < 0.5 ? (random() < 0.7 ? 'met' : 'dropped') : 'open';
          const wanted = kind === 'product' ? items.filter((it) => it.kind === 'product') : kind === 'service' ? items.filter((it) => it.kind === 'service') : [];
          const budget = kind === 'budget' ? 100_000 * (10 + Math.floor(random() * 90)) : null;
          const { id } = await tx
            .insertInto('needs')
            .values({
              customer_id: customer.id,
              kind,
              title,
              detail,
              item_id: wanted.length > 0 && random() < 0.8 ? pick(wanted).id : null,
              needed_by: kind === 'product' || kind === 'service' || kind === 'budget' ? addDays(today, Math.floor(random() * 270)) : null,
              response_hours: kind === 'expectation' ? pick([2, 4, 8, 24]) : null,
              on_site: kind === 'expectation' && random() < 0.6 ? 1 : 0,
              training: kind === 'expectation' && random() < 0.4 ? 1 : 0,
              budget_min_minor: budget,
              budget_max_minor: budget === null ? null : budget * 2,
              currency: 'CNY',
              status,
              status_at: status === 'open' ? notedAt : notedAt + Math.floor(random() * (options.now - notedAt)),
              noted_by: options.actorId,
              noted_at: notedAt,
              updated_at: notedAt,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const makers = kind === 'decision' ? (contacts.get(customer.id) ?? []).slice(0, 1 + Math.floor(random() * 2)) : [];
          if (makers.length > 0) await tx.insertInto('need_contacts').values(makers.map((contact_id, position) => ({ need_id: id, contact_id, position }))).execute();
          n += 1;
        }
      }
      return n;
    });
  }
  return added;
}
