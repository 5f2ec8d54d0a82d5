// Visit plans through the core: create (starts_at from the day and minute in local time, the
// customer's address for an empty one), the validation of every field, overlaps as a warning,
// reschedule, status, completion (exactly one record, also when completed twice or at once),
// lastVisitNote, delete and restore, the agendas in order, and the audit entries.
// Scope and roles: visits-scope.test.ts; permissions per role: permissions.test.ts.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/api/contract.ts';
import type { Visit } from '../../shared/api/visits.ts';
import { detailsOf, fieldIssuesOf } from '../../shared/error-details.ts';
import type { Result } from '../../shared/errors.ts';
import { start } from './fixtures/processes.ts';
import { addUser, childEnv, codeOf, databaseKeyOf, OWNER_PASSWORD, openWithKey, makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

const CHILD = resolve(import.meta.dirname, 'fixtures/complete-visit-child.ts');

let h: Harness;
let ownerId: number;
let staffId: number;
let managerId: number;
let viewerId: number;
let customerId: number;
let contactId: number;
let otherCustomerId: number;
let otherContactId: number;

type Draft = MethodInput<'visits.create'>;

const draft = (over: Partial<Draft> = {}): Draft => ({ customerId, contactId, staffId, onDay: '2026-12-02', startMinute: 570, purpose: '季度回访', ...over });

async function create(over: Partial<Draft> = {}, session = 'owner') {
  return h.call(session, 'visits.create', draft(over));
}

/** How many records exist for a visit, read by the owner through the list. */
async function recordsOfVisit(visitId: number): Promise<number> {
  const page = await h.call('owner', 'records.list', { customerId, limit: 100 });
  return page.rows.filter((row) => row.visitId === visitId).length;
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 9).getTime();
  await shopWithRoles(h);
  ownerId = (await userNamed(h, 'boss')).id;
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  viewerId = (await userNamed(h, 'viewer')).id;
  const customer = await h.call('owner', 'customers.create', {
    name: '远航贸易',
    address: '杭州市西湖区文三路 100 号',
    ownerId: staffId,
    contacts: [{ name: '王经理', mobile: '13912345678', phone: '0571-8765 4321' }],
  });
  customerId = customer.id;
  contactId = customer.contacts[0]!.id!;
  const other = await h.call('owner', 'customers.create', { name: '北辰科技', ownerId: managerId, contacts: [{ name: '赵工' }] });
  otherCustomerId = other.id;
  otherContactId = other.contacts[0]!.id!;
}, 60_000);
afterAll(() => h.cleanup());

