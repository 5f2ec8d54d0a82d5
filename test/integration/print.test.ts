// Printed documents (print.*): who may print what (the print permission, the staff scope of visit
// sheets and customers), contact details masked per role on paper too, each print in the audit
// log, and what each document holds. Visits and records are written straight into their tables,
// as the schema (migrations 0011, 0012) has them: these tests are about reading them for paper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import type { Role } from '../../shared/roles.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { makePng } from '../fixtures/images.ts';
import { streamed } from './attachments-kit.ts';
import { addUser, databaseKeyOf, makeHarness, openDbWithKey, OWNER_PASSWORD, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let sessions: Record<Role, string>;
let db: Db;
const ids = { staff: 0, staff2: 0, manager: 0 };
const customers = { staffs: 0, managers: 0, binned: 0 };
const visits: Record<string, number> = {};
const records = { report: 0, binned: 0, managers: 0 };

const LONG_ADDRESS = '浙江省杭州市西湖区文三路'.repeat(10) + '门牌骨科旁';
const DAY = '2026-12-01';

/** A visit as visits-core writes one: starts_at is the shop's local time of day and minute. */
async function insertVisit(v: { customerId: number; staffId: number; onDay: string; startMinute: number; purpose: string; status?: 'planned' | 'done' | 'postponed' | 'cancelled'; outcome?: string; contactId?: number | null; contactName?: string; address?: string; deleted?: boolean }): Promise<number> {
  const [y, m, d] = v.onDay.split('-').map(Number) as [number, number, number];
  const startsAt = new Date(y, m - 1, d, Math.floor(v.startMinute / 60), v.startMinute % 60).getTime();
  const row = await db
    .insertInto('visits')
    .values({
      customer_id: v.customerId,
      contact_id: v.contactId ?? null,
      contact_name: v.contactName ?? '',
      staff_id: v.staffId,
      on_day: v.onDay,
      start_minute: v.startMinute,
      duration_minutes: 60,
      starts_at: startsAt,
      purpose: v.purpose,
      agenda: `议程：${v.purpose}`,
      address: v.address ?? '',
      status: v.status ?? 'planned',
      outcome: v.outcome ?? '',
      created_by: 1,
      created_at: h.clock.now,
      updated_at: h.clock.now,
      deleted_at: v.deleted ? h.clock.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertRecord(r: { customerId: number; staffId: number; content: string; deleted?: boolean }): Promise<number> {
  const row = await db
    .insertInto('records')
    .values({
      customer_id: r.customerId,
      kind: 'service',
      at: new Date(2026, 10, 30, 14, 30).getTime(),
      staff_id: r.staffId,
      content: r.content,
      phase: 'aftersale',
      service_kind: 'repair',
      duration_minutes: 90,
      result: '已修复，运行正常',
      status: 'done',
      feedback: '满意',
      created_by: 1,
      created_at: h.clock.now,
      updated_at: h.clock.now,
      deleted_at: r.deleted ? h.clock.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('record_participants').values({ record_id: row.id, position: 0, contact_id: null, user_id: null, name: '王五' }).execute();
  return row.id;
}

async function latestAudit(action: string): Promise<AuditEntry> {
  const page = await h.call('owner', 'audit.list', { action, limit: 1 });
  const entry = page.rows[0];
  if (!entry) throw new Error(`no ${action} entry`);
  return entry;
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 8, 0).getTime();
  sessions = await shopWithRoles(h);
  await addUser(h, { username: 'staff2', role: 'staff', displayName: '赵六' });
  ids.staff = (await userNamed(h, 'staff')).id;
  ids.staff2 = (await userNamed(h, 'staff2')).id;
  ids.manager = (await userNamed(h, 'manager')).id;
  const staffs = await h.call('owner', 'customers.create', {
    name: '杭州门骨科技有限公司',
    ownerId: ids.staff,
    address: LONG_ADDRESS,
    phone: '0571-8888 1234',
    grade: 'vip',
    contacts: [{ name: '李四', mobile: '139 0000 5678', email: 'li.si@example.com' }],
  });
  customers.staffs = staffs.id;
  customers.managers = (await h.call('owner', 'customers.create', { name: '经理的客户', ownerId: ids.manager, address: '上海市', phone: '021-5555 0000' })).id;
  const binned = await h.call('owner', 'customers.create', { name: '回收站客户', ownerId: ids.staff });
  customers.binned = binned.id;
  const contactId = staffs.contacts[0]!.id;

  db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
  // The customer's earlier visits: the latest done one before the day is the sheet's "last visit".
  await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: '2026-11-10', startMinute: 600, purpose: '初访', status: 'done', outcome: '旧的记录' });
  await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: '2026-11-20', startMinute: 600, purpose: '回访', status: 'done', outcome: '客户要求下周报价' });
  await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: '2026-11-25', startMinute: 600, purpose: '取消的', status: 'cancelled' });
  visits.second = await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: DAY, startMinute: 14 * 60, purpose: '送报价单', contactId, contactName: '李四', address: LONG_ADDRESS });
  visits.first = await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: DAY, startMinute: 9 * 60 + 30, purpose: '安装调试', contactId, contactName: '李四', address: LONG_ADDRESS });
  visits.cancelled = await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: DAY, startMinute: 11 * 60, purpose: '取消了', status: 'cancelled' });
  visits.deleted = await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: DAY, startMinute: 12 * 60, purpose: '删掉了', deleted: true });
  visits.otherCustomer = await insertVisit({ customerId: customers.managers, staffId: ids.staff, onDay: DAY, startMinute: 16 * 60, purpose: '帮经理跑一趟' });
  visits.staff2 = await insertVisit({ customerId: customers.managers, staffId: ids.staff2, onDay: DAY, startMinute: 10 * 60, purpose: '赵六的拜访' });
  visits.binnedCustomer = await insertVisit({ customerId: customers.binned, staffId: ids.staff, onDay: DAY, startMinute: 17 * 60, purpose: '回收站客户的拜访' });
  visits.nextDay = await insertVisit({ customerId: customers.staffs, staffId: ids.staff, onDay: '2026-12-02', startMinute: 9 * 60, purpose: '第二天' });
  records.report = await insertRecord({ customerId: customers.staffs, staffId: ids.staff, content: '更换主板，测试通过' });
  records.binned = await insertRecord({ customerId: customers.staffs, staffId: ids.staff, content: '删掉的记录', deleted: true });
  records.managers = await insertRecord({ customerId: customers.managers, staffId: ids.manager, content: '经理客户的服务' });
  await h.call('owner', 'customers.delete', { id: binned.id, version: binned.version });
}, 60_000);

