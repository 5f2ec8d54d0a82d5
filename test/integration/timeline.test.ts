// One timeline per customer (timeline.list): records, visits, contracts signed / renewed /
// terminated / expired, grade changes, files and sales in one order (at, kind, refId, all descending), so
// entries at the same instant page exactly whatever the page size; deleted records and visits
// marked and restorable by the customers' rule; the kind and staff filters; the staff scope; every
// role; a malformed cursor. Records and visits are written straight into their tables (their
// services are another area's), contracts and files through their services, grade changes both ways.
// The expected timeline is built here from what was written, sorted by a comparator of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../shared/api/timeline.ts';
import { addDays } from '../../shared/contract-status.ts';
import type { Role } from '../../shared/roles.ts';
import type { SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { attach, rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

type Expected = { at: number; kind: TimelineKind; refId: number; staffId: number | null; deleted: boolean; createdBy?: number | null };

const midnight = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};
const D1 = '2026-03-01';
const D2 = '2026-06-15';
const D3 = '2026-09-30';

/** Newest first; at the same instant the later kind name first, then the larger id (the contract's order, written out again). */
function timelineOrder(a: Expected, b: Expected): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.kind !== b.kind) return a.kind > b.kind ? -1 : 1;
  return a.refId > b.refId ? -1 : 1;
}

const keyOf = (e: { at: number; kind: string; refId: number }) => `${e.at}/${e.kind}/${e.refId}`;

let h: Harness;
let raw: SqliteDatabase;
let ids: Record<Role, number>;
let customer: number;
let other: number;
const expected: Expected[] = [];

/** Every entry of a timeline, page by page. */
async function allPages(session: string, input: { customerId: number; kinds?: TimelineKind[]; staffId?: number | null }, limit: number): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const page: { entries: TimelineEntry[]; next: string | null } = await h.call(session, 'timeline.list', { ...input, after, limit });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    if (page.next !== null) expect(page.entries.length).toBe(limit);
    out.push(...page.entries);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('timeline: more than 500 pages');
}