describe('visits: create and read', () => {
  it('computes starts_at from the day and minute in local time, fills the address and names, and audits', async () => {
    const { visit, overlaps } = await create({ address: '', agenda: '1. 新品介绍\n2. 续约' });
    expect(overlaps).toEqual([]);
    expect(visit).toMatchObject({
      customerId,
      customerName: '远航贸易',
      contactId,
      contactName: '王经理',
      contactPhone: '13912345678',
      contactPhones: { phone: '0571-8765 4321', mobile: '13912345678' },
      staffId,
      staffName: 'staff',
      onDay: '2026-12-02',
      startMinute: 570,
      durationMinutes: 60,
      startsAt: new Date(2026, 11, 2, 9, 30).getTime(),
      purpose: '季度回访',
      agenda: '1. 新品介绍\n2. 续约',
      address: '杭州市西湖区文三路 100 号',
      status: 'planned',
      outcome: '',
      recordId: null,
      lastVisitNote: null,
      deletedAt: null,
      version: 1,
      createdBy: ownerId,
      actions: { edit: true, delete: true, restore: false, complete: true, reschedule: true },
    });
    expect(await h.call('viewer', 'visits.get', { id: visit.id })).toMatchObject({ id: visit.id, actions: { edit: false, delete: false, complete: false, reschedule: false } });
    const entry = (await h.call('owner', 'audit.list', { action: 'visit.create' })).rows[0]!;
    expect(entry).toMatchObject({ entity: 'visit', entityId: visit.id, label: '远航贸易 2026-12-02 09:30' });
    // An address given is kept as given.
    expect((await create({ address: '客户展厅', startMinute: 900 })).visit.address).toBe('客户展厅');
  });

  it('refuses a bad visit with a reason for each field, and changes nothing', async () => {
    const before = (await h.call('owner', 'visits.agenda', { from: '2026-11-01', to: '2026-12-12', staffId: null })).visits.length;
    const reason = async (over: Partial<Draft>, path: string, session = 'owner') => {
      const error = await h.failure(session, 'visits.create', draft(over), 'VALIDATION');
      const issue = fieldIssuesOf(error).find((i) => i.path.join('.') === path);
      expect(issue, JSON.stringify(error)).toBeDefined();
      return issue!;
    };
    expect((await reason({ onDay: '1900-05-01' }, 'onDay')).message).toBe('dateRange');
    expect((await reason({ onDay: '2101-01-01' }, 'onDay')).message).toBe('dateRange');
    expect((await reason({ onDay: '2026-02-30' }, 'onDay')).message).toBe('date');
    expect(await reason({ startMinute: 1440 }, 'startMinute')).toMatchObject({ code: 'too_big', maximum: 1439 });
    expect(await reason({ startMinute: -1 }, 'startMinute')).toMatchObject({ code: 'too_small', minimum: 0 });
    expect(await reason({ startMinute: 9.5 }, 'startMinute')).toMatchObject({ code: 'invalid_type' });
    expect(await reason({ durationMinutes: 0 }, 'durationMinutes')).toMatchObject({ code: 'too_small' });
    expect(await reason({ durationMinutes: 1441 }, 'durationMinutes')).toMatchObject({ code: 'too_big' });
    expect(await reason({ purpose: '   ' }, 'purpose')).toMatchObject({ code: 'too_small' });
    expect(await reason({ purpose: '访'.repeat(501) }, 'purpose')).toMatchObject({ code: 'too_big', maximum: 500 });
    expect(await reason({ agenda: 'x'.repeat(5001) }, 'agenda')).toMatchObject({ code: 'too_big', maximum: 5000 });
    expect(await reason({ address: 'x'.repeat(501) }, 'address')).toMatchObject({ code: 'too_big', maximum: 500 });
    // The core's own checks: another customer's contact, an unknown, inactive or viewing-only user, an unseen customer.
    expect((await reason({ contactId: otherContactId }, 'contactId')).message).toBe('contact');
    expect((await reason({ contactId: 99_999 }, 'contactId')).message).toBe('contact');
    expect((await reason({ staffId: 99_999 }, 'staffId')).message).toBe('staff');
    expect((await reason({ staffId: viewerId }, 'staffId')).message).toBe('staff');
    const gone = await addUser(h, { username: 'leaver', role: 'staff' });
    await h.call('owner', 'users.deactivate', { id: gone.id, version: gone.version });
    expect((await reason({ staffId: gone.id }, 'staffId')).message).toBe('staff');
    expect((await reason({ customerId: 99_999, contactId: null }, 'customerId')).message).toBe('customer');
    const after = (await h.call('owner', 'visits.agenda', { from: '2026-11-01', to: '2026-12-12', staffId: null })).visits.length;
    expect(after).toBe(before);
  });

  it('keeps a deactivated staff member on a visit they already have, but does not give them a new one', async () => {
    const worker = await addUser(h, { username: 'parttime', role: 'staff' });
    const { visit } = await create({ staffId: worker.id, onDay: '2026-12-20' });
    const fresh = await userNamed(h, 'parttime');
    await h.call('owner', 'users.deactivate', { id: fresh.id, version: fresh.version });
    const kept = await h.call('owner', 'visits.update', { ...draft({ staffId: worker.id, onDay: '2026-12-20' }), id: visit.id, version: 1, purpose: '改了目的' });
    expect(kept.visit).toMatchObject({ staffId: worker.id, purpose: '改了目的', version: 2 });
    const moved = await create({ onDay: '2026-12-20' });
    const error = await h.failure('owner', 'visits.update', { ...draft({ staffId: worker.id, onDay: '2026-12-20' }), id: moved.visit.id, version: 1 }, 'VALIDATION');
    expect(fieldIssuesOf(error)).toMatchObject([{ path: ['staffId'], message: 'staff' }]);
  });
});

