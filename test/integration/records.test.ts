// Service and communication records (shared/api/records.ts, electron/core/areas/records): create,
// get, update, follow-ups, delete, restore and purge; validation of each kind's fields, dates,
// lengths, contacts, contracts and staff; CONFLICT on a stale version; the audit entries; the
// search box finding record text (and no longer finding deleted ones); the customer's purge
// removing everything. Roles and the staff scope: records-scope.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordDraftInput, RecordRow } from '../../shared/api/records.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { recordSearchStatement } from '../../electron/core/db/sqlite/record-search-index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { planQuery } from '../../electron/core/areas/search/search-text.ts';
import { attach, rawDb, storeCounts } from './attachments-kit.ts';
import { addUser, makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let customerA: number;
let customerB: number;
let contactA: number;
let contactB: number;
let staffId: number;
let contractA: number;
let contractB: number;
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
  contractA = (await h.call('owner', 'contracts.create', { number: 'HT-A', title: '甲的合同', customerId: customerA })).id;
  contractB = (await h.call('owner', 'contracts.create', { number: 'HT-B', title: '乙的合同', customerId: customerB })).id;
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

  it('searches records from the trigram index newest first, never sorting every match (scoped or not)', async () => {
    const raw = await rawDb(h);
    try {
      const db = kyselyOver(raw);
      for (const ownerId of [null, staffId]) {
        const compiled = recordSearchStatement(planQuery('打印机')!, ownerId, 20).compile(db); // a plan for 3+ characters
        const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((step) => step.detail).join('\n');
        expect(plan).toMatch(/SCAN s VIRTUAL TABLE INDEX/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
        expect(plan).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
      }
    } finally {
      raw.close();
    }
  });

  it('refuses each kind without its fields or with the other kind\'s, and says which', async () => {
    const issues = async (draft: unknown) => fieldIssuesOf(await h.failure('owner', 'records.create', draft, 'VALIDATION'));
    expect(await issues(service({ phase: null, status: null }))).toMatchObject([
      { path: ['phase'], message: 'required' },
      { path: ['status'], message: 'required' },
    ]);
    expect(await issues(service({ channel: 'phone', followUpOn: '2026-12-05' }))).toMatchObject([
      { path: ['channel'], message: 'recordKind' },
      { path: ['followUpOn'], message: 'recordKind' },
    ]);
    expect(await issues(communication({ channel: null }))).toMatchObject([{ path: ['channel'], message: 'required' }]);
    expect(await issues(communication({ phase: 'presale', contractId: contractA }))).toMatchObject([
      { path: ['phase'], message: 'recordKind' },
      { path: ['contractId'], message: 'recordKind' },
    ]);
  });

  it('refuses dates before 1970 or after 2100, and a follow-up before the day it happened', async () => {
    const issues = async (draft: unknown) => fieldIssuesOf(await h.failure('owner', 'records.create', draft, 'VALIDATION'));
    expect(await issues(service({ at: -1 }))).toMatchObject([{ path: ['at'], message: 'dateRange' }]);
    expect(await issues(service({ at: Date.UTC(2101, 0, 1) }))).toMatchObject([{ path: ['at'], message: 'dateRange' }]);
    expect(await issues(communication({ followUpOn: '2101-01-01' }))).toMatchObject([{ path: ['followUpOn'], message: 'dateRange' }]);
    expect((await issues(communication({ followUpOn: '1969-12-31' })))[0]).toMatchObject({ path: ['followUpOn'], message: 'dateRange' });
    expect(await issues(communication({ followUpOn: '2026-02-30' }))).toMatchObject([{ path: ['followUpOn'], message: 'date' }]);
    expect(await issues(communication({ followUpOn: '2026-11-29' }))).toMatchObject([{ path: ['followUpOn'], message: 'followUpOrder' }]);
    // The same day as it happened is fine.
    expect((await h.call('owner', 'records.create', communication({ followUpOn: '2026-11-30' }))).followUpOn).toBe('2026-11-30');
  });

  it('refuses 100,000 characters of content, empty content, 51 participants, and keeps 20,000', async () => {
    const issues = async (draft: unknown) => fieldIssuesOf(await h.failure('owner', 'records.create', draft, 'VALIDATION'));
    expect(await issues(service({ content: '长'.repeat(100_000) }))).toMatchObject([{ path: ['content'], code: 'too_big', maximum: 20_000 }]);
    expect(await issues(service({ result: 'x'.repeat(20_001) }))).toMatchObject([{ path: ['result'], code: 'too_big', maximum: 20_000 }]);
    expect(await issues(service({ content: '   ' }))).toMatchObject([{ path: ['content'], code: 'too_small' }]);
    expect(await issues(communication({ participants: Array.from({ length: 51 }, (_, i) => ({ name: `人${i}` })) }))).toMatchObject([{ path: ['participants'], code: 'too_big', maximum: 50 }]);
    const long = await h.call('owner', 'records.create', service({ content: '长'.repeat(20_000) }));
    expect((await h.call('owner', 'records.get', { id: long.id })).content).toHaveLength(20_000);
  });

  it('refuses a contact or contract of another customer, and a staff member who is not active', async () => {
    const issues = async (draft: unknown) => fieldIssuesOf(await h.failure('owner', 'records.create', draft, 'VALIDATION'));
    expect(await issues(communication({ participants: [{ contactId: contactA }, { contactId: contactB }] }))).toMatchObject([{ path: ['participants', '1', 'contactId'], message: 'contact' }]);
    expect(await issues(service({ contractId: contractB }))).toMatchObject([{ path: ['contractId'], message: 'contract' }]);
    expect(await issues(service({ staffId: 9999 }))).toMatchObject([{ path: ['staffId'], message: 'staff' }]);
    expect(await issues(service({ customerId: 9999 }))).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    const leaver = await addUser(h, { username: `leaver${serial}`, role: 'staff' });
    const kept = await h.call('owner', 'records.create', service({ staffId: leaver.id, contractId: contractA }));
    expect(kept.contractNumber).toBe('HT-A');
    await h.call('owner', 'users.deactivate', { id: leaver.id, version: leaver.version });
    expect(await issues(service({ staffId: leaver.id }))).toMatchObject([{ path: ['staffId'], message: 'staff' }]);
    // A record that has them keeps them when edited.
    const { customerId: _c, ...fields } = service({ staffId: leaver.id, contractId: contractA, content: '改过' });
    const edited = await h.call('owner', 'records.update', { ...fields, id: kept.id, version: kept.version });
    expect(edited).toMatchObject({ staffId: leaver.id, contractId: contractA, content: '改过', version: 2 });
  });

  it('updates with the version it read: a stale one is a CONFLICT and changes nothing; the audit log has each change', async () => {
    const made = await h.call('owner', 'records.create', communication());
    const { customerId: _c, ...fields } = communication({ content: '第二次沟通', channel: 'wechat', participants: [{ userId: staffId }] });
    const updated = await h.call('manager', 'records.update', { ...fields, id: made.id, version: made.version });
    expect(updated).toMatchObject({ content: '第二次沟通', channel: 'wechat', version: 2, participants: [{ contactId: null, userId: staffId, name: 'staff' }] });
    await h.failure('owner', 'records.update', { ...fields, content: '过时的', id: made.id, version: made.version }, 'CONFLICT');
    expect((await h.call('owner', 'records.get', { id: made.id })).content).toBe('第二次沟通');
    const entries = (await h.call('owner', 'audit.list', { entity: 'record', limit: 100 })).rows.filter((e) => e.entityId === made.id);
    expect(entries.map((e) => e.action).sort()).toEqual(['record.create', 'record.update']);
    const update = entries.find((e) => e.action === 'record.update')!;
    expect(update.label).toContain('甲公司');
    expect(update.changes.map((c) => c.field).sort()).toEqual(['channel', 'content', 'participants']);
  });

  it('lists newest first through ties, filtered by kind, customer, staff and days', async () => {
    const same = at('2020-03-03', 9);
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push((await h.call('owner', 'records.create', service({ customerId: customerB, at: same, staffId: null, content: `同一时刻 ${i}` }))).id);
    const talk = (await h.call('owner', 'records.create', communication({ customerId: customerB, at: at('2020-03-04', 9), participants: [] }))).id;
    const all = async (query: object) => {
      const out: RecordRow[] = [];
      let after: string | null = null;
      do {
        const page: { rows: RecordRow[]; next: string | null } = await h.call('owner', 'records.list', { ...query, after, limit: 2 });
        out.push(...page.rows);
        after = page.next;
      } while (after);
      return out.map((row) => row.id);
    };
    expect(await all({ customerId: customerB })).toEqual([talk, ...[...made].reverse()]);
    expect(await all({ customerId: customerB, kind: 'service' })).toEqual([...made].reverse());
    expect(await all({ customerId: customerB, from: '2020-03-04', to: '2020-03-04' })).toEqual([talk]);
    expect(await all({ customerId: customerB, to: '2020-03-03' })).toEqual([...made].reverse());
    expect(await all({ customerId: customerB, staffId })).toEqual([talk]);
    const row = (await h.call('owner', 'records.list', { customerId: customerB, limit: 1 })).rows[0]!;
    expect(row).toMatchObject({ id: talk, kind: 'communication', customerName: '乙公司', excerpt: '电话沟通续约事宜', channel: 'phone' });
  });

  it('lists follow-ups due up to today + 7 days, oldest first, overdue marked; done and deleted ones leave the list', async () => {
    // Today is 2026-12-01 (the harness clock).
    const make = async (followUpOn: string) => (await h.call('owner', 'records.create', communication({ customerId: customerB, at: at('2026-11-01'), followUpOn, participants: [] }))).id;
    const overdue = await make('2026-11-20');
    const today = await make('2026-12-01');
    const week = await make('2026-12-08');
    const later = await make('2026-12-09');
    const done = await make('2026-11-25');
    const deleted = await make('2026-11-26');
    const doneRow = await h.call('owner', 'records.get', { id: done });
    const marked = await h.call('staff', 'records.followUpDone', { id: done, version: doneRow.version });
    expect(marked.followUpDoneAt).toBe(h.clock.now);
    expect(marked.actions.followUpDone).toBe(false);
    await h.failure('owner', 'records.followUpDone', { id: done, version: marked.version }, 'CONFLICT');
    await h.call('owner', 'records.delete', { id: deleted, version: 1 });
    const mine = new Set([overdue, today, week, later, done, deleted]);
    const dueOf = async (query: object) => (await h.call('owner', 'records.followUps', { customerId: customerB, limit: 100, ...query })).rows.filter((row) => mine.has(row.id));
    expect((await dueOf({})).map((row) => [row.id, row.overdue])).toEqual([
      [overdue, true],
      [today, false],
      [week, false],
    ]);
    expect((await dueOf({ until: '2026-12-31' })).map((row) => row.id)).toEqual([overdue, today, week, later]);
    // Tomorrow, today's is overdue.
    h.clock.now += 24 * 3600_000;
    expect((await dueOf({})).map((row) => [row.id, row.overdue])).toEqual([
      [overdue, true],
      [today, true],
      [week, false],
      [later, false],
    ]);
    const paged: number[] = [];
    let after: string | null = null;
    do {
      const page: { rows: RecordRow[]; next: string | null } = await h.call('owner', 'records.followUps', { customerId: customerB, limit: 2, after });
      paged.push(...page.rows.map((row) => row.id).filter((id) => mine.has(id)));
      after = page.next;
    } while (after);
    expect(paged).toEqual([overdue, today, week, later]);
    for (const id of [overdue, today, week, later]) await h.call('owner', 'records.delete', { id, version: 1 });
  });

  it('deletes to the recycle bin, restores, and purges only from it, with its files', async () => {
    const made = await h.call('staff', 'records.create', service({ content: '回收站测试记录' }));
    const file = await attach(h, 'owner', { kind: 'service', id: made.id }, Buffer.from('服务单扫描件'), 'scan.txt');
    expect((await h.call('owner', 'attachments.list', { owner: { kind: 'service', id: made.id } })).rows.map((a) => a.id)).toEqual([file.id]);
    await h.failure('owner', 'records.delete', { id: made.id, version: 99 }, 'CONFLICT');
    await h.failure('owner', 'records.purge', { id: made.id }, 'NOT_FOUND');
    expect(await h.call('staff', 'records.delete', { id: made.id, version: made.version })).toEqual({ id: made.id });
    // In the bin: read with deletedAt, not edited, its files hidden, listed in the bin, not in the list.
    const binned = await h.call('owner', 'records.get', { id: made.id });
    expect(binned.deletedAt).toBe(h.clock.now);
    expect(binned.actions).toMatchObject({ edit: false, delete: false, restore: true, purge: true });
    const { customerId: _c, ...fields } = service();
    await h.failure('owner', 'records.update', { ...fields, id: made.id, version: binned.version }, 'NOT_FOUND');
    await h.failure('owner', 'attachments.list', { owner: { kind: 'service', id: made.id } }, 'NOT_FOUND');
    expect((await h.call('owner', 'records.listDeleted', { limit: 100 })).rows.map((row) => row.id)).toContain(made.id);
    expect((await h.call('owner', 'records.list', { customerId: customerA, limit: 100 })).rows.map((row) => row.id)).not.toContain(made.id);
    const restored = await h.call('staff', 'records.restore', { id: made.id });
    expect(restored.deletedAt).toBeNull();
    await h.call('owner', 'records.delete', { id: made.id, version: restored.version });
    const before = await storeCounts(h);
    await h.failure('manager', 'records.purge', { id: made.id }, 'FORBIDDEN');
    expect(await h.call('owner', 'records.purge', { id: made.id })).toEqual({ id: made.id });
    await h.failure('owner', 'records.get', { id: made.id }, 'NOT_FOUND');
    const after = await storeCounts(h);
    expect(after.attachments).toBe(before.attachments - 1);
    expect(after.blobs).toBe(before.blobs - 1);
    const actions = (await h.call('owner', 'audit.list', { entity: 'record', limit: 100 })).rows.filter((e) => e.entityId === made.id).map((e) => e.action);
    expect(actions.sort()).toEqual(['record.create', 'record.delete', 'record.delete', 'record.purge', 'record.restore']);
  });

  it('purging a customer removes its records, participants, search rows, files and visits', async () => {
    const doomed = await h.call('owner', 'customers.create', { name: '将被清除的公司', contacts: [{ name: '钱七' }] });
    const one = await h.call('owner', 'records.create', communication({ customerId: doomed.id, content: '清除前的沟通内容', participants: [{ contactId: doomed.contacts[0]!.id! }] }));
    const two = await h.call('owner', 'records.create', service({ customerId: doomed.id, content: '清除前的服务内容' }));
    await attach(h, 'owner', { kind: 'service', id: two.id }, Buffer.from('清除前的附件'), 'gone.txt');
    await h.call('owner', 'records.delete', { id: two.id, version: two.version });
    const raw = await rawDb(h);
    try {
      raw.prepare("INSERT INTO visits (customer_id, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, status, record_id, created_at, updated_at) VALUES (?, ?, '2026-11-30', 600, 60, ?, '回访', 'done', ?, ?, ?)").run(doomed.id, staffId, one.at, one.id, one.at, one.at);
    } finally {
      raw.close();
    }
    const customer = await h.call('owner', 'customers.get', { id: doomed.id });
    await h.call('owner', 'customers.delete', { id: doomed.id, version: customer.version });
    // A customer in the bin hides its records.
    await h.failure('owner', 'records.get', { id: one.id }, 'NOT_FOUND');
    await h.call('owner', 'customers.purge', { id: doomed.id });
    const left = await rawDb(h);
    try {
      const count = (sql: string, ...args: unknown[]) => (left.prepare(sql).get(...args) as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM records WHERE customer_id = ?', doomed.id)).toBe(0);
      expect(count('SELECT count(*) AS n FROM record_participants WHERE record_id IN (?, ?)', one.id, two.id)).toBe(0);
      expect(count('SELECT count(*) AS n FROM record_search_trigram WHERE rowid IN (?, ?)', -one.id, -two.id)).toBe(0);
      expect(count("SELECT count(*) AS n FROM attachments WHERE owner_kind = 'service' AND owner_id = ?", two.id)).toBe(0);
      expect(count('SELECT count(*) AS n FROM visits WHERE customer_id = ?', doomed.id)).toBe(0);
    } finally {
      left.close();
    }
    expect((await h.call('owner', 'search.query', { q: '清除前' })).hits).toEqual([]);
  });
});
