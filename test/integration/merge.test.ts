// Merge and undo (areas/duplicates/service.ts) through the core: every kind of linked row moves to
// the kept customer and back again exactly (full table dumps compared), the merged customer is in no
// list, search or recycle bin, the shop's survey totals stay as they were, the sales summaries agree
// with a recomputation (sales.check) after merge and undo, stale versions and edits
// since are refused, and only owner and manager may merge.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGE_TABLES } from '../../shared/api/duplicates.ts';
import type { SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { attach, rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

/** Every table a merge touches, whole (customers without what any write bumps: version, updated_at). */
const DUMPED = ['contacts', 'customer_tags', 'contracts', 'attachments', 'records', 'record_participants', 'visits', 'surveys', 'survey_scores', 'survey_month_totals', 'complaints', 'care_notes', 'inbox_marks', 'grade_history', 'sales', 'sale_lines', 'sales_monthly', 'customer_sales', 'competitor_presence', 'event_invitations', 'needs', 'need_contacts', 'loyalty_members', 'points_ledger', 'loyalty_coupons', 'loyalty_referrals', 'loyalty_tier_changes', 'stories', 'story_files'];

function dump(raw: SqliteDatabase): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  for (const table of DUMPED) out[table] = sorted(raw.prepare(`SELECT * FROM ${table}`).all());
  out.customers = raw
    .prepare('SELECT * FROM customers ORDER BY id')
    .all()
    .map((row) => {
      const { version: _v, updated_at: _u, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  return out;
}

const AT = Date.UTC(2026, 10, 20, 2);
/** Every contact gets a mobile of its own. */
let mobiles = 0;

const rivals = new Map<number, number>();
/** The id of competitor i of the register, added the first time it is asked for. */
async function rivalId(h: Harness, i: number): Promise<number> {
  if (!rivals.has(i)) rivals.set(i, (await h.call('owner', 'competitors.create', { name: `对手 ${i}` })).id);
  return rivals.get(i)!; // set just above
}

/** A customer with `n` of every kind of linked row (n ≥ 1 gives one contact at least). */
async function customerWithLinks(h: Harness, name: string, phone: string, tags: string[], n: Partial<Record<'contacts' | 'contracts' | 'records' | 'visits' | 'surveys' | 'complaints' | 'care' | 'files' | 'sales' | 'competitors' | 'needs' | 'stories', number>>, raw: SqliteDatabase) {
  const contacts = Array.from({ length: n.contacts ?? 0 }, (_, i) => ({ name: `${name}联系人${i}`, mobile: `139${String(++mobiles).padStart(8, '0')}` }));
  const customer = await h.call('owner', 'customers.create', { name, phone, tags, contacts, birthday: '1990-12-05' });
  const contactId = customer.contacts[0]?.id;
  const contractIds: number[] = [];
  for (let i = 0; i < (n.contracts ?? 0); i++) contractIds.push((await h.call('owner', 'contracts.create', { number: `HT-${customer.code}-${i}`, title: '合同', customerId: customer.id, signedOn: '2026-01-05' })).id);
  for (let i = 0; i < (n.records ?? 0); i++) {
    await h.call('owner', 'records.create', {
      customerId: customer.id,
      kind: 'communication',
      at: AT - i * 3_600_000,
      content: `沟通 ${i}`,
      channel: 'phone',
      participants: contactId ? [{ contactId }] : [],
    });
  }
  for (let i = 0; i < (n.visits ?? 0); i++) await h.call('owner', 'visits.create', { customerId: customer.id, contactId: contactId ?? null, staffId: 1, onDay: '2026-12-03', startMinute: 540 + i * 60, purpose: '拜访' });
  for (let i = 0; i < (n.surveys ?? 0); i++) await h.call('owner', 'surveys.create', { customerId: customer.id, at: AT - i * 86_400_000, scores: [{ dimensionId: 1, score: 4 }], nps: 9, staffId: 1 });
  for (let i = 0; i < (n.complaints ?? 0); i++) await h.call('owner', 'complaints.create', { customerId: customer.id, category: 'service', severity: 'low', description: `投诉 ${i}`, source: 'phone', assigneeId: null });
  for (let i = 0; i < (n.care ?? 0); i++) await h.call('owner', 'care.addNote', { customerId: customer.id, occasion: 'other', onDay: '2026-11-20', note: `关怀 ${i}` });
  for (let i = 0; i < (n.sales ?? 0); i++) {
    await h.call('owner', 'sales.create', { customerId: customer.id, soldOn: `2026-${String(10 + (i % 2)).padStart(2, '0')}-0${1 + i}`, currency: 'CNY', staffId: 1, lines: [{ name: `商品 ${i}`, quantityMilli: 1000 + i * 500, unitPriceMinor: 9_900 }] });
  }
  // Competitor presence: competitor i of the register (made on first use) at this customer.
  for (let i = 0; i < (n.competitors ?? 0); i++) await h.call('owner', 'competitors.addPresence', { customerId: customer.id, competitorId: await rivalId(h, i), sharePercent: 10 * (i + 1) });
  // Needs: decision needs naming the first contact (the link holds as the contact moves too).
  for (let i = 0; i < (n.needs ?? 0); i++) await h.call('owner', 'needs.create', { customerId: customer.id, kind: 'decision', title: `需求 ${i}`, contactIds: contactId ? [contactId] : [] });
  // Stories: success stories of the customer (they move with it).
  for (let i = 0; i < (n.stories ?? 0); i++) await h.call('owner', 'stories.create', { customerId: customer.id, title: `案例 ${i}`, storyOn: '2026-11-20' });
  for (let i = 0; i < (n.files ?? 0); i++) await attach(h, 'owner', { kind: 'customer', id: customer.id }, Buffer.from(`${name} file ${i}`), `f${i}.txt`);
  // Today's marks on the customer itself (its birthday, a return visit).
  raw.prepare('INSERT INTO inbox_marks (kind, ref_id, occurrence, done_at, by_user, at) VALUES (?, ?, ?, ?, 1, ?)').run('birthday', customer.id, '2026-12-05', AT, AT);
  raw.prepare('INSERT INTO inbox_marks (kind, ref_id, occurrence, done_at, by_user, at) VALUES (?, ?, ?, ?, 1, ?)').run('returnVisit', customer.id, `2026-12-0${1 + (customer.id % 8)}`, AT, AT);
  return { ...(await h.call('owner', 'customers.get', { id: customer.id })), contractIds };
}

describe('merge and undo', () => {
  let h: Harness;
  let raw: SqliteDatabase;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    raw = await rawDb(h);
  });
  afterAll(() => {
    raw.close();
    h.cleanup();
  });

  it('moves every linked kind to the kept customer, hides the merged one, and undo restores every row exactly', async () => {
    const keep = await customerWithLinks(h, '北京华信科技有限公司', '010-12345678', ['老客户', '批发'], { contacts: 2, contracts: 1, records: 2, visits: 1, surveys: 1, complaints: 1, care: 1, files: 1, sales: 1, competitors: 1, needs: 1, stories: 1 }, raw);
    const merge = await customerWithLinks(h, '北京華信科技', '+86 10 1234 5678', ['批发', '展会'], { contacts: 2, contracts: 2, records: 3, visits: 2, surveys: 2, complaints: 1, care: 2, files: 2, sales: 3, competitors: 2, needs: 2, stories: 2 }, raw);
    // The merged customer's contract has its own file, which goes with the contract.
    await attach(h, 'owner', { kind: 'contract', id: merge.contractIds[0]! }, Buffer.from('contract scan'), 'scan.txt');
    // Both are loyalty members with points and a coupon: after the merge one membership (the sum), after undo both exactly.
    await h.call('owner', 'loyalty.saveSettings', { version: 0, settings: { enabled: true, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }, { key: 'silver', name: '银卡', threshold: 70 }] } });
    const reward = await h.call('owner', 'loyalty.saveReward', { name: '茶杯', points: 10 });
    for (const [id, points] of [[keep.id, 50], [merge.id, 30]] as const) {
      await h.call('owner', 'loyalty.join', { customerId: id });
      await h.call('owner', 'loyalty.referral', { customerId: id, referredId: id === keep.id ? merge.id : keep.id }).catch(() => undefined);
      await h.call('owner', 'loyalty.adjust', { customerId: id, points, reason: '补录' });
    }
    await h.call('owner', 'loyalty.redeem', { customerId: merge.id, rewardId: reward.id });
    const trendsBefore = await h.call('owner', 'surveys.trends', { from: '2026-10', to: '2026-12' });
    const before = dump(raw);
    const lastContact = raw.prepare('SELECT id, last_contact_at FROM customers WHERE id IN (?, ?)').all(keep.id, merge.id) as { id: number; last_contact_at: number }[];

    h.clock.now += 60_000;
    const result = await h.call('owner', 'duplicates.merge', { keep: keep.id, merge: merge.id, fields: { phone: 'merge', grade: 'keep' }, version: { keep: keep.version, merge: merge.version } });
    // Today's marks: the return visit's moves; the birthday's (same day as the kept customer's own mark) stays behind, hidden.
    // Competitor presence: competitor 1 moves; competitor 0, at both, keeps the kept customer's row and the merged one's stays behind, hidden.
    expect(result.moved).toEqual({ contacts: 2, customerTags: 1, contracts: 2, attachments: 2, records: 3, visits: 2, surveys: 2, complaints: 1, careNotes: 2, inboxMarks: 1, sales: 3, competitorPresence: 1, eventInvitations: 0, needs: 2, stories: 2 });

    // Every linked row is the kept customer's now; the merged one has only what the kept one had too (a shared tag).
    for (const table of ['contacts', 'contracts', 'records', 'visits', 'surveys', 'complaints', 'care_notes', 'sales', 'customer_sales', 'needs', 'stories']) {
      expect(raw.prepare(`SELECT count(*) FROM ${table} WHERE customer_id = ?`).pluck().get(merge.id), table).toBe(0);
    }
    expect(raw.prepare("SELECT count(*) FROM attachments WHERE owner_kind = 'customer' AND owner_id = ?").pluck().get(merge.id)).toBe(0);
    const kept = await h.call('owner', 'customers.get', { id: keep.id });
    expect(kept.tags.sort()).toEqual(['展会', '批发', '老客户'].sort());
    expect(kept.contacts.map((c) => c.name)).toEqual([...keep.contacts, ...merge.contacts].map((c) => c.name));
    expect(kept.phone).toBe('+86 10 1234 5678');
    expect(kept.name).toBe('北京华信科技有限公司');
    expect(raw.prepare('SELECT last_contact_at FROM customers WHERE id = ?').pluck().get(keep.id)).toBe(Math.max(...lastContact.map((r) => r.last_contact_at)));
    // A record's participant (a moved contact) still names the contact, now the kept customer's.
    const participants = raw.prepare('SELECT p.contact_id, k.customer_id FROM record_participants p JOIN contacts k ON k.id = p.contact_id').all() as { customer_id: number }[];
    expect(participants.every((p) => p.customer_id === keep.id)).toBe(true);

    // The merged customer is nowhere: list, get, search, recycle bin, restore, purge.
    await h.failure('owner', 'customers.get', { id: merge.id }, 'NOT_FOUND');
    const list = await h.call('owner', 'customers.list', { q: '华信科技' });
    expect(list.rows.map((r) => r.id)).toEqual([keep.id]);
    const found = await h.call('owner', 'search.query', { q: merge.code });
    expect(found.hits.filter((hit) => hit.kind === 'customer').map((hit) => hit.id)).toEqual([]);
    // The kept customer is found by the merged customer's contacts' phones.
    const byContact = await h.call('owner', 'search.query', { q: merge.contacts[0]!.mobile });
    expect(byContact.hits.filter((hit) => hit.kind === 'customer').map((hit) => hit.id)).toEqual([keep.id]);
    expect((await h.call('owner', 'customers.listDeleted', {})).rows.map((r) => r.id)).not.toContain(merge.id);
    await h.failure('owner', 'customers.restore', { id: merge.id }, 'NOT_FOUND');
    await h.failure('owner', 'customers.purge', { id: merge.id }, 'NOT_FOUND');

    // The shop's survey totals are per month and staff member: unchanged.
    expect(await h.call('owner', 'surveys.trends', { from: '2026-10', to: '2026-12' })).toEqual(trendsBefore);
    const keptTrends = await h.call('owner', 'surveys.trends', { customerId: keep.id, from: '2026-10', to: '2026-12' });
    expect(keptTrends.months.reduce((sum, m) => sum + m.nps.answers, 0)).toBe(3);

    // Timeline and audit.
    const timeline = await h.call('owner', 'timeline.list', { customerId: keep.id, kinds: ['merge'] });
    expect(timeline.entries.map((e) => [e.kind, e.title, e.staffName])).toEqual([['merge', `北京華信科技 (${merge.code})`, '老板']]);
    const audit = await h.call('owner', 'audit.list', { limit: 5 });
    const entry = audit.rows.find((row) => row.action === 'customer.merge')!;
    expect(entry.changes).toEqual([
      { field: 'mergedFrom', before: null, after: `北京華信科技 (${merge.code})` },
      { field: 'phone', before: '010-12345678', after: '+86 10 1234 5678' },
    ]);
    const history = await h.call('owner', 'duplicates.merges', {});
    expect(history.rows[0]).toMatchObject({ id: result.merge, kept: { id: keep.id }, merged: { id: merge.id, code: merge.code }, undoable: true, undoneAt: null, moved: result.moved });

    // The sales summaries (kept by triggers) agree with a recomputation after the merge and after undo.
    expect(await h.call('owner', 'sales.check', {})).toEqual({ ok: true, differences: [] });
    expect((await h.call('owner', 'sales.list', { customerId: keep.id })).rows.length).toBe(4);
    expect((await h.call('owner', 'loyalty.member', { customerId: keep.id })).member).toMatchObject({ balance: 70 });
    expect((await h.call('owner', 'loyalty.coupons', { customerId: keep.id })).rows).toHaveLength(1);
    expect((await h.call('owner', 'loyalty.check', {})).ok).toBe(true);

    // Undo: every row as it was, both customers back, searchable, no timeline entry.
    h.clock.now += 60_000;
    await h.call('owner', 'duplicates.undoMerge', { merge: result.merge });
    expect(dump(raw)).toEqual(before);
    expect(await h.call('owner', 'sales.check', {})).toEqual({ ok: true, differences: [] });
    expect((await h.call('owner', 'customers.get', { id: merge.id })).contacts.map((c) => c.name)).toEqual(merge.contacts.map((c) => c.name));
    const again = await h.call('owner', 'search.query', { q: merge.code });
    expect(again.hits.filter((hit) => hit.kind === 'customer').map((hit) => hit.id)).toEqual([merge.id]);
    const byContactAgain = await h.call('owner', 'search.query', { q: merge.contacts[0]!.mobile });
    expect(byContactAgain.hits.filter((hit) => hit.kind === 'customer').map((hit) => hit.id)).toEqual([merge.id]);
    expect((await h.call('owner', 'timeline.list', { customerId: keep.id, kinds: ['merge'] })).entries).toEqual([]);
    expect(await h.call('owner', 'surveys.trends', { from: '2026-10', to: '2026-12' })).toEqual(trendsBefore);
    expect((await h.call('owner', 'audit.list', { limit: 1 })).rows[0]!.action).toBe('customer.unmerge');
    expect((await h.call('owner', 'duplicates.merges', {})).rows[0]).toMatchObject({ id: result.merge, undoable: false });
    expect((await h.failure('owner', 'duplicates.undoMerge', { merge: result.merge }, 'CONFLICT')).details).toEqual({ reason: 'undone' });
  });

  it('refuses a stale version, a merge into itself, staff and viewers; a manager may', async () => {
    const a = await h.call('owner', 'customers.create', { name: '上海明德贸易' });
    const b = await h.call('owner', 'customers.create', { name: '上海明德贸易有限公司' });
    await h.failure('owner', 'duplicates.merge', { keep: a.id, merge: b.id, version: { keep: a.version, merge: b.version + 1 } }, 'CONFLICT');
    await h.failure('owner', 'duplicates.merge', { keep: a.id, merge: a.id, version: { keep: a.version, merge: a.version } }, 'VALIDATION');
    await h.failure('staff', 'duplicates.merge', { keep: a.id, merge: b.id, version: { keep: a.version, merge: b.version } }, 'FORBIDDEN');
    await h.failure('viewer', 'duplicates.merge', { keep: a.id, merge: b.id, version: { keep: a.version, merge: b.version } }, 'FORBIDDEN');
    await h.failure('staff', 'duplicates.undoMerge', { merge: 1 }, 'FORBIDDEN');
    const done = await h.call('manager', 'duplicates.merge', { keep: a.id, merge: b.id, version: { keep: a.version, merge: b.version } });
    // The merged customer cannot be merged again, nor be the kept one.
    await h.failure('manager', 'duplicates.merge', { keep: b.id, merge: a.id, version: { keep: b.version + 1, merge: a.version + 1 } }, 'NOT_FOUND');
    await h.call('manager', 'duplicates.undoMerge', { merge: done.merge });
    // The history pages newest first, one merge at a time here.
    const first = await h.call('manager', 'duplicates.merges', { limit: 1 });
    expect(first.rows.map((r) => [r.id, r.undoable])).toEqual([[done.merge, false]]);
    const second = await h.call('manager', 'duplicates.merges', { after: first.next, limit: 1 });
    expect(second.rows[0]!.id).toBeLessThan(done.merge);
  });

  it('refuses to undo when the kept customer was edited since in a value the merge set, not for another field', async () => {
    const a = await h.call('owner', 'customers.create', { name: '杭州鑫瑞电子', phone: '0571-88886666', region: '杭州' });
    const b = await h.call('owner', 'customers.create', { name: '杭州鑫瑞电子有限公司', phone: '13911112222', region: '杭州市' });
    const first = await h.call('owner', 'duplicates.merge', { keep: a.id, merge: b.id, fields: { phone: 'merge' }, version: { keep: a.version, merge: b.version } });
    const kept = await h.call('owner', 'customers.get', { id: a.id });
    // Another field edited: the undo stands.
    const edited = await h.call('owner', 'customers.update', { ...kept, region: '浙江杭州', contacts: kept.contacts, tags: kept.tags });
    await h.call('owner', 'duplicates.undoMerge', { merge: first.merge });
    const back = await h.call('owner', 'customers.get', { id: a.id });
    expect([back.phone, back.region]).toEqual(['0571-88886666', '浙江杭州']);

    const b2 = await h.call('owner', 'customers.get', { id: b.id });
    const second = await h.call('owner', 'duplicates.merge', { keep: a.id, merge: b.id, fields: { phone: 'merge' }, version: { keep: back.version, merge: b2.version } });
    const now = await h.call('owner', 'customers.get', { id: a.id });
    await h.call('owner', 'customers.update', { ...now, phone: '0571-00000000', contacts: now.contacts, tags: now.tags });
    const error = await h.failure('owner', 'duplicates.undoMerge', { merge: second.merge }, 'CONFLICT');
    expect(error.details).toEqual({ reason: 'editedSince', customers: [{ id: a.id, name: '杭州鑫瑞电子' }] });
    expect(edited.version).toBeGreaterThan(kept.version);
  });

  it('sees only the customers in a scoped caller’s scope', async () => {
    const staff = await userNamed(h, 'staff');
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const mine = await h.call('owner', 'customers.create', { name: '成都佳美餐饮', phone: '028-66667777', ownerId: staff.id });
      const other = await h.call('owner', 'customers.create', { name: '成都佳美餐饮', phone: '028-66667777' });
      const staffView = await h.call('staff', 'duplicates.find', {});
      expect(staffView.groups.flatMap((g) => g.customers.map((c) => c.id))).not.toContain(other.id);
      expect(staffView.groups.flatMap((g) => g.customers.map((c) => c.id))).not.toContain(mine.id);
      const ownerView = await h.call('owner', 'duplicates.find', {});
      const group = ownerView.groups.find((g) => g.customers.some((c) => c.id === mine.id))!;
      expect(group.customers.map((c) => c.id).sort()).toEqual([mine.id, other.id].sort());
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });

  it('keeps the count of every kind of row across merge and undo, whatever is linked (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ contacts: fc.nat(2), contracts: fc.nat(2), records: fc.nat(3), visits: fc.nat(2), surveys: fc.nat(2), complaints: fc.nat(1), care: fc.nat(1), files: fc.nat(1) }),
        fc.record({ contacts: fc.nat(2), contracts: fc.nat(2), records: fc.nat(3), visits: fc.nat(2), surveys: fc.nat(2), complaints: fc.nat(1), care: fc.nat(1), files: fc.nat(1) }),
        async (keepLinks, mergeLinks) => {
          n += 1;
          const a = await customerWithLinks(h, `属性客户甲${n}`, '', ['甲'], keepLinks, raw);
          const b = await customerWithLinks(h, `属性客户乙${n}`, '', ['乙', '甲'], mergeLinks, raw);
          const before = dump(raw);
          const counts = (id: number) => Object.fromEntries(DUMPED.filter((t) => raw.prepare(`SELECT count(*) FROM pragma_table_info('${t}') WHERE name = 'customer_id'`).pluck().get() === 1).map((t) => [t, raw.prepare(`SELECT count(*) FROM ${t} WHERE customer_id = ?`).pluck().get(id)]));
          const total = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
          const totals = Object.fromEntries(DUMPED.map((t) => [t, total(t)]));
          const ca = counts(a.id);
          const cb = counts(b.id);
          const result = await h.call('owner', 'duplicates.merge', { keep: a.id, merge: b.id, version: { keep: a.version, merge: b.version } });
          expect(Object.fromEntries(DUMPED.map((t) => [t, total(t)]))).toEqual(totals);
          const after = counts(a.id);
          for (const table of Object.keys(ca)) {
            if (table === 'customer_tags' || table === 'grade_history') continue;
            expect(after[table], table).toBe((ca[table] as number) + (cb[table] as number));
          }
          expect(result.moved.records).toBe(mergeLinks.records);
          expect(result.moved.contacts).toBe(mergeLinks.contacts);
          expect(Object.keys(result.moved).sort()).toEqual([...MERGE_TABLES].sort());
          await h.call('owner', 'duplicates.undoMerge', { merge: result.merge });
          expect(dump(raw)).toEqual(before);
        },
      ),
      { numRuns: 8 },
    );
  });
});
