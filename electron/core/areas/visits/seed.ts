// Demo visit plans for `clientele seed --visits N`: deterministic for a seed, the shop's customers
// and staff, and the seed's clock. Spread over the active staff members and the eight weeks around
// today (four back, four ahead), mostly on working days between 8:00 and 17:30, some overlapping.
// Past visits are mostly done, each with its outcome and the communication record completing it
// (source 'visit', indexed for search); the others postponed or cancelled. Future ones are mostly
// planned. Batches of BATCH visits in transactions of their own, no audit entry each (the seed is
// one audited change).
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { VisitStatus } from '../../../../shared/api/visits.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';
import { insertRecords, type NewRecord } from '../records/insert-many.ts';
import { indexRecordsFrom } from '../search/records.ts';
import { startsAt } from './service.ts';

export type VisitSeedOptions = { visits: number; seed: number; now: number; actorId: number; staffIds: number[] };
export type VisitSeedJob = { progress(done: number, total: number): void; step(): Promise<void> };

/** Visits per transaction. */
const BATCH = 2_000;
/** Rows per insert statement (18 values a row). */
const ROWS = 500;
const WEEKS_BACK = 4;
const WEEKS_AHEAD = 4;

const PURPOSES = [
  '季度回访',
  '新品介绍与演示',
  '续约洽谈',
  '设备巡检',
  '收集使用反馈',
  '年度合作总结',
  '商务宴请',
  '投诉处理回访',
  'Quarterly review',
  'Product demo for the new line',
];
const AGENDAS = ['1. 了解近期使用情况\n2. 介绍新服务套餐\n3. 确认下季度需求', '确认合同续签条款，带上报价单', '检查设备运行状态，带备用耗材', '', '', 'Walk through the renewal terms; bring the price list'];
const OUTCOMES = [
  '客户对服务满意，同意续约一年',
  '演示顺利，客户要求下周发正式报价',
  '设备运行正常，更换了两件耗材',
  '客户提出价格偏高，需内部讨论后答复',
  '见到了采购负责人，约定月底再谈',
  'The customer agreed to a pilot next month',
];
const DURATIONS = [30, 45, 60, 60, 60, 90, 120];

/** The live customers in id order, with their address and contacts. */
async function customersOf(db: Db) {
  const customers = await db.selectFrom('customers').select(['id', 'address']).where('deleted_at', 'is', null).orderBy('id').execute();
  const contacts = new Map<number, { id: number; name: string }[]>();
  for (const row of await db.selectFrom('contacts').select(['id', 'customer_id', 'name']).orderBy('id').execute()) {
    contacts.set(row.customer_id, [...(contacts.get(row.customer_id) ?? []), { id: row.id, name: row.name }]);
  }
  return { customers, contacts };
}

type NewVisit = {
  customer_id: number;
  contact_id: number | null;
  contact_name: string;
  staff_id: number;
  on_day: string;
  start_minute: number;
  duration_minutes: number;
  starts_at: number;
  purpose: string;
  agenda: string;
  address: string;
  status: VisitStatus;
  outcome: string;
  created_by: number;
  created_at: number;
  updated_at: number;
};

/**
 * Adds `options.visits` visits to the shop's live customers (none: NOT_FOUND) for its active staff
 * (none: NOT_FOUND). With a `job`: progress in visits, the job's step between batches; a cancel
 * keeps the whole batches.
 */
