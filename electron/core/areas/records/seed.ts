// Demo service and communication records for `clientele seed --records N`: deterministic for a
// seed and the shop's customers, spread over the live customers so that a few (one per 2,000 × 3
// records asked for, within a tenth of the customers) have about 2,000 records each and the rest
// share the others; dates over the three years before the seed's clock, follow-ups around today
// (some overdue, some done). Batches of BATCH records in transactions of their own (insert-many.ts),
// the search index filled once at the end (search/records.ts indexRecordsFrom), in transactions
// of INDEX_RANGES batches.
import { RECORD_CHANNELS, RECORD_PHASES, SERVICE_KINDS } from '../../../../shared/api/records.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { engine, type DatabaseLocation } from '../../db/engine.ts';
import { randomGenerator } from '../customers/seed-data.ts';
import { indexRecordsFrom } from '../search/records.ts';
import { insertRecords, type NewRecord } from './insert-many.ts';

export type RecordSeedOptions = { records: number; seed: number; now: number; actorId: number; staffIds: number[]; location?: DatabaseLocation };
export type RecordSeedJob = { progress(done: number, total: number): void; step(): Promise<void> };

/** Records per transaction (about a second at a time into a large shop). */
const BATCH = 5_000;
/** The heavy customers' share of the records. */
const HEAVY_SHARE = 0.3;
const HEAVY_RECORDS = 2_000;
const THREE_YEARS_MS = 3 * 365 * 86_400_000;
const DAY_MS = 86_400_000;

const SERVICE_TEXTS: Record<(typeof SERVICE_KINDS)[number], string[]> = {
  installation: ['上门安装设备并完成调试', '安装网络打印机，配置共享打印', '新服务器上架安装，完成系统初始化', 'Installed the new equipment on site and tested it'],
  repair: ['更换故障硒鼓，清洁定影组件', '主板电容鼓包，更换主板后恢复正常', '排查网络中断问题，更换交换机端口', 'Replaced the faulty power supply'],
  maintenance: ['季度例行保养，清洁除尘并检查耗材', '年度巡检，更新固件版本', '检查备份任务运行情况，清理日志', 'Quarterly maintenance visit, all checks passed'],
  consultation: ['客户咨询扩容方案，给出两套建议', '解答发票与报销流程问题', '电话咨询软件授权续期事宜', 'Advised on the upgrade path for next year'],
  training: ['为客户财务部门培训新系统操作', '新员工上岗培训，讲解设备日常维护', '远程培训报表导出功能', 'Trained the front desk staff on the new system'],
  other: ['协助客户整理资产清单', '陪同客户参观展厅', '处理客户投诉并回访确认', 'Helped with the year-end inventory'],
};
const RESULTS = ['已解决', '客户确认完成', '待备件到货后再次上门', '问题已缓解，继续观察', 'Resolved', ''];
const FEEDBACK = ['满意', '响应很及时', '希望下次提前电话联系', '工程师很专业', 'Very satisfied', ''];
const TALKS = [
  '电话沟通续约事宜，客户希望价格保持不变',
  '微信确认下周上门时间',
  '会议讨论明年的采购计划，客户预算有所增加',
  '邮件发送报价单，客户表示需要内部审批',
  '拜访客户总经理，介绍新产品线',
  'Discussed the renewal terms and the new price list',
];
const AGREEMENTS = ['下周三前发送正式报价', '月底前完成合同审批', '安排工程师下周上门', '先试用一个月再决定', 'Send the revised quote by Friday', ''];
const FILLER = '客户对服务整体满意，提出了若干改进建议，我们会在后续工作中跟进落实，并保持每月一次的回访频率。';

/** The live customers in id order, with their contacts and live contracts. */
async function customersOf(db: Db) {
  const customers = await db.selectFrom('customers').select('id').where('deleted_at', 'is', null).orderBy('id').execute();
  const contacts = new Map<number, { id: number; name: string }[]>();
  for (const row of await db.selectFrom('contacts').select(['id', 'customer_id', 'name']).orderBy('id').execute()) {
    contacts.set(row.customer_id, [...(contacts.get(row.customer_id) ?? []), { id: row.id, name: row.name }]);
  }
  const contracts = new Map<number, number[]>();
  for (const row of await db.selectFrom('contracts').select(['id', 'customer_id']).where('deleted_at', 'is', null).orderBy('id').execute()) {
    contracts.set(row.customer_id, [...(contracts.get(row.customer_id) ?? []), row.id]);
  }
  return { ids: customers.map((c) => c.id), contacts, contracts };
}

/**
 * Adds `options.records` records to the shop's live customers (none: NOT_FOUND). With a `job`:
 * progress in records (then the same count again while indexing), the job's step between batches.
 */