afterAll(() => {
  engine.close(db);
  h.cleanup();
});

describe('print.visitSheet', () => {
  it('holds the day’s live, not cancelled visits in order of time, with the last visit’s note and the shop header', async () => {
    const sheet = await h.call('owner', 'print.visitSheet', { staffId: ids.staff, from: DAY, to: DAY });
    expect(sheet.shopName).toBe('张三小店');
    expect(sheet.printedBy).toBe('老板');
    expect(sheet.printedAt).toBe(h.clock.now);
    expect(sheet.logo).toBeNull();
    expect(sheet.staff).toEqual({ id: ids.staff, name: 'staff' });
    expect(sheet.more).toBe(false);
    // Cancelled, deleted, another staff member's, another day's and a binned customer's visits are not on it.
    expect(sheet.visits.map((v) => v.id)).toEqual([visits.first, visits.second, visits.otherCustomer]);
    const first = sheet.visits[0]!;
    expect(first).toMatchObject({ onDay: DAY, startMinute: 570, customerName: '杭州门骨科技有限公司', address: LONG_ADDRESS, contactName: '李四', contactPhone: '139 0000 5678', purpose: '安装调试', staffName: 'staff' });
    expect(first.lastVisitNote).toEqual({ onDay: '2026-11-20', outcome: '客户要求下周报价' });
    expect(sheet.visits[2]!.lastVisitNote).toBeNull();
  });

  it('prints the whole shop (staffId null) and a week', async () => {
    const shop = await h.call('manager', 'print.visitSheet', { staffId: null, from: DAY, to: '2026-12-07' });
    expect(shop.staff).toBeNull();
    expect(shop.visits.map((v) => v.id)).toEqual([visits.first, visits.staff2, visits.second, visits.otherCustomer, visits.nextDay]);
  });

  it('is the print right: a viewer is refused every document', async () => {
    await h.failure(sessions.viewer, 'print.visitSheet', { staffId: null, from: DAY, to: DAY }, 'FORBIDDEN');
    await h.failure(sessions.viewer, 'print.customerProfile', { customerId: customers.staffs }, 'FORBIDDEN');
    await h.failure(sessions.viewer, 'print.serviceReport', { recordId: records.report }, 'FORBIDDEN');
    for (const role of ['owner', 'manager', 'staff'] as const) {
      expect((await h.call(sessions[role], 'print.customerProfile', { customerId: customers.staffs })).customer.id, role).toBe(customers.staffs);
    }
  });

  it('refuses bad days in the user’s terms and an unknown staff member', async () => {
    const order = await h.failure('owner', 'print.visitSheet', { staffId: null, from: '2026-12-07', to: '2026-12-01' }, 'VALIDATION');
    expect(fieldIssuesOf(order)).toMatchObject([{ path: ['to'], message: 'dateOrder' }]);
    const old = await h.failure('owner', 'print.visitSheet', { staffId: null, from: '1900-01-01', to: '1900-01-01' }, 'VALIDATION');
    expect(fieldIssuesOf(old).map((issue) => issue.message)).toContain('dateRange');
    const long = await h.failure('owner', 'print.visitSheet', { staffId: null, from: '2026-01-01', to: '2026-12-31' }, 'VALIDATION');
    expect(fieldIssuesOf(long)).toMatchObject([{ path: ['to'], message: 'spanTooLong' }]);
    const nobody = await h.failure('owner', 'print.visitSheet', { staffId: 9999, from: DAY, to: DAY }, 'VALIDATION');
    expect(fieldIssuesOf(nobody)).toMatchObject([{ path: ['staffId'], message: 'staff' }]);
  });
});

