// Service and communication records (shared/api/records.ts, electron/core/areas/records): create,
// get, update, follow-ups, delete, restore and purge; validation of each kind's fields, dates,
// lengths, contacts, contracts and staff; CONFLICT on a stale version; the audit entries; the
// search box finding record text (and no longer finding deleted ones); the customer's purge
// removing everything. Roles and the staff scope: records-scope.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordDetail, RecordDraftInput, RecordRow } from '../../shared/api/records.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let customerA: number;
let customerB: number;
let contactA: number;
let contactB: number;
let staffId: number;
let serial = 0;

/** The harness clock at local `hour` of `day` (the shop's local date, whatever the machine's zone). */
function at(day: string, hour = 12): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, 0, 0).getTime();
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  const a = await h.call('owner', 'customers.create', { name: '甲公司', contacts: [{ name: '王经理', phone: '13800138000' }] });
  const b = await h.call('owner', 'customers.create', { name: '乙公司', contacts: [{ name: '李主任' }] });
  customerA = a.id;
  customerB = b.id;
  contactA = a.contacts[0]!.id!;
  contactB = b.contacts[0]!.id!;
  staffId = (await userNamed(h, 'staff')).id;
}, 60_000);
afterAll(() => h.cleanup());
beforeEach(() => {
  h.clock.now = at('2026-12-01') + ++serial;
});

const service = (over: Partial<RecordDraftInput> = {}): RecordDraftInput => ({
  customerId: customerA,
  kind: 'service',
  at: at('2026-11-30', 10),
  staffId,
  content: '上门安装打印机，调试网络打印',
  phase: 'aftersale',
  serviceKind: 'installation',
  status: 'done',
  ...over,
});

const communication = (over: Partial<RecordDraftInput> = {}): RecordDraftInput => ({
  customerId: customerA,
  kind: 'communication',
  at: at('2026-11-30', 15),
  staffId,
  content: '电话沟通续约事宜',
  channel: 'phone',
  participants: [{ contactId: contactA }],
  agreements: '下周发报价单',
  followUpOn: '2026-12-05',
  ...over,
});

describe('records', () => {
  it('creates both kinds and reads them back with names, participants and actions', async () => {
    const made = await h.call('owner', 'records.create', service({ durationMinutes: 90, result: '已完成', feedback: '满意' }));
    expect(made).toMatchObject({ kind: 'service', customerName: '甲公司', staffName: 'staff', phase: 'aftersale', serviceKind: 'installation', status: 'done', durationMinutes: 90, source: 'app', visitId: null, version: 1, deletedAt: null });
    expect(made.actions).toEqual({ edit: true, delete: true, restore: false, purge: false, followUpDone: false });
    const talk = await h.call('manager', 'records.create', communication({ participants: [{ contactId: contactA }, { userId: staffId }, { name: '外部顾问' }, { contactId: contactA }] }));
    expect(talk.participants).toEqual([
      { contactId: contactA, userId: null, name: '王经理' },
      { contactId: null, userId: staffId, name: 'staff' },
      { contactId: null, userId: null, name: '外部顾问' },
    ]);
    expect(talk.actions.followUpDone).toBe(true);
    expect(await h.call('viewer', 'records.get', { id: talk.id })).toMatchObject({ id: talk.id, channel: 'phone', followUpOn: '2026-12-05' });
  });

  it('finds record text in the search box, and no longer once the record is deleted', async () => {
    const made = await h.call('owner', 'records.create', service({ content: '更换硒鼓并清洁定影组件' }));
    const found = await h.call('owner', 'search.query', { q: '定影组' });
    expect(found.hits).toContainEqual(expect.objectContaining({ kind: 'record', id: made.id, customerName: '甲公司', recordKind: 'service' }));
    await h.call('owner', 'records.delete', { id: made.id, version: made.version });
    expect((await h.call('owner', 'search.query', { q: '定影组' })).hits.filter((hit) => hit.kind === 'record')).toEqual([]);
    await h.call('owner', 'records.restore', { id: made.id });
    expect((await h.call('owner', 'search.query', { q: '定影组' })).hits.map((hit) => hit.kind)).toContain('record');
  });
});