export async function seedRecords(db: Db, options: RecordSeedOptions, job?: RecordSeedJob): Promise<{ records: number; ms: number; cancelled: boolean }> {
  const started = performance.now();
  if (options.records === 0) return { records: 0, ms: 0, cancelled: false };
  const shop = await customersOf(db);
  if (shop.ids.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: records need customers; seed some first (--customers N)');
  const random = randomGenerator(options.seed ^ 0x7ec0_4d5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range
  const heavy = Math.min(Math.floor((options.records * HEAVY_SHARE) / HEAVY_RECORDS), Math.floor(shop.ids.length / 10));
  const today = localDay(options.now);
  const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name] as const));

  const oneRecord = (made: number): NewRecord => {
    // The first heavy × 2,000 records go to the heavy customers (spread evenly over the list), the rest anywhere.
    const customerId = made < heavy * HEAVY_RECORDS ? shop.ids[Math.floor(((made % heavy) * shop.ids.length) / heavy)]! : pick(shop.ids); // heavy > 0 here
    const at = options.now - Math.floor(random() * THREE_YEARS_MS);
    const staffId = options.staffIds.length > 0 && random() < 0.9 ? pick(options.staffIds) : null;
    const contacts = shop.contacts.get(customerId) ?? [];
    const long = random() < 0.2 ? FILLER.repeat(1 + Math.floor(random() * 4)) : '';
    const base = { customerId, at, staffId, durationMinutes: null, result: '', feedback: '', agreements: '', followUpOn: null, followUpDoneAt: null, source: 'app' as const, createdAt: at };
    if (random() < 0.6) {
      const serviceKind = pick(SERVICE_KINDS);
      const contracts = shop.contracts.get(customerId) ?? [];
      return {
        ...base,
        kind: 'service',
        content: pick(SERVICE_TEXTS[serviceKind]) + long,
        phase: pick(RECORD_PHASES),
        serviceKind,
        status: random() < 0.85 ? 'done' : 'open',
        contractId: contracts.length > 0 && random() < 0.4 ? pick(contracts) : null,
        durationMinutes: 15 * (1 + Math.floor(random() * 16)),
        result: pick(RESULTS),
        feedback: pick(FEEDBACK),
        channel: null,
        participants: [],
      };
    }
    const day = localDay(at);
    // A follow-up for a third: days after the talk; those already past are mostly done.
    const followUpOn = random() < 0.35 ? addDays(day, 1 + Math.floor(random() * 14)) : null;
    const followUpDoneAt = followUpOn !== null && followUpOn < today && random() < 0.8 ? at + DAY_MS : null;
    const participants = [
      ...(contacts.length > 0 ? [pick(contacts)].map((c) => ({ contactId: c.id, userId: null, name: c.name })) : []),
      ...(staffId !== null && random() < 0.3 ? [{ contactId: null, userId: staffId, name: names.get(staffId) ?? '' }] : []),
    ];
    return {
      ...base,
      kind: 'communication',
      content: pick(TALKS) + long,
      phase: null,
      serviceKind: null,
      status: null,
      contractId: null,
      channel: pick(RECORD_CHANNELS),
      agreements: pick(AGREEMENTS),
      followUpOn,
      followUpDoneAt,
      participants,
    };
  };

  let made = 0;
  let cancelled = false;
  // A cancel stops the inserting after the last whole batch; what was inserted is still indexed.
  const step = async () => {
    try {
      await job?.step();
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'CANCELLED')) throw error;
      cancelled = true;
    }
  };
  // The id ranges the batches took (each batch's ids are consecutive: one writer, one transaction);
  // only those are indexed at the end, never a record someone added meanwhile (indexed already).
  const ranges: [first: number, last: number][] = [];
  // Demo data: a power cut during seeding may lose the last batches, never the database.
  await engine.bulkLoad(
    db,
    async () => {
      while (made < options.records && !cancelled) {
        const batch: NewRecord[] = [];
        for (; batch.length < BATCH && made < options.records; made++) batch.push(oneRecord(made));
        const ids = await transaction(db, (tx) => insertRecords(tx, batch, options.actorId));
        ranges.push([ids[0]!, ids.at(-1)!]); // a batch is never empty
        job?.progress(made, options.records);
        await step();
      }
      // The search documents of the new records, once at the end (FTS maintenance deferred until now).
      let indexed = 0;
      for (let i = 0; i < ranges.length; i += INDEX_RANGES) {
        const some = ranges.slice(i, i + INDEX_RANGES);
        await transaction(db, async (tx) => {
          for (const [first, last] of some) indexed += (await indexRecordsFrom(tx, first, last + 1)).indexed;
        });
        job?.progress(Math.min(indexed, options.records), options.records);
        if (!cancelled) await step();
      }
    },
    options.location,
  );
  return { records: made, ms: Math.round(performance.now() - started), cancelled };
}

/** Batches indexed per transaction at the end (20,000 records). */
const INDEX_RANGES = 4;