describe('the staff scope on paper', () => {
  beforeAll(async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
  });
  afterAll(async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
  });

  it('a scoped staff member prints only their own sheet, with their own customers’ visits', async () => {
    const own = await h.call(sessions.staff, 'print.visitSheet', { staffId: ids.staff, from: DAY, to: DAY });
    // The visit to the manager's customer is not theirs to see.
    expect(own.visits.map((v) => v.id)).toEqual([visits.first, visits.second]);
    for (const staffId of [null, ids.staff2, ids.manager]) {
      const refused = await h.failure(sessions.staff, 'print.visitSheet', { staffId, from: DAY, to: DAY }, 'FORBIDDEN');
      expect(refused.message).toMatch(/^print\.visitSheet: /);
    }
  });

  it('managers and the owner still print anyone’s sheet', async () => {
    const theirs = await h.call(sessions.manager, 'print.visitSheet', { staffId: ids.staff, from: DAY, to: DAY });
    expect(theirs.visits.map((v) => v.id)).toEqual([visits.first, visits.second, visits.otherCustomer]);
    expect((await h.call('owner', 'print.visitSheet', { staffId: null, from: DAY, to: DAY })).visits).toHaveLength(4);
  });

  it('a customer or record out of scope is NOT_FOUND', async () => {
    await h.failure(sessions.staff, 'print.customerProfile', { customerId: customers.managers }, 'NOT_FOUND');
    await h.failure(sessions.staff, 'print.serviceReport', { recordId: records.managers }, 'NOT_FOUND');
    expect((await h.call(sessions.staff, 'print.serviceReport', { recordId: records.report })).record.id).toBe(records.report);
  });
});

describe('masking on paper', () => {
  beforeAll(async () => {
    await h.call('owner', 'settings.update', { maskContacts: true });
  });
  afterAll(async () => {
    await h.call('owner', 'settings.update', { maskContacts: false });
  });

  it('masks phones for staff and shows them whole to the owner and managers', async () => {
    const masked = await h.call(sessions.staff, 'print.visitSheet', { staffId: ids.staff, from: DAY, to: DAY });
    expect(masked.visits[0]!.contactPhone).toBe('139****5678');
    const profile = await h.call(sessions.staff, 'print.customerProfile', { customerId: customers.staffs });
    expect(profile.customer.phone).toBe('057****1234');
    expect(profile.customer.contacts[0]).toMatchObject({ mobile: '139****5678', email: 'l***@example.com' });
    const report = await h.call(sessions.staff, 'print.serviceReport', { recordId: records.report });
    expect(report.customer.phone).toBe('057****1234');
    expect(JSON.stringify([masked, profile, report])).not.toMatch(/0000 5678|13900005678|8888 1234|li\.si@/);
    for (const role of ['owner', 'manager'] as const) {
      expect((await h.call(sessions[role], 'print.visitSheet', { staffId: ids.staff, from: DAY, to: DAY })).visits[0]!.contactPhone, role).toBe('139 0000 5678');
      expect((await h.call(sessions[role], 'print.serviceReport', { recordId: records.report })).customer.phone, role).toBe('0571-8888 1234');
    }
  });
});

