// Demo complaints for `clientele seed --complaints N` (up to 200,000): deterministic for a seed, the
// shop's customers and staff, and the seed's clock. Opened over the year before the seed's clock;
// the deadline is the customer's grade's response standard (every hour or working hours, as the
// owner set it); those opened in the last fortnight mostly still open (some past their deadline),
// the older ones mostly resolved or closed, a few never answered (overdue). Assigned to the
// customer's responsible staff member when there is one among the staff, else to someone or nobody.
// Each complaint's history is written with it (opened, and each status step). Batches of BATCH in
// transactions of their own; no audit entry each (the seed is one audited change).
import { sql } from 'kysely';
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, type ComplaintStatus } from '../../../../shared/api/complaints.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';
import { countsWorkingDays } from '../standards/deadline.ts';
import { addWorkingHours, loadWorkingCalendar } from '../standards/working-days.ts';

export type ComplaintSeedOptions = { complaints: number; seed: number; now: number; actorId: number; staffIds: number[] };
export type ComplaintSeedJob = { progress(done: number, total: number): void; step(): Promise<void> };

/** Complaints per transaction. */
const BATCH = 5_000;
/** Rows per insert statement (16 values a complaint row, 7 an event). */
const ROWS = 500;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
const SOURCES = ['phone', 'phone', 'phone', 'wechat', 'wechat', 'visit', 'email', 'walkIn', 'other'] as const;
const DESCRIPTIONS = [
  '上门服务迟到两个小时，客户等了一上午',
  '设备维修后一周内再次出现同样的故障',
  '发票抬头开错，财务无法报销',
  '送货时外包装破损，部分配件缺失',
  '客服电话多次无人接听',
  '工程师态度不耐烦，没有解释清楚问题原因',
  '报价与合同金额不一致',
  '耗材质量不稳定，打印有条纹',
  'The engineer left without finishing the installation',
  'Invoice sent twice for the same order',
];
const RESOLUTIONS = ['补派工程师上门，重新调试完成', '更换新设备并减免当月服务费', '重开发票并致电道歉', '补发缺失配件，客户确认收到', '主管回访致歉，调整服务人员', 'Replaced the unit and apologised to the customer'];

type NewComplaint = {
  customer_id: number;
  category: (typeof COMPLAINT_CATEGORIES)[number];
  severity: (typeof COMPLAINT_SEVERITIES)[number];
  description: string;
  source: (typeof SOURCES)[number];
  assignee_id: number | null;
  opened_at: number;
  due_at: number;
  status: ComplaintStatus;
  resolution: string;
  after_score: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
};
type NewEvent = { at: number; kind: 'opened' | 'status'; from_status: string | null; to_status: string; user_id: number };

/**
 * Adds `options.complaints` complaints to the shop's live customers (none: NOT_FOUND). With a `job`:
 * progress in complaints, the job's step between batches (a cancel keeps the batches made).
 */