export async function seedVisits(db: Db, options: VisitSeedOptions, job?: VisitSeedJob): Promise<{ visits: number; ms: number; cancelled: boolean }> {
  const started = performance.now();
  if (options.visits === 0) return { visits: 0, ms: 0, cancelled: false };
  const shop = await customersOf(db);
  if (shop.customers.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: visits need customers; seed some first (--customers N)');
  const staffIds = [...options.staffIds].sort((a, b) => a - b);
  if (staffIds.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: visits need active staff members who can visit customers');
  const random = randomGenerator(options.seed ^ 0x51_7a_11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range
  const today = localDay(options.now);
  const first = addDays(today, -7 * WEEKS_BACK);
  const days = 7 * (WEEKS_BACK + WEEKS_AHEAD);

  const oneVisit = (): NewVisit => {
    const customer = pick(shop.customers);
    const contacts = shop.contacts.get(customer.id) ?? [];
    const contact = contacts.length > 0 && random() < 0.7 ? pick(contacts) : null;
    // Working days mostly: a weekend day drawn is moved to the Monday after, nine times in ten.
    let onDay = addDays(first, Math.floor(random() * days));
    const weekday = new Date(`${onDay}T00:00:00Z`).getUTCDay();
    if ((weekday === 0 || weekday === 6) && random() < 0.9) onDay = addDays(onDay, weekday === 6 ? 2 : 1);
    const startMinute = 8 * 60 + 30 * Math.floor(random() * 20);
    const past = onDay < today;
    const roll = random();
    const status: VisitStatus = past ? (roll < 0.7 ? 'done' : roll < 0.85 ? 'postponed' : 'cancelled') : roll < 0.9 ? 'planned' : roll < 0.95 ? 'postponed' : 'cancelled';
    const at = startsAt(onDay, startMinute);
    const createdAt = Math.min(options.now, at - 86_400_000 * (1 + Math.floor(random() * 14)));
    return {
      customer_id: customer.id,
      contact_id: contact?.id ?? null,
      contact_name: contact?.name ?? '',
      staff_id: pick(staffIds),
      on_day: onDay,
      start_minute: startMinute,
      duration_minutes: pick(DURATIONS),
      starts_at: at,
      purpose: pick(PURPOSES),
      agenda: pick(AGENDAS),
      address: customer.address,
      status,
      outcome: status === 'done' ? pick(OUTCOMES) : '',
      created_by: options.actorId,
      created_at: createdAt,
      updated_at: status === 'done' ? at : createdAt,
    };
  };

  /** The communication record a done visit made. */
  const recordOf = (visit: NewVisit): NewRecord => ({
    customerId: visit.customer_id,
    kind: 'communication',
    at: visit.starts_at,
    staffId: visit.staff_id,
    content: visit.outcome,
    phase: null,
    serviceKind: null,
    status: null,
    contractId: null,
    durationMinutes: null,
    result: '',
    feedback: '',
    channel: 'visit',
    followUpOn: null,
    agreements: '',
    participants: visit.contact_id === null ? [] : [{ contactId: visit.contact_id, userId: null, name: visit.contact_name }],
    followUpDoneAt: null,
    source: 'visit',
    createdAt: visit.updated_at,
  });

  const insertBatch = async (tx: Db, batch: readonly NewVisit[]): Promise<void> => {
    const ids: number[] = [];
    for (let start = 0; start < batch.length; start += ROWS) {
      const inserted = await tx.insertInto('visits').values(batch.slice(start, start + ROWS)).returning('id').execute();
      // One writer in one transaction: ascending ids are the batch's order.
      ids.push(...inserted.map((row) => row.id).sort((a, b) => a - b));
    }
    const done = batch.flatMap((visit, i) => (visit.status === 'done' ? [{ visit, id: ids[i]! }] : [])); // one id per row
    if (done.length === 0) return;
    const recordIds = await insertRecords(tx, done.map(({ visit }) => recordOf(visit)), options.actorId);
    for (const [i, { id }] of done.entries()) {
      await tx.updateTable('records').set({ visit_id: id }).where('id', '=', recordIds[i]!).execute();
      await tx.updateTable('visits').set({ record_id: recordIds[i]! }).where('id', '=', id).execute();
    }
    await indexRecordsFrom(tx, recordIds[0]!, recordIds.at(-1)! + 1);
  };

  let made = 0;
  let cancelled = false;
  while (made < options.visits && !cancelled) {
    const batch: NewVisit[] = [];
    for (; batch.length < BATCH && made < options.visits; made++) batch.push(oneVisit());
    await transaction(db, (tx) => insertBatch(tx, batch));
    job?.progress(made, options.visits);
    try {
      await job?.step();
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'CANCELLED')) throw error;
      cancelled = true;
    }
  }
  return { visits: made, ms: Math.round(performance.now() - started), cancelled };
}