describe('visits: overlaps', () => {
  it('warns of the same staff member’s visits that intersect in time that day, never refuses', async () => {
    const day = '2026-12-07';
    const nine = (await create({ onDay: day, startMinute: 540, durationMinutes: 60 })).visit;
    const half = await create({ onDay: day, startMinute: 570, durationMinutes: 60 });
    expect(half.overlaps.map((v) => v.id)).toEqual([nine.id]);
    expect(half.overlaps[0]).toMatchObject({ overlaps: true, staffName: 'staff', startMinute: 540 });
    // Touching is not overlapping: 10:00 starts when 9:00-10:00 ends (but meets 9:30-10:30).
    const ten = await create({ onDay: day, startMinute: 600, durationMinutes: 30 });
    expect(ten.overlaps.map((v) => v.id)).toEqual([half.visit.id]);
    // Another staff member at the same time, or the same time on another day: no warning.
    expect((await create({ onDay: day, startMinute: 540, staffId: managerId })).overlaps).toEqual([]);
    expect((await create({ onDay: '2026-12-08', startMinute: 540 })).overlaps).toEqual([]);
    const agenda = await h.call('owner', 'visits.agenda', { from: day, to: day, staffId });
    expect(agenda.visits.map((v) => [v.startMinute, v.overlaps])).toEqual([
      [540, true],
      [570, true],
      [600, true],
    ]);
    // A cancelled visit does not count, and is not said to overlap.
    await h.call('owner', 'visits.setStatus', { id: half.visit.id, version: 1, status: 'cancelled' });
    const after = await h.call('owner', 'visits.agenda', { from: day, to: day, staffId, includeCancelled: true });
    expect(after.visits.map((v) => [v.startMinute, v.status, v.overlaps])).toEqual([
      [540, 'planned', false],
      [570, 'cancelled', false],
      [600, 'planned', false],
    ]);
    expect((await h.call('owner', 'visits.agenda', { from: day, to: day, staffId })).visits.map((v) => v.startMinute)).toEqual([540, 600]);
    // A deleted visit does not count either.
    await h.call('owner', 'visits.delete', { id: nine.id, version: 1 });
    expect((await create({ onDay: day, startMinute: 540, durationMinutes: 30 })).overlaps).toEqual([]);
  });
});

describe('visits: update, reschedule, status', () => {
  it('reschedules to another day and minute, keeping the duration, with the new starts_at and the overlaps there', async () => {
    const busy = (await create({ onDay: '2026-12-10', startMinute: 840, durationMinutes: 90 })).visit;
    const { visit } = await create({ onDay: '2026-12-09', startMinute: 600, durationMinutes: 45 });
    const moved = await h.call('owner', 'visits.reschedule', { id: visit.id, version: 1, onDay: '2026-12-10', startMinute: 870 });
    expect(moved.visit).toMatchObject({ onDay: '2026-12-10', startMinute: 870, durationMinutes: 45, startsAt: new Date(2026, 11, 10, 14, 30).getTime(), version: 2 });
    expect(moved.overlaps.map((v) => v.id)).toEqual([busy.id]);
    const stale = await h.failure('owner', 'visits.reschedule', { id: visit.id, version: 1, onDay: '2026-12-11', startMinute: 600 }, 'CONFLICT');
    expect(stale.message).toMatch(/^visits\.reschedule: /);
    expect(fieldIssuesOf(await h.failure('owner', 'visits.reschedule', { id: visit.id, version: 2, onDay: '1969-12-31', startMinute: 600 }, 'VALIDATION'))).toMatchObject([
      { path: ['onDay'], message: 'dateRange' },
    ]);
    const entry = (await h.call('owner', 'audit.list', { action: 'visit.update' })).rows[0]!;
    expect(entry).toMatchObject({ entityId: visit.id, label: '远航贸易 2026-12-10 14:30' });
    expect(entry.changes).toEqual([
      { field: 'onDay', before: '2026-12-09', after: '2026-12-10' },
      { field: 'startTime', before: '10:00', after: '14:30' },
    ]);
  });

  it('updates every field with optimistic concurrency, and moves starts_at with the day', async () => {
    const { visit } = await create({ onDay: '2026-12-14' });
    const next = await h.call('owner', 'visits.update', {
      id: visit.id,
      version: 1,
      customerId: otherCustomerId,
      contactId: otherContactId,
      staffId: managerId,
      onDay: '2026-12-15',
      startMinute: 0,
      durationMinutes: 1440,
      purpose: '安装调试',
      agenda: '',
      address: '',
    });
    expect(next.visit).toMatchObject({ customerName: '北辰科技', contactName: '赵工', staffName: 'manager', startsAt: new Date(2026, 11, 15).getTime(), address: '', version: 2 });
    await h.failure('owner', 'visits.update', { ...draft(), id: visit.id, version: 1 }, 'CONFLICT');
    // The contact is checked against the visit's (new) customer.
    const error = await h.failure('owner', 'visits.update', { ...draft({ customerId: otherCustomerId, contactId }), id: visit.id, version: 2 }, 'VALIDATION');
    expect(fieldIssuesOf(error)).toMatchObject([{ path: ['contactId'], message: 'contact' }]);
  });

  it('postpones, cancels and plans again, auditing each; a cancelled visit is not completed', async () => {
    const { visit } = await create({ onDay: '2026-12-16' });
    const postponed = await h.call('owner', 'visits.setStatus', { id: visit.id, version: 1, status: 'postponed' });
    expect(postponed).toMatchObject({ status: 'postponed', version: 2, actions: { complete: true } });
    const cancelled = await h.call('owner', 'visits.setStatus', { id: visit.id, version: 2, status: 'cancelled' });
    expect(cancelled).toMatchObject({ status: 'cancelled', actions: { complete: false, edit: true } });
    await h.failure('owner', 'visits.complete', { id: visit.id, version: 3, outcome: '见面了', record: { kind: 'communication', channel: 'visit' } }, 'CONFLICT');
    await h.failure('owner', 'visits.setStatus', { id: visit.id, version: 2, status: 'planned' }, 'CONFLICT');
    expect(await h.call('owner', 'visits.setStatus', { id: visit.id, version: 3, status: 'planned' })).toMatchObject({ status: 'planned', version: 4 });
    const entries = (await h.call('owner', 'audit.list', { action: 'visit.status' })).rows.filter((e) => e.entityId === visit.id);
    expect(entries.map((e) => e.changes)).toEqual([
      [{ field: 'visitStatus', before: 'cancelled', after: 'planned' }],
      [{ field: 'visitStatus', before: 'postponed', after: 'cancelled' }],
      [{ field: 'visitStatus', before: 'planned', after: 'postponed' }],
    ]);
    // 'done' is not set by hand.
    await h.failure('owner', 'visits.setStatus', { id: visit.id, version: 4, status: 'done' }, 'VALIDATION');
  });
});

