// Demo success stories for `clientele seed`: one story for about one in four VIP customers (at most
// 40, those without a story yet), deterministic for a seed and the seed's clock: a day within the
// year before the clock, consent mixed (half yes, the rest no or not asked), two or three result
// figures. No audit entry each (the seed is one audited change).
import { localDay } from '../../../../shared/contract-status.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';

export type StorySeedOptions = { seed: number; now: number; actorId: number };

const MAX_STORIES = 40;
const SAMPLES: readonly { title: string; background: string; whatWeDid: string; results: string; figures: readonly [string, string][] }[] = [
  { title: '门店设备全面升级', background: '三家门店设备老化，故障频繁', whatWeDid: '分批更换设备，提供上门安装和员工培训', results: '故障明显减少，员工上手快', figures: [['故障率下降', '60%'], ['培训人次', '45'], ['停机时间', '减少 80%']] },
  { title: '年度维保合作', background: '客户缺少专职维修人员', whatWeDid: '签订年度维保合同，每月巡检一次', results: '全年零重大停机', figures: [['巡检次数', '12'], ['响应时间', '4 小时内']] },
  { title: '办公空间改造', background: '新办公室需要整体方案', whatWeDid: '提供设计、采购到安装的一站式服务', results: '按期交付，客户满意', figures: [['工期', '21 天'], ['满意度', '98%'], ['节省预算', '12%']] },
  { title: 'Meeting rooms made simple', background: 'Six meeting rooms with mixed equipment', whatWeDid: 'One standard kit per room and a short training', results: 'Meetings start on time', figures: [['Rooms', '6'], ['Set-up time', '-70%']] },
];
const CONSENTS = ['yes', 'yes', 'no', 'ask'] as const;

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds stories for VIP customers without one; answers how many were added. */
export async function seedStories(db: Db, options: StorySeedOptions): Promise<number> {
  const random = randomGenerator(options.seed ^ 0x0030);
  const today = localDay(options.now);
  const candidates = await db
    .selectFrom('customers as c')
    .select('c.id')
    .where('c.deleted_at', 'is', null)
    .where('c.grade', '=', 'vip')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('stories as s').select('s.id').whereRef('s.customer_id', '=', 'c.id'))))
    .orderBy('c.id')
    .execute();
  const chosen = candidates.filter(() => random() < 0.25).slice(0, MAX_STORIES);
  if (chosen.length === 0) return 0;
  await transaction(db, async (tx) => {
    await tx
      .insertInto('stories')
      .values(
        chosen.map(({ id }) => {
          const sample = SAMPLES[Math.floor(random() * SAMPLES.length)]!; // index within the list
          return {
            customer_id: id,
            title: sample.title,
            background: sample.background,
            what_we_did: sample.whatWeDid,
            results: sample.results,
            result_figures: JSON.stringify(sample.figures.map(([label, value]) => ({ label, value }))),
            named_consent: CONSENTS[Math.floor(random() * CONSENTS.length)]!, // index within the list
            story_on: addDays(today, -Math.floor(random() * 365)),
            created_by: options.actorId,
            created_at: options.now,
            updated_at: options.now,
          };
        }),
      )
      .execute();
  });
  return chosen.length;
}
