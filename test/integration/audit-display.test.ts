// Every kind of audit entry the core writes, rendered as the audit log shows it, in both languages:
// no enum code (`normal`, `staff`, `dormant`), no `true`/`false`, no JSON, no field name left
// untranslated. Also: the list cuts long texts short (flagged) and `audit.entry` gives them whole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../shared/api/contract.ts';
import { AUDIT_LIST_TEXT, type AuditEntry } from '../../shared/api/audit.ts';
import { en, resources, zh } from '../i18n-resources.ts';
import { auditChangeLine, auditFieldLabel, type AuditFormat } from '../../renderer/src/features/settings/audit-format.ts';
import { makePng } from '../fixtures/images.ts';
import { addUser, INITIAL_PASSWORD, makeHarness, OWNER_PASSWORD, userNamed, type Harness } from './harness.ts';

async function allEntries(h: Harness): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: AuditEntry[]; nextCursor: string | null } = await h.call('owner', 'audit.list', { cursor, limit: 200 });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function formatFor(lng: 'en-US' | 'zh-CN', users: Map<number, string>): Promise<AuditFormat> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return { t: instance.t, lng, userName: (id) => users.get(id) ?? null };
}

const LONG_NOTE = '长备注'.repeat(1700); // 5,100 characters

describe('audit log display', () => {
  let h: Harness;
  let entries: AuditEntry[];
  let users: Map<number, string>;
  let backupDir: string;
  let customerCodes: { buyer: string; other: string };

  beforeAll(async () => {
    h = makeHarness();
    backupDir = mkdtempSync(join(tmpdir(), 'clientele-audit-display-'));
    await h.call('owner', 'setup.create', { shopName: '龙记', ownerUsername: 'boss', password: OWNER_PASSWORD });
    const staff = await addUser(h, { username: 'staff', role: 'staff', displayName: '小王' });

    // Sign-in failures and a lock-out while the database is closed, written at the next sign-in.
    await h.call('staff', 'auth.signOut', {});
    await h.call('owner', 'auth.signOut', {});
    for (let i = 0; i < 5; i++) await h.raw('x', 'auth.signIn', { username: 'staff', password: 'wrong-password-1' });
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });

    const created = await h.call('owner', 'customers.create', {
      name: '龙井茶行',
      stage: 'active',
      grade: 'normal',
      ownerId: null,
      contacts: [{ name: '龙小井', phone: '+86 138 0013 8000' }],
    });
    // A lunar birthday without a year, then (below) a leap-month one: the calendar is not in that change.
    const yearless = await h.call('owner', 'customers.update', {
      id: created.id,
      version: created.version,
      name: '龙井茶行',
      stage: 'active',
      grade: 'normal',
      ownerId: null,
      birthday: '--08-15',
      birthdayCalendar: 'lunar',
      contacts: [{ name: '龙小井', phone: '+86 138 0013 8000' }],
    });
    const updated = await h.call('owner', 'customers.update', {
      id: created.id,
      version: yearless.version,
      kind: 'person',
      name: '龙井茶行（新）',
      industry: '茶叶',
      region: '杭州',
      address: '西湖区',
      phone: '0571-1234 5678',
      email: 'tea@example.com',
      website: 'tea.example.com',
      source: '朋友介绍',
      size: 'small',
      stage: 'dormant',
      grade: 'key',
      ownerId: staff.id,
      birthday: '2020-04L-03',
      birthdayCalendar: 'lunar',
      notes: LONG_NOTE,
      tags: ['老客户', '茶'],
      contacts: [{ name: '龙小井', phone: '+86 138 0013 8000', title: '经理', decisionMaker: true }, { name: '龙大井' }],
    });
    await h.call('owner', 'customers.delete', { id: updated.id, version: updated.version });
    await h.call('owner', 'customers.restore', { id: updated.id });
    const again = await h.call('owner', 'customers.get', { id: updated.id });
    await h.call('owner', 'customers.delete', { id: again.id, version: again.version });
    await h.call('owner', 'customers.purge', { id: again.id });
    // A merge taking the other customer's grade, kind, birthday (lunar) and responsible person, then its undo.
    const kept = await h.call('owner', 'customers.create', { name: '龙井茶行', grade: 'normal', kind: 'company' });
    const gone = await h.call('owner', 'customers.create', { name: '龍井茶行', grade: 'vip', kind: 'person', birthday: '2020-04L-03', birthdayCalendar: 'lunar', ownerId: null });
    const merged = await h.call('owner', 'duplicates.merge', {
      keep: kept.id,
      merge: gone.id,
      fields: { grade: 'merge', kind: 'merge', birthday: 'merge', ownerId: 'merge' },
      version: { keep: kept.version, merge: gone.version },
    });
    await h.call('owner', 'duplicates.undoMerge', { merge: merged.merge });
    // An import of two customers from a CSV (features/imports), then its undo.
    const csv = new TextEncoder().encode('客户名称,手机\r\n导入茶行,13800138001\r\n导入茶庄,13800138002\r\n');
    async function* csvPiece(): AsyncGenerator<Uint8Array> {
      yield csv;
    }
    const stagedCsv = await h.core.upload('owner', 'import', { name: '客户.csv', declaredSize: csv.length, chunks: csvPiece() });
    if (!stagedCsv.ok) throw new Error(`upload failed: ${stagedCsv.error.message}`);
    const importFile = { upload: stagedCsv.value.upload };
    const inspected = await h.call('owner', 'imports.inspect', { file: importFile, kind: 'customers' });
    const imported = await h.call('owner', 'imports.run', { file: importFile, kind: 'customers', mapping: inspected.mapping, onError: 'abort' });
    await h.call('owner', 'imports.undo', { batch: imported.batch! }); // two valid rows: a batch was made
    // Tags management (features/tags): rename, colour, merge and delete, each with its counts.
    await h.call('owner', 'customers.create', { name: '龙门客栈', tags: ['老客户', '茶', '茶叶'] });
    const tagNamed = async (name: string) => (await h.call('owner', 'tags.list', {})).rows.find((t) => t.name === name)!;
    const regular = await tagNamed('老客户');
    await h.call('owner', 'tags.rename', { id: regular.id, version: regular.version, name: '熟客' });
    const tea = await tagNamed('茶');
    const green = await h.call('owner', 'tags.setColor', { id: tea.id, version: tea.version, color: 'green' });
    const leaves = await tagNamed('茶叶');
    await h.call('owner', 'tags.merge', { into: { id: green.id, version: green.version }, tags: [{ id: leaves.id, version: leaves.version }] });
    const renamed = await tagNamed('熟客');
    await h.call('owner', 'tags.delete', { id: renamed.id, version: renamed.version });

    // The shop logo (features/logo): set from a staged upload, then removed.
    const png = makePng(48, 16);
    async function* onePiece(): AsyncGenerator<Uint8Array> {
      yield png;
    }
    const staged = await h.core.upload('owner', 'logo', { name: 'logo.png', declaredSize: png.length, chunks: onePiece() });
    if (!staged.ok) throw new Error(`upload failed: ${staged.error.message}`);
    await h.call('owner', 'logo.set', { file: { upload: staged.value.upload } });
    await h.call('owner', 'logo.remove', {});
    // Attachments (features/attachments): added, saved as a copy, renamed, deleted, restored, purged.
    const notes = Buffer.from('会议纪要');
    async function* notesPiece(): AsyncGenerator<Uint8Array> {
      yield notes;
    }
    const stagedFile = await h.core.upload('owner', 'attachment', { name: '纪要.txt', declaredSize: notes.length, chunks: notesPiece() });
    if (!stagedFile.ok) throw new Error(`upload failed: ${stagedFile.error.message}`);
    const holder = await h.call('owner', 'customers.create', { name: '龙泉茶庄' });
    const file = await h.call('owner', 'attachments.add', { owner: { kind: 'customer', id: holder.id }, file: { upload: stagedFile.value.upload } });
    await h.call('owner', 'attachments.saveCopy', { id: file.id });
    const described = await h.call('owner', 'attachments.update', { id: file.id, version: file.version, name: '会议纪要.txt', description: '周一例会' });
    const binned = await h.call('owner', 'attachments.delete', { id: file.id, version: described.version });
    const back = await h.call('owner', 'attachments.restore', { id: binned.id });
    await h.call('owner', 'attachments.delete', { id: back.id, version: back.version });
    await h.call('owner', 'attachments.purge', { id: back.id });
    // Contracts (features/contracts): created, changed (amount, customer, responsible staff, end;
    // then amount and currency together), terminated, renewed by itself, deleted and restored. The
    // first customer is then renamed and purged: the entry still says whose contract it was.
    const buyer = await h.call('owner', 'customers.create', { name: '龙华贸易' });
    const other = await h.call('owner', 'customers.create', { name: '龙腾科技' });
    customerCodes = { buyer: buyer.code, other: other.code };
    const terms = { title: '年度供货', type: 'sales', signedOn: '2026-01-05', startOn: '2026-01-05', notes: '' } as const;
    const contract = await h.call('owner', 'contracts.create', { ...terms, number: 'HT-2026-0001', customerId: buyer.id, amount: 12800050, endOn: '2026-12-31' });
    const moved = await h.call('owner', 'contracts.update', {
      ...terms,
      id: contract.id,
      version: contract.version,
      number: 'HT-2026-0001',
      customerId: other.id,
      amount: 13000000,
      ownerId: staff.id,
      endOn: '2027-06-30',
    });
    const dollars = await h.call('owner', 'contracts.update', { ...terms, id: moved.id, version: moved.version, number: 'HT-2026-0001', customerId: other.id, amount: 2000000, currency: 'USD', ownerId: staff.id, endOn: '2027-06-30' });
    await h.call('owner', 'contracts.terminate', { id: dollars.id, version: dollars.version, on: '2026-11-20', reason: '客户要求' });
    // Signed, auto-renewing, its end already past on the test's clock (2026-11-22): renewed as it is made.
    const rolling = await h.call('owner', 'contracts.create', { ...terms, number: 'HT-2025-0007', customerId: other.id, signedOn: '2025-01-01', startOn: '2025-01-01', endOn: '2025-12-31', autoRenew: true, renewalMonths: 12 });
    await h.call('owner', 'contracts.delete', { id: rolling.id, version: rolling.version });
    await h.call('owner', 'contracts.restore', { id: rolling.id });
    // Records (features/records): a service record changed in every kind of field, a communication
    // whose follow-up is marked done, deleted, restored, deleted again and purged.
    const staffUser = staff;
    const job = await h.call('owner', 'records.create', {
      customerId: other.id,
      kind: 'service',
      at: Date.UTC(2026, 10, 20, 2),
      staffId: null,
      content: '上门安装',
      phase: 'presale',
      serviceKind: 'installation',
      status: 'open',
    });
    await h.call('owner', 'records.update', {
      id: job.id,
      version: job.version,
      kind: 'service',
      at: Date.UTC(2026, 10, 21, 3),
      staffId: staffUser.id,
      content: '上门安装并培训',
      phase: 'aftersale',
      serviceKind: 'training',
      status: 'done',
      durationMinutes: 90,
      result: '完成',
      feedback: '满意',
      contractId: dollars.id,
    });
    const call = await h.call('owner', 'records.create', { customerId: other.id, kind: 'communication', at: Date.UTC(2026, 10, 20, 2), content: '电话', channel: 'phone', followUpOn: '2026-11-25', participants: [{ name: '龙先生' }] });
    const followed = await h.call('owner', 'records.update', { id: call.id, version: call.version, kind: 'communication', at: call.at, content: '电话', channel: 'wechat', followUpOn: '2026-11-26', agreements: '下周报价', participants: [{ userId: staffUser.id }] });
    const doneCall = await h.call('owner', 'records.followUpDone', { id: call.id, version: followed.version });
    await h.call('owner', 'records.delete', { id: call.id, version: doneCall.version });
    const restoredCall = await h.call('owner', 'records.restore', { id: call.id });
    await h.call('owner', 'records.delete', { id: call.id, version: restoredCall.version });
    await h.call('owner', 'records.purge', { id: call.id });
    // Visits (features/visits): planned with a contact, changed in every field, moved, postponed,
    // completed into a record; another deleted and restored.
    const visitCustomer = await h.call('owner', 'customers.create', { name: '龙门客栈', address: '龙门镇 1 号', contacts: [{ name: '金镶玉' }, { name: '周淮安' }] });
    const [jin, zhou] = visitCustomer.contacts.map((c) => c.id!);
    const planned = await h.call('owner', 'visits.create', { customerId: visitCustomer.id, contactId: jin!, staffId: staffUser.id, onDay: '2026-11-24', startMinute: 570, purpose: '季度回访' });
    const changedVisit = await h.call('owner', 'visits.update', {
      id: planned.visit.id,
      version: planned.visit.version,
      customerId: other.id,
      contactId: null,
      staffId: (await userNamed(h, 'boss')).id,
      onDay: '2026-11-25',
      startMinute: 600,
      durationMinutes: 90,
      purpose: '续约洽谈',
      agenda: '带报价单',
      address: '客户展厅',
    });
    const backToInn = await h.call('owner', 'visits.update', { ...changedVisit.visit, customerId: visitCustomer.id, contactId: zhou!, agenda: changedVisit.visit.agenda });
    const movedVisit = await h.call('owner', 'visits.reschedule', { id: planned.visit.id, version: backToInn.visit.version, onDay: '2026-11-26', startMinute: 840 });
    const postponed = await h.call('owner', 'visits.setStatus', { id: planned.visit.id, version: movedVisit.visit.version, status: 'postponed' });
    await h.call('owner', 'visits.complete', { id: planned.visit.id, version: postponed.version, outcome: '签了续约', record: { kind: 'communication', channel: 'visit' } });
    const spare = await h.call('owner', 'visits.create', { customerId: visitCustomer.id, contactId: null, staffId: staffUser.id, onDay: '2026-11-27', startMinute: 0, purpose: '备用' });
    await h.call('owner', 'visits.delete', { id: spare.visit.id, version: spare.visit.version });
    await h.call('owner', 'visits.restore', { id: spare.visit.id });
    // Prints (features/print): one staff member's visit sheet and the whole shop's, a profile, a service report.
    await h.call('owner', 'print.visitSheet', { staffId: staffUser.id, from: '2026-11-16', to: '2026-11-22' });
    await h.call('owner', 'print.visitSheet', { staffId: null, from: '2026-11-22', to: '2026-11-22' });
    await h.call('owner', 'print.customerProfile', { customerId: other.id });
    await h.call('owner', 'print.serviceReport', { recordId: job.id });
    const renamedBuyer = await h.call('owner', 'customers.update', { id: buyer.id, version: buyer.version, name: '龙华贸易（已改名）' });
    await h.call('owner', 'customers.delete', { id: renamedBuyer.id, version: renamedBuyer.version });
    await h.call('owner', 'customers.purge', { id: renamedBuyer.id });

    // Surveys (features/surveys): one with a low score, changed (scores, NPS, channel, staff, time), deleted, restored; another purged; a dimension added, renamed, moved, retired and back.
    const asked = await h.call('owner', 'surveys.create', { customerId: other.id, at: Date.UTC(2026, 10, 20, 2), channel: 'paper', scores: [{ dimensionId: 1, score: 4 }, { dimensionId: 2, score: 2 }], nps: 5, comment: '回电太慢' });
    const reasked = await h.call('owner', 'surveys.update', { id: asked.survey.id, version: asked.survey.version, at: Date.UTC(2026, 10, 21, 2), channel: 'wechat', staffId: staffUser.id, scores: [{ dimensionId: 3, score: 5 }], nps: 9, comment: '' });
    await h.call('owner', 'surveys.delete', { id: reasked.id, version: reasked.version });
    await h.call('owner', 'surveys.restore', { id: reasked.id });
    const once = await h.call('owner', 'surveys.create', { customerId: other.id, at: Date.UTC(2026, 10, 20, 3), nps: 10 });
    await h.call('owner', 'surveys.delete', { id: once.survey.id, version: once.survey.version });
    await h.call('owner', 'surveys.purge', { id: once.survey.id });
    const dimension = await h.call('owner', 'surveys.saveDimension', { name: '交付准时' });
    const renamedDimension = await h.call('owner', 'surveys.saveDimension', { id: dimension.id, name: '按时交付', position: 9, version: dimension.version });
    await h.call('owner', 'surveys.retireDimension', { id: renamedDimension.id, retired: true });
    await h.call('owner', 'surveys.retireDimension', { id: renamedDimension.id, retired: false });
    // Complaints (features/complaints): one opened, changed (category, severity, source, text, assignee, deadline), moved through every step, deleted, restored; another purged.
    const filed = await h.call('owner', 'complaints.create', { customerId: other.id, category: 'delivery', severity: 'high', description: '送货晚了三天', source: 'walkIn', assigneeId: staffUser.id, openedAt: Date.UTC(2026, 10, 20, 2) });
    const refiled = await h.call('owner', 'complaints.update', { id: filed.id, version: filed.version, category: 'billing', severity: 'critical', source: 'email', description: '发票金额不对', assigneeId: null, dueAt: Date.UTC(2026, 10, 25, 2) });
    const working = await h.call('owner', 'complaints.setStatus', { id: filed.id, version: refiled.version, status: 'inProgress' });
    const answered = await h.call('owner', 'complaints.setStatus', { id: filed.id, version: working.version, status: 'resolved', resolution: '重开发票', afterScore: 4 });
    const shut = await h.call('owner', 'complaints.setStatus', { id: filed.id, version: answered.version, status: 'closed' });
    await h.call('owner', 'complaints.delete', { id: filed.id, version: shut.version });
    await h.call('owner', 'complaints.restore', { id: filed.id });
    const stray = await h.call('owner', 'complaints.create', { customerId: other.id, category: 'other', severity: 'low', description: '误登记', source: 'other', assigneeId: null });
    await h.call('owner', 'complaints.delete', { id: stray.id, version: stray.version });
    await h.call('owner', 'complaints.purge', { id: stray.id });
    // Care notes (areas/care): one added, deleted and restored.
    const cared = await h.call('owner', 'care.addNote', { customerId: other.id, occasion: 'holiday', onDay: '2026-12-25', note: '寄了贺卡' });
    await h.call('owner', 'care.deleteNote', { id: cared.id, version: cared.version });
    await h.call('owner', 'care.restoreNote', { id: cared.id });
    // Today (areas/today): a complaint's item snoozed, then marked done, then put back.
    await h.call('owner', 'today.mark', { kind: 'complaint', refId: filed.id, occurrence: '2026-11-23', snoozeUntil: '2100-01-01' });
    await h.call('owner', 'today.mark', { kind: 'complaint', refId: filed.id, occurrence: '2026-11-23', done: true });
    await h.call('owner', 'today.unmark', { kind: 'complaint', refId: filed.id, occurrence: '2026-11-23' });
    // Churn (areas/churn): a contract ending within 30 days without renewal warns; the warning dismissed with a reason; k changed.
    const leaving = await h.call('owner', 'customers.create', { name: '远航贸易' });
    await h.call('owner', 'contracts.create', { number: 'HT-CHURN', title: '到期不续', customerId: leaving.id, signedOn: '2026-01-01', startOn: '2026-01-01', endOn: '2026-12-10' });
    await h.call('owner', 'churn.dismiss', { customerId: leaving.id, rule: 'contract', reason: '客户已口头续约' });
    await h.call('owner', 'churn.setSettings', { k: 3 });
    // Catalogue and sales (features/sales): an item added, changed in every field, withdrawn; a sale
    // entered, changed (customer, day, lines, total, notes), deleted and restored; sales imported from a CSV.
    const longjing = await h.call('owner', 'catalogue.create', { name: '西湖龙井', kind: 'product', unit: '盒', priceMinor: 68_000 });
    const course = await h.call('owner', 'catalogue.update', { id: longjing.id, version: longjing.version, name: '茶艺培训课', kind: 'service', unit: '次', priceMinor: 30_000 });
    await h.call('owner', 'catalogue.setActive', { id: course.id, version: course.version, active: false });
    const sold = await h.call('owner', 'sales.create', { customerId: leaving.id, soldOn: '2026-11-20', currency: 'CNY', lines: [{ itemId: longjing.id, name: '西湖龙井', quantityMilli: 1500, unitPriceMinor: 68_000 }] });
    const resold = await h.call('owner', 'sales.update', {
      id: sold.id,
      version: sold.version,
      customerId: other.id,
      soldOn: '2026-11-21',
      currency: 'CNY',
      notes: '送货上门',
      lines: [{ name: '紫砂茶壶', quantityMilli: 1000, unitPriceMinor: 88_000, discountMinor: 8_000 }],
    });
    const unsold = await h.call('owner', 'sales.delete', { id: resold.id });
    await h.call('owner', 'sales.restore', { id: unsold.id });
    const salesCsv = new TextEncoder().encode(`销售日期,单号,客户编号,客户名称,产品,数量,单价,币种\r\n2026-11-02,S-1,${other.code},龙腾科技,铁观音,2,120.50,CNY\r\n`);
    async function* salesPiece(): AsyncGenerator<Uint8Array> {
      yield salesCsv;
    }
    const stagedSales = await h.core.upload('owner', 'import', { name: '销售.csv', declaredSize: salesCsv.length, chunks: salesPiece() });
    if (!stagedSales.ok) throw new Error(`upload failed: ${stagedSales.error.message}`);
    const salesFile = { upload: stagedSales.value.upload };
    const salesInspected = await h.call('owner', 'imports.inspect', { file: salesFile, kind: 'sales' });
    const salesImported = await h.call('owner', 'imports.run', { file: salesFile, kind: 'sales', mapping: salesInspected.mapping, onError: 'abort' });
    await h.call('owner', 'imports.undo', { batch: salesImported.batch! });
    // Competitors (features/competitors): one added with every field, changed, retired; its presence
    // at a customer recorded with every field, changed (share, contract end, position) and removed.
    const rival = await h.call('owner', 'competitors.create', { name: '远大科技', products: '打印机', priceLevel: 'low', strengths: '价格低', weaknesses: '售后慢', notes: '华东' });
    const rivalSeen = await h.call('owner', 'competitors.addPresence', { customerId: other.id, competitorId: rival.id, products: '耗材', sharePercent: 40, contractEndOn: '2027-03-31', position: 'behind', notes: '明年招标' });
    const rivalMoved = await h.call('owner', 'competitors.updatePresence', { id: rivalSeen.id, version: rivalSeen.version, sharePercent: 20, contractEndOn: '2027-06-30', position: 'ahead' });
    await h.call('owner', 'competitors.removePresence', { id: rivalMoved.id, version: rivalMoved.version });
    const rivalEdited = await h.call('owner', 'competitors.update', { id: rival.id, version: rival.version, priceLevel: 'high', strengths: '渠道广' });
    await h.call('owner', 'competitors.setActive', { id: rivalEdited.id, version: rivalEdited.version, active: false });
    // Customer events (features/events): one created with every field, changed, customers invited by
    // filter and by hand (with a contact), a reply, attendance, an invitation withdrawn, the sign-in
    // sheet printed; the event cancelled, deleted and restored.
    const party = await h.call('owner', 'events.create', { title: '茶艺培训日', kind: 'training', onDay: '2026-11-28', startMinute: 1080, durationMinutes: 180, place: '西湖国宾馆', capacity: 40, budgetMinor: 500_000, currency: 'CNY', notes: '着正装' });
    const partyEdited = await h.call('owner', 'events.update', { id: party.id, version: party.version, title: '茶艺培训日（二）', kind: 'training', onDay: '2026-11-29', startMinute: 1110, place: '西湖国宾馆', capacity: 50, currency: 'CNY' });
    await h.call('owner', 'events.invite', { eventId: party.id, filter: { grade: 'vip' } });
    await h.call('owner', 'events.invite', { eventId: party.id, customerIds: [other.id], contactIds: [] });
    const guests = (await h.call('owner', 'events.invitations', { eventId: party.id })).rows;
    await h.call('owner', 'events.reply', { invitationId: guests[0]!.id, reply: 'yes' });
    await h.call('owner', 'events.attend', { invitationIds: [guests[0]!.id], attended: true });
    await h.call('owner', 'events.uninvite', { invitationId: guests.at(-1)!.id });
    await h.call('owner', 'events.signInSheet', { eventId: party.id });
    await h.call('owner', 'events.cancel', { id: party.id, version: partyEdited.version });
    await h.call('owner', 'events.delete', { id: party.id });
    await h.call('owner', 'events.restore', { id: party.id });
    // Value grading (features/grading): cut-offs, monthly and rules changed; a proposal made, its
    // items accepted and one rejected, applied; another made and discarded.
    const gradingSettings = await h.call('owner', 'grading.settings', {});
    await h.call('owner', 'grading.updateSettings', {
      ...gradingSettings,
      cutoffs: { a: 60, b: 30 },
      monthly: false,
      rules: [
        { abc: 'A', minR: null, minF: 2, minM: null, grade: 'vip' },
        { abc: null, minR: 3, minF: null, minM: null, grade: 'key' },
        { abc: null, minR: null, minF: null, minM: null, grade: 'potential' },
      ],
    });
    const proposal = await h.call('owner', 'grading.propose', {});
    await h.call('owner', 'grading.decide', { proposalId: proposal.id, customerIds: 'all', decision: 'accepted' });
    const [firstItem] = (await h.call('owner', 'grading.items', { proposalId: proposal.id, limit: 1 })).rows;
    await h.call('owner', 'grading.decide', { proposalId: proposal.id, customerIds: [firstItem!.customerId], decision: 'rejected' });
    await h.call('owner', 'grading.apply', { proposalId: proposal.id });
    const spareProposal = await h.call('owner', 'grading.propose', {});
    // Needs (features/needs): a need noted with an item, a day and a budget, changed in every field
    // (kind, title, detail, item, day, budget, expectations, decision makers), its status, deleted and restored.
    const withContacts = await h.call('owner', 'customers.create', { name: '需求客户', kind: 'company', contacts: [{ name: '王总', title: '总经理' }] });
    const noted = await h.call('owner', 'needs.create', { customerId: withContacts.id, kind: 'budget', title: '明年预算', detail: '待审批', itemId: longjing.id, neededBy: '2026-12-20', budgetMinMinor: 100_000, budgetMaxMinor: 200_000 });
    const renoted = await h.call('owner', 'needs.update', { id: noted.id, version: noted.version, kind: 'decision', title: '总经理拍板', detail: '', itemId: null, neededBy: '2027-01-10', contactIds: [withContacts.contacts[0]!.id!] });
    const expected = await h.call('owner', 'needs.update', { id: noted.id, version: renoted.version, kind: 'expectation', title: '4 小时响应', responseHours: 4, onSite: true, training: true });
    const met = await h.call('owner', 'needs.setStatus', { id: noted.id, version: expected.version, status: 'met' });
    await h.call('owner', 'needs.delete', { id: noted.id, version: met.version });
    await h.call('owner', 'needs.restore', { id: noted.id });
    // Stories (features/stories): one written with figures, edited in every field, printed, deleted and restored.
    const story = await h.call('owner', 'stories.create', { customerId: withContacts.id, title: '数字化改造', background: '手工记账', whatWeDid: '上线系统', results: '回访及时', resultFigures: [{ label: '回访率', value: '95%' }], namedConsent: 'ask', storyOn: '2026-11-30' });
    const restory = await h.call('owner', 'stories.update', { id: story.id, version: story.version, title: '门店改造', background: '三家门店', whatWeDid: '培训', results: '满意', resultFigures: [{ label: '满意度', value: '98%' }], namedConsent: 'yes', storyOn: '2026-12-01' });
    await h.call('owner', 'stories.caseSheet', { id: story.id });
    await h.call('owner', 'stories.delete', { id: story.id, version: restory.version });
    await h.call('owner', 'stories.restore', { id: story.id });
    // Holiday care (features/holidays): the settings changed in every field.
    await h.call('owner', 'holidays.saveSettings', { daysAhead: 21, grades: ['vip'], builtins: ['spring-festival', 'mid-autumn'], own: [{ name: '店庆', calendar: 'lunar', month: 3, day: 8 }] });
    // Loyalty (features/loyalty): the programme set up then changed in every field (earning rules with
    // a per-item rule, expiry, referral points, tiers), a reward added and changed, two members
    // joined, points corrected, redeemed twice (one coupon used, one voided) and a referral.
    const programme = await h.call('owner', 'loyalty.saveSettings', { version: 0, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 100, points: 1 }, expiryMonths: 12, referralPoints: 20, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } });
    await h.call('owner', 'loyalty.saveSettings', { version: programme.version, settings: { enabled: false, currency: 'USD', earn: { perAmountMinor: 1000, points: 3, perItem: [{ itemId: longjing.id, points: 5 }] }, expiryMonths: 24, referralPoints: 50, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }, { key: 'gold', name: '金卡', threshold: 500, multiplierPermille: 1500, benefits: '九折' }] } });
    const programmeOn = await h.call('owner', 'loyalty.settings', {});
    await h.call('owner', 'loyalty.saveSettings', { version: programmeOn.version, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 1000, points: 3, perItem: [{ itemId: longjing.id, points: 5 }] }, expiryMonths: 24, referralPoints: 50, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }, { key: 'gold', name: '金卡', threshold: 500, multiplierPermille: 1500, benefits: '九折' }] } });
    const reward = await h.call('owner', 'loyalty.saveReward', { name: '茶杯', points: 30, stock: 10 });
    await h.call('owner', 'loyalty.saveReward', { id: reward.id, version: reward.version, name: '紫砂茶杯', points: 40, active: true, stock: 9 });
    await h.call('owner', 'loyalty.join', { customerId: withContacts.id });
    await h.call('owner', 'loyalty.join', { customerId: other.id });
    await h.call('owner', 'loyalty.adjust', { customerId: withContacts.id, points: 200, reason: '开业赠送' });
    const used = await h.call('owner', 'loyalty.redeem', { customerId: withContacts.id, rewardId: reward.id });
    const voided = await h.call('owner', 'loyalty.redeem', { customerId: withContacts.id, rewardId: reward.id });
    await h.call('owner', 'loyalty.useCoupon', { couponId: used.coupon.id });
    await h.call('owner', 'loyalty.voidCoupon', { couponId: voided.coupon.id, reason: '客户不要了' });
    await h.call('owner', 'loyalty.referral', { customerId: withContacts.id, referredId: other.id });
    await h.call('owner', 'grading.discard', { proposalId: spareProposal.id });
    const viewer = await h.call('owner', 'users.create', { username: 'viewer', role: 'viewer', password: INITIAL_PASSWORD });
    await h.call('owner', 'users.setRole', { id: viewer.id, version: viewer.version, role: 'staff' });
    await h.call('owner', 'users.resetPassword', { id: viewer.id, newPassword: 'another-start-2231' });
    const off = await h.call('owner', 'users.deactivate', { id: viewer.id, version: (await userNamed(h, 'viewer')).version });
    await h.call('owner', 'users.reactivate', { id: viewer.id, version: off.version, newPassword: 'another-start-2232' });
    await h.call('owner', 'settings.update', { staffScope: true, maskContacts: true, idleLockMinutes: 0 });
    await h.call('owner', 'settings.update', { idleLockMinutes: 5 });
    const standards = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', { version: standards.version, grades: [{ grade: 'vip', returnDays: 14, responseHours: 12 }], workingDays: true, lowScore: { dimensionAtMost: 1, npsAtMost: 5 } });
    await h.call('owner', 'standards.setDay', { day: '2027-10-01', kind: 'holiday', name: '国庆节' });
    await h.call('owner', 'standards.setDay', { day: '2027-10-01', kind: null });
    await h.call('owner', 'backup.updateSettings', { secondFolder: backupDir, dailyTime: '20:00', reminderDays: 3 });
    await h.call('owner', 'system.seed', { customers: 2 });
    await h.call('owner', 'system.rekey', {});
    await h.call('owner', 'audit.export', {});
    await h.call('owner', 'exports.run', { entity: 'customers', format: 'csv', encoding: 'gb18030' });
    // The dashboard's exports (features/reports): its tables as .xlsx, the printed dashboard.
    await h.call('owner', 'dashboard.export', { from: '2026-01', to: '2026-12', format: 'xlsx' });
    await h.call('owner', 'dashboard.export', { from: '2026-01', to: '2026-12', format: 'pdf' });
    const backup = await h.call('owner', 'backup.create', { folder: backupDir });
    await h.call('owner', 'backup.verify', { file: backup.file, credentials: { username: 'boss', password: OWNER_PASSWORD } });
    // The restored data holds the log as it was when the backup was made: keep what came after too.
    const beforeRestore = await allEntries(h);
    await h.call('owner', 'backup.restore', { file: backup.file, credentials: { username: 'boss', password: OWNER_PASSWORD } });
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    entries = [...(await allEntries(h)), ...beforeRestore];
    users = new Map((await h.call('owner', 'users.list', {})).map((u) => [u.id, u.displayName || u.username]));
  }, 120_000);

  afterAll(() => {
    h.cleanup();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('has an entry of nearly every kind (all but the recovery-key reset)', () => {
    const seen = new Set(entries.map((e) => e.action));
    const missing = AUDIT_ACTIONS.filter((a) => !seen.has(a));
    // auth.recovered is the same shape as auth.passwordChanged (no changes); customer.assignOwners
    // is written by its own test.
    expect(missing.filter((a) => a !== 'auth.recovered' && a !== 'customer.assignOwners')).toEqual([]);
  });

  it('names every action and entity in both languages', async () => {
    for (const lng of ['en-US', 'zh-CN'] as const) {
      const f = await formatFor(lng, users);
      for (const action of AUDIT_ACTIONS) expect(f.t(`audit.actions.${action}`, { defaultValue: '' }), `${lng} audit.actions.${action}`).not.toBe('');
      for (const entity of AUDIT_ENTITIES) expect(f.t(`audit.entities.${entity}`, { defaultValue: '' }), `${lng} audit.entities.${entity}`).not.toBe('');
    }
  });

  for (const lng of ['en-US', 'zh-CN'] as const) {
    it(`shows every entry in words in ${lng}`, async () => {
      const f = await formatFor(lng, users);
      for (const entry of entries) {
        for (const change of entry.changes) {
          const label = auditFieldLabel(f, change.field);
          expect(label, `${entry.action}: field ${change.field}`).not.toBe(change.field);
          const line = auditChangeLine(f, change, entry.changes);
          const context = `${lng} ${entry.action}: ${line.slice(0, 200)}`;
          expect(line, context).not.toMatch(/[[\]{}"]|\btrue\b|\bfalse\b|\bnull\b|\bundefined\b| \/ /);
          // An enum value is never shown as stored: `normal`, `key`, `staff`, `dormant`, `small`, `lunar`...
          for (const raw of [change.before, change.after]) {
            if (typeof raw === 'string' && /^[a-z]+$/.test(raw) && ['kind', 'size', 'stage', 'grade', 'birthdayCalendar', 'role'].includes(change.field)) {
              expect(line, context).not.toMatch(new RegExp(`(^|[: ])${raw}($| )`));
            }
          }
          // A birthday is a date in words, never its stored form (`2020-04L-03`, `--08-15`).
          if (change.field === 'birthday') expect(line, context).not.toMatch(/\d{2}-\d{2}|--/);
          if (lng === 'zh-CN') expect(label, context).toMatch(/\p{Script=Han}/u);
          // No stored key left in a value (`minor: 12800050`), no amount or size in raw units.
          if (lng === 'zh-CN') expect(line.slice(label.length + 1), context).not.toMatch(/[A-Za-z]\w*: /);
          if (['amount', 'fileSize'].includes(change.field)) expect(line, context).not.toMatch(/\d{4}/);
        }
      }
    });
  }

  it('says sales, catalogue, grading and churn entries in words', async () => {
    const zhF = await formatFor('zh-CN', users);
    const enF = await formatFor('en-US', users);
    const lines = (f: AuditFormat, action: string) => {
      const entry = entries.find((e) => e.action === action)!;
      return entry.changes.map((c) => auditChangeLine(f, c, entry.changes));
    };
    expect(lines(zhF, 'catalogue.update')).toContain('产品或服务: 产品 → 服务');
    expect(lines(enF, 'sale.update')).toContain('Sold on: November 20, 2026 → November 21, 2026');
    expect(lines(zhF, 'churn.dismiss')).toEqual(['预警规则: 合同到期未续约', '原因: 客户已口头续约']);
    expect(lines(enF, 'grading.decide')[0]).toMatch(/^Decision: (Accepted|Rejected)$/);
    const settings = lines(zhF, 'grading.settings');
    expect(settings[0]).toBe('ABC 分界: A类 70%，B类 20%，C类 10% → A类 60%，B类 30%，C类 10%');
    // Each rule as the rules tab says it, numbered, never its stored keys (minR, abc).
    expect(settings[2]).toContain('规则2：近度分不低于 3的客户设为重点客户。');
    expect(lines(enF, 'grading.settings')[2]).toContain('Rule 3: All other customers become Potential.');
  });

  it("says loyalty's earning rules and a coupon's status in words", async () => {
    const zhF = await formatFor('zh-CN', users);
    const enF = await formatFor('en-US', users);
    const lines = (f: AuditFormat, action: string, field = 'couponStatus') => {
      // The programme's change in every field (the one that changed the tiers), a coupon's status.
      const entry = entries.find((e) => e.action === action && e.changes.some((c) => c.field === field))!;
      return entry.changes.map((c) => auditChangeLine(f, c, entry.changes));
    };
    expect(lines(zhF, 'loyaltyProgramme.update', 'tiers')).toContain('积分规则: 每 ¥1.00 得 1 积分 → 每 US$10.00 得 3 积分、茶艺培训课每件 5 积分');
    expect(lines(enF, 'loyaltyProgramme.update', 'tiers')).toContain('Earning rules: 1 point per CN¥1.00 → 3 points per $10.00, 茶艺培训课 5 points per unit');
    // A coupon not yet used is 未使用 / Open, in loyalty's words (not a record's 未完成).
    expect(lines(zhF, 'coupon.use')).toEqual(['优惠券状态: 未使用 → 已使用']);
    expect(lines(enF, 'coupon.void')[0]).toBe('Coupon status: Open → Voided');
  });

  it('says the reported cases in words', async () => {
    const zhF = await formatFor('zh-CN', users);
    const enF = await formatFor('en-US', users);
    // A complaint's closed lists and deadline in words, not codes or ISO text.
    const moved = entries.find((e) => e.action === 'complaint.update')!;
    const said = (f: AuditFormat, field: string) => auditChangeLine(f, moved.changes.find((c) => c.field === field)!);
    expect(said(zhF, 'category')).toBe('投诉类别: 交付 → 费用账单');
    expect(said(enF, 'complaintSource')).toBe('Complaint source: Walk-in → E-mail');
    expect(said(zhF, 'assignee')).toBe('负责人: 小王 → —');
    expect(said(enF, 'dueAt')).toMatch(/^Deadline: \w{3} \d+, 2026, .+ → Nov 25, 2026, /);
    const steps = entries.filter((e) => e.action === 'complaint.status').map((e) => auditChangeLine(zhF, e.changes.find((c) => c.field === 'complaintStatus')!));
    expect([...new Set(steps)].sort()).toEqual(['投诉状态: 处理中 → 已解决', '投诉状态: 已解决 → 已关闭', '投诉状态: 新建 → 处理中'].sort());
    const update = entries.find((e) => e.action === 'customer.update' && e.label === '龙井茶行（新）')!; // not the contracts' customer renamed later
    const line = (f: AuditFormat, field: string) => auditChangeLine(f, update.changes.find((c) => c.field === field)!);
    expect(line(zhF, 'grade')).toBe(`${zh.customer.grade}: 普通客户 → 重点客户`);
    expect(line(enF, 'stage')).toBe(`${en.customer.stage}: Active → Dormant`);
    expect(line(zhF, 'ownerId')).toBe(`${zh.customer.owner}: ${zh.customer.ownerNone} → 小王`);
    expect(line(zhF, 'contacts')).toBe(`${zh.customer.contacts}: 龙小井（+86 138 0013 8000） → 龙小井（经理，+86 138 0013 8000，${zh.contact.decisionMaker}）、龙大井`);
    expect(line(enF, 'contacts')).toBe(`${en.customer.contacts}: 龙小井 (+86 138 0013 8000) → 龙小井 (Manager, +86 138 0013 8000, ${en.contact.decisionMaker}), 龙大井`.replace('Manager', '经理'));
    expect(line(zhF, 'birthday')).toBe(`${zh.customer.birthday}: 农历八月十五 → 农历2020年闰四月初三`);
    expect(line(enF, 'birthday')).toBe(`${en.customer.birthday}: Lunar 8/15 → Lunar leap 4/3/2020`);
    // Entries written before the birthday carried its calendar: the entry's calendar change, else the form.
    const legacy = [{ field: 'birthday', before: '1980-08-15', after: '1980-08-15' }, { field: 'birthdayCalendar', before: 'gregorian', after: 'lunar' }];
    expect(auditChangeLine(zhF, legacy[0]!, legacy)).toBe(`${zh.customer.birthday}: 1980年8月15日 → 农历1980年八月十五`);
    expect(auditChangeLine(enF, { field: 'birthday', before: '', after: '--08-15' })).toBe(`${en.customer.birthday}: — → Lunar 8/15`);
    const created = entries.find((e) => e.action === 'user.create')!;
    expect(auditChangeLine(enF, created.changes[0]!)).toBe('Role: Viewer');
    const deactivated = entries.find((e) => e.action === 'user.deactivated')!;
    expect(auditChangeLine(zhF, deactivated.changes[0]!)).toBe(`${zh.audit.fields.active}: 是 → 否`);
    const never = entries.find((e) => e.action === 'settings.update' && e.changes.some((c) => c.field === 'idleLockMinutes' && c.after === 0))!;
    expect(auditChangeLine(enF, never.changes.find((c) => c.field === 'idleLockMinutes')!)).toBe('Idle lock (minutes): 10 minutes → Never');
    // An area's closed list (a tag's colour) in words from that area's own texts.
    const recolor = entries.find((e) => e.action === 'tag.recolor')!;
    expect(auditChangeLine(zhF, recolor.changes[0]!)).toBe(`${zh.audit.fields.tagColor}: ${zh.tags.noColor} → ${zh.tags.colors.green}`);
    expect(auditChangeLine(enF, recolor.changes[0]!)).toBe('Colour: No colour → Green');
    // The shop logo by its type and size (its hash is for the record, not for reading).
    const logo = entries.find((e) => e.action === 'settings.logo' && e.changes[0]!.after !== null)!;
    expect(auditChangeLine(zhF, logo.changes[0]!)).toMatch(/^店铺标志: image\/png（\d+ B）$/);
  });

  it('says which visit sheet, customer profile or service report was printed', async () => {
    const zhF = await formatFor('zh-CN', users);
    const enF = await formatFor('en-US', users);
    const sheets = entries.filter((e) => e.action === 'print.visitSheet');
    const ofStaff = sheets.find((e) => e.entityId !== null)!;
    const lines = (f: AuditFormat, entry: (typeof entries)[number]) => entry.changes.map((c) => auditChangeLine(f, c, entry.changes));
    expect(lines(enF, ofStaff).slice(0, 3)).toEqual([`Staff member: ${users.get(ofStaff.entityId!)}`, 'From: November 16, 2026', 'To: November 22, 2026']);
    expect(lines(zhF, ofStaff).slice(1, 3)).toEqual(['开始: 2026年11月16日', '结束: 2026年11月22日']);
    const ofShop = sheets.find((e) => e.entityId === null)!;
    expect(lines(zhF, ofShop)[0]).toBe('员工: 全店');
    expect(lines(enF, ofShop)[0]).toBe('Staff member: Whole shop');
    const profile = entries.find((e) => e.action === 'print.customerProfile')!;
    expect(lines(zhF, profile)).toEqual([`${zh.audit.fields.customerId}: 龙腾科技（${customerCodes.other}）`]);
    const report = entries.find((e) => e.action === 'print.serviceReport')!;
    expect(lines(enF, report)[1]).toBe(`${en.audit.fields.customerId}: 龙腾科技 (${customerCodes.other})`);
  });

  it("says a contract's amounts as money, its customer by name and code as it was, its staff member by name, its dates in words", async () => {
    const zhF = await formatFor('zh-CN', users);
    const enF = await formatFor('en-US', users);
    const updateWith = (field: string) => entries.find((e) => e.action === 'contract.update' && e.changes.some((c) => c.field === field));
    const moved = updateWith('customerId');
    const dollars = updateWith('currency');
    const line = (f: AuditFormat, entry: AuditEntry, field: string) => auditChangeLine(f, entry.changes.find((c) => c.field === field)!, entry.changes);
    expect(line(zhF, moved!, 'amount')).toBe('金额: ¥128,000.50 → ¥130,000.00');
    expect(line(enF, moved!, 'amount')).toBe('Amount: CN¥128,000.50 → CN¥130,000.00');
    // Renamed and purged since: the entry keeps the name and code of its time.
    const { buyer, other } = customerCodes;
    expect(line(zhF, moved!, 'customerId')).toBe(`客户: 龙华贸易（${buyer}） → 龙腾科技（${other}）`);
    expect(line(enF, moved!, 'customerId')).toBe(`Customer: 龙华贸易 (${buyer}) → 龙腾科技 (${other})`);
    expect(line(zhF, moved!, 'ownerId')).toBe(`${zh.customer.owner}: ${zh.customer.ownerNone} → 小王`);
    expect(line(enF, moved!, 'endOn')).toBe('Ends: December 31, 2026 → June 30, 2027');
    expect(line(zhF, moved!, 'endOn')).toBe('到期日期: 2026年12月31日 → 2027年6月30日');
    // Amount and currency changed together: each side in its own currency.
    expect(line(enF, dollars!, 'amount')).toBe('Amount: CN¥130,000.00 → $20,000.00');
    expect(line(zhF, dollars!, 'amount')).toBe('金额: ¥130,000.00 → US$20,000.00');
    expect(line(enF, dollars!, 'currency')).toBe('Currency: CNY → USD');
    const terminated = entries.find((e) => e.action === 'contract.terminate')!;
    expect(terminated.changes.map((c) => auditChangeLine(enF, c, terminated.changes))).toEqual(['Terminated on: November 20, 2026', 'Reason for termination: 客户要求']);
    const renewed = entries.find((e) => e.action === 'contract.renew')!;
    expect(renewed.changes.map((c) => auditChangeLine(zhF, c, renewed.changes))).toEqual(['到期日期: 2025年12月31日 → 2026年12月31日', '续约次数: 0 → 1']);
    // An attached file's size in binary units.
    const added = entries.find((e) => e.action === 'attachment.add')!;
    expect(added.changes.map((c) => auditChangeLine(enF, c, added.changes))).toEqual(['File: 纪要.txt', 'Size: 12 B']);
    expect(auditChangeLine(zhF, { field: 'fileSize', before: null, after: 1536 })).toBe('大小: 1.5 KB');
    expect(auditChangeLine(enF, { field: 'fileSize', before: null, after: 128 * 1024 * 1024 + 200 * 1024 })).toBe('Size: 128.2 MB');
    // No amount before; an amount in yen has no minor digits.
    expect(auditChangeLine(enF, { field: 'amount', before: null, after: { minor: 5, currency: 'CNY' } })).toBe('Amount: — → CN¥0.05');
    expect(auditChangeLine(enF, { field: 'amount', before: { minor: 1200, currency: 'JPY' }, after: null })).toBe('Amount: ¥1,200 → —');
    // Entries written before amounts carried their currency: the entry's currency change, else a plain decimal.
    const legacy = [{ field: 'amount', before: 12800050, after: 1200 }, { field: 'currency', before: 'CNY', after: 'JPY' }];
    expect(auditChangeLine(enF, legacy[0]!, legacy)).toBe('Amount: CN¥128,000.50 → ¥1,200');
    expect(auditChangeLine(zhF, { field: 'amount', before: 12800050, after: 5 })).toBe('金额: 128,000.50 → 0.05');
    expect(auditChangeLine(enF, { field: 'customerId', before: 12, after: 13 })).toBe('Customer: #12 → #13');
  });

  it('cuts long texts in the list, flags it, and gives the entry whole on demand', async () => {
    const listed = entries.find((e) => e.action === 'customer.update' && e.label === '龙井茶行（新）')!; // not the contracts' customer renamed later
    expect(listed.truncated).toBe(true);
    const notes = listed.changes.find((c) => c.field === 'notes')!;
    expect(String(notes.after).length).toBe(AUDIT_LIST_TEXT + 1);
    expect(String(notes.after).endsWith('…')).toBe(true);
    expect(JSON.stringify(listed).length).toBeLessThan(3_000);
    const whole = await h.call('owner', 'audit.entry', { id: listed.id });
    expect(whole.truncated).toBe(false);
    expect(whole.changes.find((c) => c.field === 'notes')!.after).toBe(LONG_NOTE);
    expect(new Set(entries.filter((e) => e.truncated).map((e) => e.action))).toEqual(new Set(['customer.update']));
    await h.failure('owner', 'audit.entry', { id: 999_999 }, 'NOT_FOUND');
  });
});