describe('visits: complete', () => {
  it('marks it done with its outcome and creates exactly one record from it, in one go', async () => {
    const { visit } = await create({ onDay: '2026-11-28', startMinute: 600 });
    const done = await h.call('staff', 'visits.complete', {
      id: visit.id,
      version: 1,
      outcome: '客户同意续约，下周报价',
      record: { kind: 'communication', channel: 'visit', participants: [{ contactId }], agreements: '下周一前发报价', followUpOn: '2026-12-07' },
    });
    expect(done.visit).toMatchObject({ status: 'done', outcome: '客户同意续约，下周报价', recordId: done.recordId, version: 2 });
    expect(done.visit.actions).toEqual({ edit: false, delete: false, restore: false, complete: false, reschedule: false });
    const record = await h.call('owner', 'records.get', { id: done.recordId });
    expect(record).toMatchObject({
      customerId,
      kind: 'communication',
      at: visit.startsAt,
      staffId,
      content: '客户同意续约，下周报价',
      channel: 'visit',
      agreements: '下周一前发报价',
      followUpOn: '2026-12-07',
      visitId: visit.id,
      source: 'visit',
      participants: [{ contactId, userId: null, name: '王经理' }],
    });
    expect(await recordsOfVisit(visit.id)).toBe(1);
    const entry = (await h.call('owner', 'audit.list', { action: 'visit.complete' })).rows[0]!;
    expect(entry).toMatchObject({ entityId: visit.id, username: 'staff' });
    // A service record too, with content of its own.
    const service = (await create({ onDay: '2026-11-29' })).visit;
    const served = await h.call('owner', 'visits.complete', {
      id: service.id,
      version: 1,
      outcome: '更换了滤芯',
      record: { kind: 'service', content: '上门维护：更换滤芯两只', phase: 'aftersale', serviceKind: 'maintenance', status: 'done', durationMinutes: 50 },
    });
    expect(await h.call('owner', 'records.get', { id: served.recordId })).toMatchObject({ kind: 'service', content: '上门维护：更换滤芯两只', serviceKind: 'maintenance', visitId: service.id });
  });

  it('refuses a second completion (CONFLICT completed) and keeps exactly one record; a done visit is not changed', async () => {
    const { visit } = await create({ onDay: '2026-11-27' });
    const input = { id: visit.id, version: 1, outcome: '第一次', record: { kind: 'communication' as const, channel: 'visit' as const } };
    await h.call('owner', 'visits.complete', input);
    for (const version of [1, 2]) {
      const error = await h.failure('owner', 'visits.complete', { ...input, version, outcome: '第二次' }, 'CONFLICT');
      expect(detailsOf(error, 'CONFLICT')).toEqual({ reason: 'completed' });
      expect(error.message).toMatch(/^visits\.complete: /);
    }
    expect(await recordsOfVisit(visit.id)).toBe(1);
    expect((await h.call('owner', 'visits.get', { id: visit.id })).outcome).toBe('第一次');
    for (const [method, extra] of [
      ['visits.update', draft({ onDay: '2026-11-27' })],
      ['visits.reschedule', { onDay: '2026-12-01', startMinute: 600 }],
      ['visits.setStatus', { status: 'planned' }],
    ] as const) {
      const error = await h.failure('owner', method, { ...extra, id: visit.id, version: 2 }, 'CONFLICT');
      expect(detailsOf(error, 'CONFLICT'), method).toEqual({ reason: 'completed' });
    }
  });

  it('makes one record when two completions race, in one core and across two processes', async () => {
    const one = (await create({ onDay: '2026-11-26' })).visit;
    const complete = (session: string, core = h.core) =>
      core.invoke(session, 'visits.complete', { id: one.id, version: 1, outcome: `by ${session}`, record: { kind: 'communication', channel: 'visit' } });
    const results = await Promise.all([complete('owner'), complete('manager'), complete('staff')]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await recordsOfVisit(one.id)).toBe(1);

    // Two processes (the app's window and browser mode, say) on one data folder, at once.
    const two = (await create({ onDay: '2026-11-25' })).visit;
    const children = [0, 1].map(() => start(['--import', 'tsx', CHILD, h.dataDir, String(two.id), '1'], childEnv(h.clock)));
    for (const child of children) await child.waitFor(/^ready$/);
    for (const child of children) child.send('go');
    const raced = await Promise.all(children.map(async (child) => JSON.parse((await child.waitFor(/^result /)).slice('result '.length)) as Result<unknown>));
    expect(raced.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    const refused = raced.find((r) => !r.ok);
    expect(refused && !refused.ok ? detailsOf(refused.error, 'CONFLICT') : null).toEqual({ reason: 'completed' });
    expect(await recordsOfVisit(two.id)).toBe(1);
  });

  it('refuses to complete a visit a record already completes (records_by_visit), leaving one record', async () => {
    const { visit } = await create({ onDay: '2026-11-23' });
    // As if another writer had made the visit's record and not yet marked the visit.
    await h.call('owner', 'records.create', { customerId, kind: 'communication', at: visit.startsAt, content: 'x', channel: 'visit' });
    const key = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const raw = openWithKey(h.dataDir, key);
    try {
      raw.prepare('UPDATE records SET visit_id = ?, source = ? WHERE id = (SELECT max(id) FROM records)').run(visit.id, 'visit');
      expect(() => raw.prepare('INSERT INTO records (customer_id, kind, at, content, channel, visit_id, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?, 0, 0)').run(customerId, 'communication', 'y', 'visit', visit.id)).toThrow(/UNIQUE/);
    } finally {
      raw.close();
    }
    const error = await h.failure('owner', 'visits.complete', { id: visit.id, version: 1, outcome: 'x', record: { kind: 'communication', channel: 'visit' } }, 'CONFLICT');
    expect(detailsOf(error, 'CONFLICT')).toEqual({ reason: 'completed' });
    expect(await recordsOfVisit(visit.id)).toBe(1);
    expect((await h.call('owner', 'visits.get', { id: visit.id })).status).toBe('planned');
  });

  it('validates the record by its kind before anything is written', async () => {
    const { visit } = await create({ onDay: '2026-11-24' });
    const error = await h.failure('owner', 'visits.complete', { id: visit.id, version: 1, outcome: 'x', record: { kind: 'service', phase: 'aftersale' } }, 'VALIDATION');
    expect(fieldIssuesOf(error).map((i) => i.path.join('.'))).toContain('record.serviceKind');
    const contract = await h.call('owner', 'contracts.create', { number: 'HT-V-1', title: '别家的合同', customerId: otherCustomerId });
    const wrong = await h.failure(
      'owner',
      'visits.complete',
      { id: visit.id, version: 1, outcome: 'x', record: { kind: 'service', phase: 'aftersale', serviceKind: 'repair', status: 'done', contractId: contract.id } },
      'VALIDATION',
    );
    expect(fieldIssuesOf(wrong)).toMatchObject([{ message: 'contract' }]);
    await h.failure('owner', 'visits.complete', { id: visit.id, version: 1, outcome: '', record: { kind: 'communication', channel: 'visit' } }, 'VALIDATION');
    expect(await h.call('owner', 'visits.get', { id: visit.id })).toMatchObject({ status: 'planned', version: 1, recordId: null });
    expect(await recordsOfVisit(visit.id)).toBe(0);
  });
});

describe('visits: last visit note', () => {
  it('is the outcome of the customer’s latest done visit before this one', async () => {
    const c = await h.call('owner', 'customers.create', { name: '回访样本' });
    const make = async (onDay: string, startMinute = 600) => (await h.call('owner', 'visits.create', { customerId: c.id, staffId, onDay, startMinute, purpose: '回访' })).visit;
    const finish = (v: Visit, outcome: string) => h.call('owner', 'visits.complete', { id: v.id, version: v.version, outcome, record: { kind: 'communication', channel: 'visit' } });
    const first = await make('2026-10-01');
    const second = await make('2026-11-01');
    const missed = await make('2026-11-15');
    const deleted = await make('2026-11-20');
    const next = await make('2026-12-05');
    await finish(first, '第一次拜访：了解需求');
    await finish(second, '第二次拜访：演示产品');
    await h.call('owner', 'visits.setStatus', { id: missed.id, version: 1, status: 'cancelled' });
    const binned = await finish(deleted, '删掉的记录');
    await h.call('owner', 'visits.delete', { id: deleted.id, version: binned.visit.version });
    expect((await h.call('owner', 'visits.get', { id: next.id })).lastVisitNote).toEqual({ visitId: second.id, onDay: '2026-11-01', outcome: '第二次拜访：演示产品' });
    expect((await h.call('owner', 'visits.get', { id: second.id })).lastVisitNote).toEqual({ visitId: first.id, onDay: '2026-10-01', outcome: '第一次拜访：了解需求' });
    expect((await h.call('owner', 'visits.get', { id: first.id })).lastVisitNote).toBeNull();
  });
});

describe('visits: delete and restore', () => {
  it('hides a deleted visit from the agenda, shows it by id with restore, and brings it back', async () => {
    const { visit } = await create({ onDay: '2026-12-21' });
    const range = { from: '2026-12-21', to: '2026-12-21', staffId: null };
    await h.failure('owner', 'visits.delete', { id: visit.id, version: 9 }, 'CONFLICT');
    await h.call('owner', 'visits.delete', { id: visit.id, version: 1 });
    expect((await h.call('owner', 'visits.agenda', range)).visits.map((v) => v.id)).not.toContain(visit.id);
    const binned = await h.call('owner', 'visits.get', { id: visit.id });
    expect(binned).toMatchObject({ deletedAt: h.clock.now, actions: { edit: false, delete: false, restore: true, complete: false } });
    await h.failure('owner', 'visits.reschedule', { id: visit.id, version: 2, onDay: '2026-12-22', startMinute: 600 }, 'NOT_FOUND');
    await h.failure('owner', 'visits.delete', { id: visit.id, version: 2 }, 'NOT_FOUND');
    const back = await h.call('owner', 'visits.restore', { id: visit.id });
    expect(back).toMatchObject({ deletedAt: null, version: 3, actions: { restore: false, delete: true } });
    await h.failure('owner', 'visits.restore', { id: visit.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'visits.agenda', range)).visits.map((v) => v.id)).toContain(visit.id);
  });

  it('lets staff delete and restore only the visits they created', async () => {
    const byOwner = (await create({ onDay: '2026-12-22' })).visit;
    const byStaff = (await create({ onDay: '2026-12-22', startMinute: 900 }, 'staff')).visit;
    expect((await h.call('staff', 'visits.get', { id: byOwner.id })).actions).toMatchObject({ edit: true, delete: false });
    await h.failure('staff', 'visits.delete', { id: byOwner.id, version: 1 }, 'FORBIDDEN');
    await h.call('staff', 'visits.delete', { id: byStaff.id, version: 1 });
    await h.call('staff', 'visits.restore', { id: byStaff.id });
    await h.call('owner', 'visits.delete', { id: byOwner.id, version: 1 });
    await h.failure('staff', 'visits.restore', { id: byOwner.id }, 'FORBIDDEN');
    await h.call('manager', 'visits.restore', { id: byOwner.id });
  });
});