export async function seedComplaints(db: Db, options: ComplaintSeedOptions, job?: ComplaintSeedJob): Promise<{ complaints: number; ms: number; cancelled: boolean }> {
  const started = performance.now();
  if (options.complaints === 0) return { complaints: 0, ms: 0, cancelled: false };
  const customers = await db.selectFrom('customers').select(['id', 'grade', 'owner_id']).where('deleted_at', 'is', null).orderBy('id').execute();
  if (customers.length === 0) throw new AppFailure('NOT_FOUND', 'system.seed: complaints need customers; seed some first (--customers N)');
  const hours = Object.fromEntries(GRADES.map((grade) => [grade, 72])) as Record<Grade, number>;
  for (const row of await db.selectFrom('service_standards').select(['grade', 'response_hours']).execute()) hours[row.grade] = row.response_hours;
  const calendar = (await countsWorkingDays(db)) ? await loadWorkingCalendar(db) : null;
  const deadline = (grade: Grade, openedAt: number) => (calendar ? addWorkingHours(calendar, openedAt, hours[grade]) : openedAt + hours[grade] * HOUR_MS);
  const staff = new Set(options.staffIds);
  const random = randomGenerator(options.seed ^ 0xc0_3b1a);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!; // index is always in range

  const one = (): { complaint: NewComplaint; events: NewEvent[] } => {
    const customer = pick(customers);
    // A fifth in the last fortnight, the rest over the year.
    const age = random() < 0.2 ? Math.floor(random() * 14 * DAY_MS) : Math.floor(random() * YEAR_MS);
    const openedAt = options.now - age;
    const dueAt = deadline(customer.grade, openedAt);
    const assignee = customer.owner_id !== null && staff.has(customer.owner_id) ? customer.owner_id : options.staffIds.length > 0 && random() < 0.8 ? pick(options.staffIds) : null;
    const recent = age < 14 * DAY_MS;
    const roll = random();
    // Recent: mostly open; older: mostly answered, a few left open (overdue by now).
    const status: ComplaintStatus = recent ? (roll < 0.4 ? 'new' : roll < 0.75 ? 'inProgress' : 'resolved') : roll < 0.02 ? 'new' : roll < 0.04 ? 'inProgress' : roll < 0.3 ? 'resolved' : 'closed';
    const who = assignee ?? options.actorId;
    const span = Math.max(HOUR_MS, Math.min(dueAt - openedAt, age));
    const startedAt = openedAt + Math.floor(span * 0.2);
    const resolvedAt = openedAt + Math.floor(span * (0.5 + random() * 0.8));
    const answered = status === 'resolved' || status === 'closed';
    const resolved = answered ? Math.min(resolvedAt, options.now) : null;
    const closed = status === 'closed' ? Math.min((resolved ?? openedAt) + 2 * DAY_MS, options.now) : null;
    const events: NewEvent[] = [{ at: openedAt, kind: 'opened', from_status: null, to_status: 'new', user_id: options.actorId }];
    if (status !== 'new') events.push({ at: Math.min(startedAt, options.now), kind: 'status', from_status: 'new', to_status: 'inProgress', user_id: who });
    if (resolved !== null) events.push({ at: resolved, kind: 'status', from_status: 'inProgress', to_status: 'resolved', user_id: who });
    if (closed !== null) events.push({ at: closed, kind: 'status', from_status: 'resolved', to_status: 'closed', user_id: options.actorId });
    return {
      complaint: {
        customer_id: customer.id,
        category: pick(COMPLAINT_CATEGORIES),
        severity: random() < 0.5 ? 'medium' : pick(COMPLAINT_SEVERITIES),
        description: pick(DESCRIPTIONS),
        source: pick(SOURCES),
        assignee_id: assignee,
        opened_at: openedAt,
        due_at: dueAt,
        status,
        resolution: answered ? pick(RESOLUTIONS) : '',
        after_score: answered && random() < 0.7 ? 2 + Math.floor(random() * 4) : null,
        resolved_at: resolved,
        closed_at: closed,
        created_by: options.actorId,
        created_at: openedAt,
        updated_at: events.at(-1)!.at, // there is always the opening
      },
      events,
    };
  };

  let made = 0;
  let cancelled = false;
  while (made < options.complaints && !cancelled) {
    const batch: ReturnType<typeof one>[] = [];
    for (; batch.length < BATCH && made < options.complaints; made++) batch.push(one());
    await transaction(db, async (tx) => {
      // One writer in this transaction: the batch's ids follow the largest one so far, in order.
      const last = (await tx.selectFrom('complaints').select(sql<number>`coalesce(max(id), 0)`.as('id')).executeTakeFirstOrThrow()).id;
      for (let i = 0; i < batch.length; i += ROWS) {
        await tx
          .insertInto('complaints')
          .values(batch.slice(i, i + ROWS).map((b, j) => ({ id: last + 1 + i + j, ...b.complaint })))
          .execute();
      }
      const events = batch.flatMap((b, i) => b.events.map((e) => ({ complaint_id: last + 1 + i, ...e })));
      for (let i = 0; i < events.length; i += ROWS) await tx.insertInto('complaint_events').values(events.slice(i, i + ROWS)).execute();
    });
    job?.progress(made, options.complaints);
    try {
      await job?.step();
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'CANCELLED')) throw error;
      cancelled = true;
    }
  }
  return { complaints: made, ms: Math.round(performance.now() - started), cancelled };
}