function insertRecord(r: { at: number; kind: 'service' | 'communication'; staffId: number | null; createdBy: number; deletedAt?: number | null; customerId?: number; source?: string; content?: string }): number {
  const service = r.kind === 'service';
  const { lastInsertRowid } = raw
    .prepare(
      `INSERT INTO records (customer_id, kind, at, staff_id, content, phase, service_kind, status, channel, source, created_by, created_at, updated_at, deleted_at, deleted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
    )
    .run(
      r.customerId ?? customer,
      r.kind,
      r.at,
      r.staffId,
      r.content ?? `内容 ${r.kind} ${r.at}`,
      service ? 'aftersale' : null,
      service ? 'repair' : null,
      service ? 'open' : null,
      service ? null : 'phone',
      r.source ?? 'app',
      r.createdBy,
      r.deletedAt ?? null,
      r.deletedAt ? r.createdBy : null,
    );
  const id = Number(lastInsertRowid);
  if ((r.customerId ?? customer) === customer) expected.push({ at: r.at, kind: r.kind, refId: id, staffId: r.staffId, deleted: Boolean(r.deletedAt), createdBy: r.createdBy });
  return id;
}

function insertVisit(v: { at: number; staffId: number; createdBy: number; deletedAt?: number | null; status?: string }): number {
  const day = new Date(v.at);
  const onDay = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  const { lastInsertRowid } = raw
    .prepare(
      `INSERT INTO visits (customer_id, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, agenda, status, outcome, created_by, created_at, updated_at, deleted_at, deleted_by)
       VALUES (?, ?, ?, ?, 60, ?, '回访', '带上报价单', ?, ?, ?, 1, 1, ?, ?)`,
    )
    .run(customer, v.staffId, onDay, day.getHours() * 60 + day.getMinutes(), v.at, v.status ?? 'planned', v.status === 'done' ? '客户满意' : '', v.createdBy, v.deletedAt ?? null, v.deletedAt ? v.createdBy : null);
  const id = Number(lastInsertRowid);
  expected.push({ at: v.at, kind: 'visit', refId: id, staffId: v.staffId, deleted: Boolean(v.deletedAt), createdBy: v.createdBy });
  return id;
}

function insertGrade(at: number, by: number): void {
  const { lastInsertRowid } = raw.prepare("INSERT INTO grade_history (customer_id, grade, changed_at, changed_by) VALUES (?, 'vip', ?, ?)").run(customer, at, by);
  expected.push({ at, kind: 'grade', refId: Number(lastInsertRowid), staffId: by, deleted: false });
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  h.clock.now = new Date(2026, 10, 22, 12, 0, 0).getTime(); // local noon of 2026-11-22: today
  ids = { owner: 0, manager: 0, staff: 0, viewer: 0 };
  for (const role of ['manager', 'staff', 'viewer'] as const) ids[role] = (await userNamed(h, role)).id;
  ids.owner = (await userNamed(h, 'boss')).id;
  customer = (await h.call('owner', 'customers.create', { name: '时间线客户', ownerId: ids.staff })).id;
  other = (await h.call('owner', 'customers.create', { name: '别人的客户' })).id;
  raw = await rawDb(h);
  // The grade set when the customer was made.
  const made = raw.prepare('SELECT id, changed_at FROM grade_history WHERE customer_id = ?').all(customer) as { id: number; changed_at: number }[];
  for (const g of made) expected.push({ at: g.changed_at, kind: 'grade', refId: g.id, staffId: ids.owner, deleted: false });

  // Contracts, through their service: signed days D1..D3, one expired on D2, one renewed on D3, one terminated on D3.
  const contract = async (session: string, number: string, fields: Record<string, unknown>) =>
    h.call(session, 'contracts.create', { number, title: `合同 ${number}`, customerId: customer, ...fields } as never);
  const k1 = await contract('owner', 'HT-1', { signedOn: D1, endOn: addDays(D2, -1), ownerId: ids.staff });
  expected.push({ at: midnight(D1), kind: 'contractSigned', refId: k1.id, staffId: ids.staff, deleted: false });
  expected.push({ at: midnight(D2), kind: 'contractExpired', refId: k1.id, staffId: ids.staff, deleted: false });
  const k2 = await contract('owner', 'HT-2', { signedOn: D2, endOn: addDays(D3, -1), autoRenew: true, renewalMonths: 3, ownerId: ids.manager });
  expected.push({ at: midnight(D2), kind: 'contractSigned', refId: k2.id, staffId: ids.manager, deleted: false });
  const k3 = await contract('manager', 'HT-3', { signedOn: D3, endOn: '2027-12-31' });
  expected.push({ at: midnight(D3), kind: 'contractSigned', refId: k3.id, staffId: null, deleted: false });
  await h.call('manager', 'contracts.terminate', { id: k3.id, version: k3.version, on: D3, reason: '' });
  await contract('owner', 'HT-DRAFT', {}); // a draft: nothing on the timeline
  const binned = await contract('owner', 'HT-BIN', { signedOn: D1 });
  await h.call('owner', 'contracts.delete', { id: binned.id, version: binned.version });
  await h.call('owner', 'contracts.create', { number: 'HT-OTHER', title: 'x', customerId: other, signedOn: D1 });
  await h.call('owner', 'contracts.list', {}); // lets auto-renew roll HT-2 forward (on D3)
  for (const e of raw.prepare('SELECT e.id, e.kind, e.on_day, e.by_user FROM contract_events e').all() as { id: number; kind: string; on_day: string; by_user: number | null }[]) {
    expected.push({ at: midnight(e.on_day), kind: e.kind === 'renewed' ? 'contractRenewed' : 'contractTerminated', refId: e.id, staffId: e.by_user, deleted: false });
  }
  expect(expected.filter((e) => e.kind === 'contractRenewed').length).toBe(1);

  // Files, through their service, then moved to D2 (one each of the customer's and a contract's; one in the bin).
  const f1 = await attach(h, 'staff', { kind: 'customer', id: customer }, Buffer.from('报价单 v1'), '报价单.txt', '第一版');
  const f2 = await attach(h, 'owner', { kind: 'contract', id: k1.id }, Buffer.from('signed scan'), 'scan.txt');
  const f3 = await attach(h, 'owner', { kind: 'customer', id: customer }, Buffer.from('old'), 'old.txt');
  await h.call('owner', 'attachments.delete', { id: f3.id, version: f3.version });
  await attach(h, 'owner', { kind: 'customer', id: other }, Buffer.from('not this one'), 'other.txt');
  raw.prepare('UPDATE attachments SET created_at = ? WHERE id IN (?, ?)').run(midnight(D2), f1.id, f2.id);
  expected.push({ at: midnight(D2), kind: 'file', refId: f1.id, staffId: ids.staff, deleted: false });
  expected.push({ at: midnight(D2), kind: 'file', refId: f2.id, staffId: ids.owner, deleted: false });

  // Surveys, through their service: one answered at D3's midnight (beside the other kinds), one between days in the recycle bin.
  const s1 = await h.call('staff', 'surveys.create', { customerId: customer, at: midnight(D3), scores: [{ dimensionId: 1, score: 5 }], nps: 9 });
  expected.push({ at: midnight(D3), kind: 'survey', refId: s1.survey.id, staffId: ids.staff, deleted: false });
  const s2 = await h.call('owner', 'surveys.create', { customerId: customer, at: midnight(D2) + 90 * 60_000, staffId: ids.manager, nps: 10 });
  await h.call('owner', 'surveys.delete', { id: s2.survey.id, version: s2.survey.version });
  expected.push({ at: midnight(D2) + 90 * 60_000, kind: 'survey', refId: s2.survey.id, staffId: ids.manager, deleted: true, createdBy: ids.owner });
  await h.call('owner', 'surveys.create', { customerId: other, at: midnight(D2), nps: 8 }); // another customer's

  // Complaints, through their service: one opened at D3's midnight (assignee: its staff), one between days in the recycle bin.
  const c1 = await h.call('staff', 'complaints.create', { customerId: customer, category: 'service', severity: 'low', description: '等待太久', source: 'phone', assigneeId: ids.staff, openedAt: midnight(D3) });
  expected.push({ at: midnight(D3), kind: 'complaint', refId: c1.id, staffId: ids.staff, deleted: false });
  const c2 = await h.call('owner', 'complaints.create', { customerId: customer, category: 'billing', severity: 'high', description: '发票有误', source: 'email', assigneeId: ids.manager, openedAt: midnight(D2) + 150 * 60_000 });
  await h.call('owner', 'complaints.delete', { id: c2.id, version: c2.version });
  expected.push({ at: midnight(D2) + 150 * 60_000, kind: 'complaint', refId: c2.id, staffId: ids.manager, deleted: true, createdBy: ids.owner });
  await h.call('owner', 'complaints.create', { customerId: other, category: 'other', severity: 'low', description: 'x', source: 'other', assigneeId: null, openedAt: midnight(D2) }); // another customer's

  // Care notes, through their service: one given at D3's midnight by its staff member, one between days in the recycle bin.
  const n1 = await h.call('staff', 'care.addNote', { customerId: customer, occasion: 'birthday', onDay: D3, note: '送了蛋糕', at: midnight(D3) });
  expected.push({ at: midnight(D3), kind: 'care', refId: n1.id, staffId: ids.staff, deleted: false });
  const n2 = await h.call('owner', 'care.addNote', { customerId: customer, occasion: 'other', onDay: D2, note: '打了电话', at: midnight(D2) + 170 * 60_000, staffId: ids.manager });
  await h.call('owner', 'care.deleteNote', { id: n2.id, version: n2.version });
  expected.push({ at: midnight(D2) + 170 * 60_000, kind: 'care', refId: n2.id, staffId: ids.manager, deleted: true, createdBy: ids.owner });
  await h.call('owner', 'care.addNote', { customerId: other, occasion: 'other', onDay: D2, note: 'x', at: midnight(D2) }); // another customer's

  // Sales, through their service: one sold on D2 (at its local midnight, beside the other kinds) by the staff member.
  const sale = await h.call('owner', 'sales.create', { customerId: customer, soldOn: D2, currency: 'CNY', staffId: ids.staff, notes: '备货', lines: [{ name: '西湖龙井', quantityMilli: 2000, unitPriceMinor: 12_000 }] });
  expected.push({ at: midnight(D2), kind: 'sale', refId: sale.id, staffId: ids.staff, deleted: false });
  await h.call('owner', 'sales.create', { customerId: other, soldOn: D2, currency: 'CNY', lines: [{ name: '茶', quantityMilli: 1000, unitPriceMinor: 100 }] }); // another customer's

  // Event attendances, through their service: the customer came to an event on D3 (marked by the
  // manager); invited but absent to another, attended one now in the recycle bin: no entries.
  const held = await h.call('owner', 'events.create', { title: '答谢会', kind: 'dinner', onDay: D3, place: '西湖' });
  const absent = await h.call('owner', 'events.create', { title: '培训日', kind: 'training', onDay: D3 });
  const binnedEvent = await h.call('owner', 'events.create', { title: '已删除的活动', onDay: D2 });
  for (const event of [held, absent, binnedEvent]) await h.call('owner', 'events.invite', { eventId: event.id, customerIds: [customer, other] });
  const invitation = async (eventId: number, customerId: number) => (await h.call('owner', 'events.invitations', { eventId })).rows.find((row) => row.customerId === customerId)!.id;
  const came = await invitation(held.id, customer);
  await h.call('manager', 'events.attend', { invitationIds: [came, await invitation(held.id, other)], attended: true });
  await h.call('manager', 'events.attend', { invitationIds: [await invitation(absent.id, customer)], attended: false });
  await h.call('manager', 'events.attend', { invitationIds: [await invitation(binnedEvent.id, customer)], attended: true });
  await h.call('owner', 'events.delete', { id: binnedEvent.id });
  expected.push({ at: midnight(D3), kind: 'event', refId: came, staffId: ids.manager, deleted: false });

  // Needs, through their service: one noted by the staff member (at the clock's now); one in the recycle bin and another customer's: no entries.
  const need = await h.call('staff', 'needs.create', { customerId: customer, kind: 'service', title: '续签维保' });
  expected.push({ at: h.clock.now, kind: 'need', refId: need.id, staffId: ids.staff, deleted: false });
  const binnedNeed = await h.call('owner', 'needs.create', { customerId: customer, kind: 'pain', title: '已删除的需求' });
  await h.call('owner', 'needs.delete', { id: binnedNeed.id, version: binnedNeed.version });
  await h.call('owner', 'needs.create', { customerId: other, kind: 'pain', title: 'x' }); // another customer's

  // A merge into the customer (by the manager, at the clock's now) stands; one undone leaves nothing.
  const mergeOf = async (name: string) => {
    const kept = await h.call('manager', 'customers.get', { id: customer });
    const dup = await h.call('manager', 'customers.create', { name });
    return (await h.call('manager', 'duplicates.merge', { keep: customer, merge: dup.id, version: { keep: kept.version, merge: dup.version } })).merge;
  };
  expected.push({ at: h.clock.now, kind: 'merge', refId: await mergeOf('时间线客户（旧）'), staffId: ids.manager, deleted: false });
  await h.call('manager', 'duplicates.undoMerge', { merge: await mergeOf('时间线客户（重复）') });

  // Records, visits and grade changes at the same instants as the contracts' days, and between them.
  for (const day of [D1, D2, D3]) {
    insertRecord({ at: midnight(day), kind: 'service', staffId: ids.staff, createdBy: ids.staff });
    insertRecord({ at: midnight(day), kind: 'communication', staffId: ids.manager, createdBy: ids.manager });
    insertRecord({ at: midnight(day), kind: 'service', staffId: ids.manager, createdBy: ids.owner });
    insertRecord({ at: midnight(day), kind: 'communication', staffId: null, createdBy: ids.owner, source: 'import' });
    insertVisit({ at: midnight(day), staffId: ids.staff, createdBy: ids.staff, status: 'done' });
    insertGrade(midnight(day), ids.manager);
  }
  for (let i = 1; i <= 6; i++) insertRecord({ at: midnight(D2) + i * 3_600_000, kind: i % 2 ? 'service' : 'communication', staffId: i % 3 ? ids.staff : ids.manager, createdBy: ids.owner });
  // In the recycle bin: one the staff member made, one the owner made; a visit of each.
  insertRecord({ at: midnight(D3) + 60_000, kind: 'service', staffId: ids.staff, createdBy: ids.staff, deletedAt: h.clock.now });
  insertRecord({ at: midnight(D3) + 60_000, kind: 'communication', staffId: ids.staff, createdBy: ids.owner, deletedAt: h.clock.now });
  insertVisit({ at: midnight(D3) + 60_000, staffId: ids.staff, createdBy: ids.staff, deletedAt: h.clock.now });
  insertVisit({ at: midnight(D3) + 60_000, staffId: ids.manager, createdBy: ids.manager, deletedAt: h.clock.now });
  insertVisit({ at: new Date(2026, 11, 3, 10, 30).getTime(), staffId: ids.staff, createdBy: ids.owner }); // planned, still to come
  insertRecord({ at: midnight(D2), kind: 'service', staffId: ids.staff, createdBy: ids.owner, customerId: other }); // another customer's
  expected.sort(timelineOrder);
}, 120_000);

afterAll(() => {
  raw?.close();
  h?.cleanup();
});

describe('timeline', () => {
  it('has every kind, in order (at, kind, refId descending), entries at one instant across kinds', async () => {
    const page = await h.call('owner', 'timeline.list', { customerId: customer, limit: 100 });
    expect(page.next).toBeNull();
    expect(page.entries.map(keyOf)).toEqual(expected.map(keyOf));
    expect(new Set(page.entries.map((e) => e.kind))).toEqual(new Set(TIMELINE_KINDS));
    // At D2's midnight: records, a visit, a grade change, a signing, an expiry, files and a sale together.
    const atD2 = new Set(page.entries.filter((e) => e.at === midnight(D2)).map((e) => e.kind));
    expect(atD2).toEqual(new Set(['service', 'communication', 'visit', 'grade', 'contractSigned', 'contractExpired', 'file', 'sale']));
  });

  it('pages to the same sequence with pages of 1, 2, 3 and 50', async () => {
    const whole = (await h.call('owner', 'timeline.list', { customerId: customer, limit: 100 })).entries;
    for (const limit of [1, 2, 3, 50]) {
      expect((await allPages('owner', { customerId: customer }, limit)).map(keyOf), `limit ${limit}`).toEqual(whole.map(keyOf));
    }
  });

  it('says what each entry is and opens', async () => {
    const entries = (await h.call('owner', 'timeline.list', { customerId: customer, limit: 100 })).entries;
    const service = entries.find((e) => e.kind === 'service' && !e.deleted)!;
    expect(service).toMatchObject({ title: 'repair', status: 'open', customerId: customer, open: { kind: 'record', id: service.refId } });
    expect(service.text).toMatch(/^内容 service/);
    const imported = entries.find((e) => e.kind === 'communication' && e.staffId === null)!;
    expect(imported).toMatchObject({ title: 'phone', status: null, source: 'import', staffName: null });
    const visit = entries.find((e) => e.kind === 'visit' && e.status === 'done')!;
    expect(visit).toMatchObject({ title: '回访', text: '客户满意', staffName: 'staff', open: { kind: 'visit', id: visit.refId } });
    expect(entries.find((e) => e.kind === 'visit' && e.status === 'planned')!.text).toBe('带上报价单');
    const expired = entries.find((e) => e.kind === 'contractExpired')!;
    expect(expired).toMatchObject({ title: 'HT-1', text: '合同 HT-1', staffName: 'staff', open: { kind: 'contract' } });
    const renewed = entries.find((e) => e.kind === 'contractRenewed')!;
    expect(renewed).toMatchObject({ title: 'HT-2', staffName: null, at: midnight(D3) });
    expect(entries.find((e) => e.kind === 'contractTerminated')).toMatchObject({ title: 'HT-3', staffName: 'manager', at: midnight(D3) });
    // The grade the customer was made with (now), and the changes written before.
    expect(entries.filter((e) => e.kind === 'grade').map((e) => e.title)).toEqual(['normal', 'vip', 'vip', 'vip']);
    expect(entries.find((e) => e.kind === 'grade')).toMatchObject({ staffName: '老板', open: { kind: 'customer', id: customer } });
    expect(entries.find((e) => e.kind === 'file' && e.staffId === ids.staff)).toMatchObject({ title: '报价单.txt', text: '第一版', open: { kind: 'attachment' } });
    expect(entries.find((e) => e.kind === 'sale')).toMatchObject({ title: '西湖龙井', text: '240.00 CNY 备货', staffName: 'staff', open: { kind: 'sale' } });
    expect(entries.some((e) => e.title === 'old.txt' || e.title === 'HT-BIN' || e.title === 'HT-DRAFT' || e.title === 'HT-OTHER')).toBe(false);
    // A long content is cut to 200 characters.
    const long = insertRecord({ at: midnight('2020-01-01'), kind: 'communication', staffId: null, createdBy: ids.owner, content: '长'.repeat(20_000) });
    const last = (await h.call('owner', 'timeline.list', { customerId: customer, kinds: ['communication'], limit: 100 })).entries.at(-1)!;
    expect([last.refId, last.text.length]).toEqual([long, 200]);
    raw.prepare('DELETE FROM records WHERE id = ?').run(long);
    expected.splice(expected.findIndex((e) => e.refId === long && e.kind === 'communication'), 1);
  });

  it('keeps deleted records and visits, marked, restorable by whoever may restore them', async () => {
    const deleted = expected.filter((e) => e.deleted);
    expect(deleted.length).toBe(7); // two records, two visits, a survey, a complaint, a care note
    for (const role of ['owner', 'manager', 'staff', 'viewer'] as const) {
      const entries = (await h.call(role, 'timeline.list', { customerId: customer, limit: 100 })).entries;
      for (const want of deleted) {
        const entry = entries.find((e) => keyOf(e) === keyOf(want))!;
        expect(entry.deleted).toBe(true);
        // The customers' rule: delete (and restore) for owner and manager; staff only what they made; viewers never.
        const may = role === 'owner' || role === 'manager' || (role === 'staff' && want.createdBy === ids.staff);
        expect(entry.actions.restore, `${role} ${keyOf(want)}`).toBe(may);
      }
      expect(entries.filter((e) => !e.deleted).every((e) => e.actions.restore === false)).toBe(true);
    }
  });

  it('filters by kind, paged the same', async () => {
    const whole = expected;
    for (const kinds of [['service'], ['communication'], ['visit'], ['contractSigned', 'contractExpired'], ['contractRenewed'], ['contractTerminated'], ['grade', 'file'], ['service', 'communication', 'file']] as TimelineKind[][]) {
      const want = whole.filter((e) => kinds.includes(e.kind)).map(keyOf);
      expect(want.length, kinds.join()).toBeGreaterThan(0);
      for (const limit of [1, 3, 50]) expect((await allPages('owner', { customerId: customer, kinds }, limit)).map(keyOf), `${kinds.join()} by ${limit}`).toEqual(want);
    }
    expect((await allPages('owner', { customerId: customer, kinds: [] }, 50)).map(keyOf)).toEqual(whole.map(keyOf));
  });

  it("filters by staff member: each kind's own staff column", async () => {
    for (const role of ['owner', 'manager', 'staff'] as const) {
      const want = expected.filter((e) => e.staffId === ids[role]).map(keyOf);
      expect(want.length).toBeGreaterThan(0);
      for (const limit of [2, 50]) expect((await allPages('viewer', { customerId: customer, staffId: ids[role] }, limit)).map(keyOf), role).toEqual(want);
    }
    const staffFiles = await allPages('owner', { customerId: customer, staffId: ids.staff, kinds: ['file', 'contractSigned'] }, 50);
    expect(staffFiles.map((e) => [e.kind, e.title])).toEqual([
      ['file', '报价单.txt'],
      ['contractSigned', 'HT-1'],
    ]);
    expect((await allPages('owner', { customerId: customer, staffId: null }, 50)).length).toBe(expected.length);
  });

  it("every role reads the timeline; a customer not seen is NOT_FOUND (scope, recycle bin, none such)", async () => {
    for (const role of ['owner', 'manager', 'staff', 'viewer'] as const) {
      expect((await h.call(role, 'timeline.list', { customerId: other, limit: 10 })).entries.every((e) => e.customerId === other)).toBe(true);
    }
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      await h.failure('staff', 'timeline.list', { customerId: other }, 'NOT_FOUND');
      expect((await h.call('staff', 'timeline.list', { customerId: customer, limit: 100 })).entries.length).toBe(expected.length);
      expect((await h.call('manager', 'timeline.list', { customerId: other, limit: 100 })).entries.length).toBeGreaterThan(0);
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
    const binned = await h.call('owner', 'customers.create', { name: '回收站客户' });
    await h.call('owner', 'customers.delete', { id: binned.id, version: binned.version });
    await h.failure('owner', 'timeline.list', { customerId: binned.id }, 'NOT_FOUND');
    await h.failure('owner', 'timeline.list', { customerId: 999_999 }, 'NOT_FOUND');
    await h.failure('nobody', 'timeline.list', { customerId: customer }, 'UNAUTHENTICATED');
  });

  it("rolls the customer's contracts due an automatic renewal forward before showing them, with no other read of contracts first", async () => {
    const renewing = (await h.call('owner', 'customers.create', { name: '自动续约客户' })).id;
    // Signed a year before D1 for a year, renewing by itself, and not yet rolled forward (written straight into the table).
    const { lastInsertRowid } = raw
      .prepare("INSERT INTO contracts (number, title, customer_id, type, signed_on, end_on, auto_renew, renewal_months, created_at, updated_at) VALUES ('HT-AUTO', '自动续约', ?, 'service', ?, ?, 1, 12, 1, 1)")
      .run(renewing, addDays(D1, -365), addDays(D1, -1));
    const events = () => raw.prepare("SELECT count(*) FROM contract_events WHERE contract_id = ? AND kind = 'renewed'").pluck().get(Number(lastInsertRowid));
    // Not asked for renewals: nothing to roll forward for this page.
    expect((await h.call('owner', 'timeline.list', { customerId: renewing, kinds: ['grade'] })).entries.length).toBe(1);
    expect(events()).toBe(0);
    const { entries } = await h.call('owner', 'timeline.list', { customerId: renewing });
    expect(events()).toBeGreaterThan(0);
    expect(entries.filter((e) => e.kind === 'contractRenewed').map((e) => e.at)).toEqual(
      (raw.prepare("SELECT on_day FROM contract_events WHERE contract_id = ? AND kind = 'renewed' ORDER BY on_day DESC").pluck().all(Number(lastInsertRowid)) as string[]).map(midnight),
    );
    expect(entries.find((e) => e.kind === 'contractRenewed')).toMatchObject({ title: 'HT-AUTO', at: midnight(D1) });
  });

  it('refuses a malformed cursor with VALIDATION, and limits out of range', async () => {
    const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    for (const after of ['garbage!', 'x', b64('not json'), b64({ at: 1 }), b64([1, 'nosuchkind', 3]), b64([1, 'service', -3]), b64([1.5, 'service', 3]), b64([1, 'service', 3, 4]), b64(null)]) {
      const error = await h.failure('owner', 'timeline.list', { customerId: customer, after }, 'VALIDATION');
      expect(error.message, after).toMatch(/^timeline.list: the page cursor is malformed/);
    }
    await h.failure('owner', 'timeline.list', { customerId: customer, after: '' }, 'VALIDATION');
    await h.failure('owner', 'timeline.list', { customerId: customer, limit: 0 }, 'VALIDATION');
    await h.failure('owner', 'timeline.list', { customerId: customer, limit: 101 }, 'VALIDATION');
    await h.failure('owner', 'timeline.list', { customerId: customer, kinds: ['nosuchkind'] }, 'VALIDATION');
  });
});