describe('visits: agenda', () => {
  it('lists a week by day, minute and id, per staff member or the whole shop, with the staff columns', async () => {
    const from = '2027-01-04';
    const made = [
      await create({ onDay: '2027-01-06', startMinute: 600 }),
      await create({ onDay: '2027-01-04', startMinute: 900 }),
      await create({ onDay: '2027-01-04', startMinute: 540, staffId: managerId }),
      await create({ onDay: '2027-01-04', startMinute: 540 }),
      await create({ onDay: '2027-01-10', startMinute: 0 }),
      await create({ onDay: '2027-01-11', startMinute: 0 }),
    ].map((c) => c.visit);
    const shop = await h.call('owner', 'visits.agenda', { from, to: '2027-01-10', staffId: null });
    expect(shop.visits.map((v) => [v.onDay, v.startMinute, v.staffName])).toEqual([
      ['2027-01-04', 540, 'manager'],
      ['2027-01-04', 540, 'staff'],
      ['2027-01-04', 900, 'staff'],
      ['2027-01-06', 600, 'staff'],
      ['2027-01-10', 0, 'staff'],
    ]);
    expect(shop.visits[0]!.id).toBe(made[2]!.id);
    // The columns: every active user who can own customers (no viewer, no one deactivated).
    expect(shop.staff.map((s) => s.name)).toEqual(['manager', 'staff', '老板']);
    const mine = await h.call('owner', 'visits.agenda', { from, to: from, staffId });
    expect(mine.visits.map((v) => v.startMinute)).toEqual([540, 900]);
    expect(mine.staff).toEqual([{ id: staffId, name: 'staff' }]);
    // Viewers read agendas too.
    expect((await h.call('viewer', 'visits.agenda', { from, to: from, staffId: null })).visits).toHaveLength(3);
  });

  it('answers at most 42 days, from before to', async () => {
    expect((await h.call('owner', 'visits.agenda', { from: '2027-01-01', to: '2027-02-11', staffId: null })).visits.length).toBeGreaterThan(0);
    const long = await h.failure('owner', 'visits.agenda', { from: '2027-01-01', to: '2027-02-12', staffId: null }, 'VALIDATION');
    expect(fieldIssuesOf(long)).toMatchObject([{ path: ['to'], message: 'spanTooLong' }]);
    const backwards = await h.failure('owner', 'visits.agenda', { from: '2027-01-02', to: '2027-01-01', staffId: null }, 'VALIDATION');
    expect(fieldIssuesOf(backwards)).toMatchObject([{ path: ['to'], message: 'dateOrder' }]);
    const nobody = await h.failure('owner', 'visits.agenda', { from: '2027-01-01', to: '2027-01-01', staffId: 99_999 }, 'VALIDATION');
    expect(fieldIssuesOf(nobody)).toMatchObject([{ path: ['staffId'], message: 'staff' }]);
  });
});

describe('visits: the customer purge', () => {
  it('removes the customer’s visits (and their records) with it', async () => {
    const c = await h.call('owner', 'customers.create', { name: '将被清除' });
    const v = (await h.call('owner', 'visits.create', { customerId: c.id, staffId, onDay: '2026-12-03', startMinute: 600, purpose: '最后一次' })).visit;
    const done = await h.call('owner', 'visits.complete', { id: v.id, version: 1, outcome: '结束合作', record: { kind: 'communication', channel: 'visit' } });
    const other = (await h.call('owner', 'visits.create', { customerId: c.id, staffId, onDay: '2026-12-04', startMinute: 600, purpose: '回收' })).visit;
    await h.call('owner', 'customers.delete', { id: c.id, version: 1 });
    // A customer in the recycle bin hides its visits.
    await h.failure('owner', 'visits.get', { id: other.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'visits.agenda', { from: '2026-12-04', to: '2026-12-04', staffId: null })).visits.map((x) => x.id)).not.toContain(other.id);
    await h.call('owner', 'customers.purge', { id: c.id });
    await h.failure('owner', 'visits.get', { id: v.id }, 'NOT_FOUND');
    await h.failure('owner', 'records.get', { id: done.recordId }, 'NOT_FOUND');
  });
});