describe('print.customerProfile and print.serviceReport', () => {
  it('the profile holds the archive fields, contacts, grade and the latest timeline', async () => {
    const profile = await h.call('owner', 'print.customerProfile', { customerId: customers.staffs });
    expect(profile.customer).toMatchObject({ name: '杭州门骨科技有限公司', grade: 'vip', address: LONG_ADDRESS, ownerName: 'staff' });
    expect(profile.customer.contacts.map((c) => c.name)).toEqual(['李四']);
    const kinds = profile.timeline.map((entry) => `${entry.kind}:${entry.refId}`);
    expect(kinds).toContain(`service:${records.report}`);
    expect(kinds).toContain(`visit:${visits.first}`);
    // Paper shows what stands: nothing from the recycle bin.
    expect(kinds).not.toContain(`service:${records.binned}`);
    expect(kinds).not.toContain(`visit:${visits.deleted}`);
    expect(profile.timeline.every((entry) => !entry.deleted)).toBe(true);
    const ats = profile.timeline.map((entry) => entry.at);
    expect(ats).toEqual(ats.toSorted((a, b) => b - a));
  });

  it('the service report holds the record, the customer and the staff member', async () => {
    const report = await h.call('owner', 'print.serviceReport', { recordId: records.report });
    expect(report.record).toMatchObject({ kind: 'service', content: '更换主板，测试通过', phase: 'aftersale', serviceKind: 'repair', durationMinutes: 90, result: '已修复，运行正常', status: 'done', feedback: '满意', staffName: 'staff', participants: ['王五'] });
    expect(report.customer).toMatchObject({ id: customers.staffs, name: '杭州门骨科技有限公司', address: LONG_ADDRESS });
  });

  it('a binned customer or record, or one that does not exist, is NOT_FOUND', async () => {
    await h.failure('owner', 'print.customerProfile', { customerId: customers.binned }, 'NOT_FOUND');
    await h.failure('owner', 'print.customerProfile', { customerId: 99999 }, 'NOT_FOUND');
    await h.failure('owner', 'print.serviceReport', { recordId: records.binned }, 'NOT_FOUND');
    const missing = await h.failure('owner', 'print.serviceReport', { recordId: 99999 }, 'NOT_FOUND');
    expect(missing.message).toMatch(/^print\.serviceReport: /);
  });

  it('carries the shop’s logo as a data: URL, so paper needs no network', async () => {
    const png = makePng(8, 8);
    const staged = await h.core.upload(sessions.owner, 'logo', streamed(png, 'logo.png'));
    if (!staged.ok) throw new Error('logo upload');
    await h.call('owner', 'logo.set', { file: { upload: staged.value.upload } });
    const report = await h.call(sessions.staff, 'print.serviceReport', { recordId: records.report });
    expect(report.logo).toBe(`data:image/png;base64,${png.toString('base64')}`);
    await h.call('owner', 'logo.remove', {});
  });
});

describe('the audit log', () => {
  it('logs each print: the document, who, and which staff member and days, customer or record', async () => {
    await h.call(sessions.staff, 'print.visitSheet', { staffId: ids.staff, from: DAY, to: '2026-12-07' });
    const sheet = await latestAudit('print.visitSheet');
    expect(sheet).toMatchObject({ username: 'staff', entity: 'print', entityId: ids.staff, label: 'staff', at: h.clock.now });
    expect(sheet.changes).toEqual([
      { field: 'sheetStaff', before: null, after: 'staff' },
      { field: 'sheetFrom', before: null, after: DAY },
      { field: 'sheetTo', before: null, after: '2026-12-07' },
      { field: 'sheetVisits', before: null, after: 4 },
    ]);
    await h.call(sessions.manager, 'print.visitSheet', { staffId: null, from: DAY, to: DAY });
    expect((await latestAudit('print.visitSheet')).changes[0]).toEqual({ field: 'sheetStaff', before: null, after: 'wholeShop' });

    await h.call(sessions.manager, 'print.customerProfile', { customerId: customers.staffs });
    expect(await latestAudit('print.customerProfile')).toMatchObject({
      username: 'manager',
      entityId: customers.staffs,
      label: '杭州门骨科技有限公司',
      changes: [{ field: 'customerId', before: null, after: { id: customers.staffs, name: '杭州门骨科技有限公司' } }],
    });
    await h.call('owner', 'print.serviceReport', { recordId: records.report });
    expect(await latestAudit('print.serviceReport')).toMatchObject({ username: 'boss', entityId: records.report, changes: [{ field: 'printedRecord', after: records.report }, { field: 'customerId' }] });
  });

  it('logs nothing for a refused print', async () => {
    const before = (await h.call('owner', 'audit.list', { entity: 'print', limit: 200 })).rows.length;
    await h.failure(sessions.viewer, 'print.visitSheet', { staffId: null, from: DAY, to: DAY }, 'FORBIDDEN');
    await h.failure('owner', 'print.serviceReport', { recordId: 99999 }, 'NOT_FOUND');
    expect((await h.call('owner', 'audit.list', { entity: 'print', limit: 200 })).rows.length).toBe(before);
    expect((await h.call('owner', 'audit.verify', {})).ok).toBe(true);
  });
});
