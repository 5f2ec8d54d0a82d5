// exports.run (electron/core/areas/exports): each entity's rows exactly as its list shows them
// (filter, order, scope), every field the import reads back, typed .xlsx cells read back with
// @e965/xlsx, GB18030 CSV decoding to the same text, formula-like text neutralised, masking and
// scope of the caller's access, the permission, cancel leaving nothing, and the audit entry.
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportInput, EXPORT_HEADERS, type ExportInput as ExportInputType } from '../../shared/api/exports.ts';
import type { Download } from '../../shared/api/files.ts';
import type { Role } from '../../shared/roles.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { readBlob } from '../../electron/core/files/blob-store.ts';
import type { Job } from '../../electron/core/jobs.ts';
import { runExport } from '../../electron/core/areas/exports/service.ts';
import { accessFor } from '../../electron/core/areas/users/access.ts';
import { downloaded } from './attachments-kit.ts';
import { databaseKeyOf, makeHarness, openDbWithKey, OWNER_PASSWORD, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let sessions: Record<Role, string>;
let staffId: number;
let db: Db;

/** A job that reports nowhere and is never cancelled (the service is called directly). */
const quietJob: Job = { name: 'export', progress: () => undefined, step: async () => undefined, cancelled: false, othersCalling: false, beyondCancel: () => undefined };

async function bytesOf(session: string, input: ExportInputType): Promise<{ bytes: Buffer; rows: number; download: Download }> {
  const out = await h.call(session, 'exports.run', input);
  return { bytes: await downloaded(h.core, session, out.download), rows: out.rows, download: out.download };
}

function csvRows(bytes: Buffer, encoding: 'utf8bom' | 'gb18030' = 'utf8bom'): string[][] {
  const textOf = encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
  if (encoding === 'utf8bom') expect(textOf.charCodeAt(0)).toBe(0xfeff);
  return parse(textOf.replace(/^\uFEFF/, ''), { relaxColumnCount: false }) as string[][];
}

/** The rows of a CSV as header → value records. */
function records(rows: string[][]): Record<string, string>[] {
  const [header, ...body] = rows;
  return body.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

beforeAll(async () => {
  h = makeHarness();
  sessions = await shopWithRoles(h);
  staffId = (await userNamed(h, 'staff')).id;
  await h.call('owner', 'customers.create', {
    name: '北京零壹科技有限公司',
    kind: 'company',
    industry: '软件',
    region: '北京',
    address: '北京市海淀区中关村大街 1 号, "东门"',
    phone: '01012345678',
    email: 'info@ling1.cn',
    website: 'https://ling1.cn',
    grade: 'vip',
    stage: 'active',
    source: '展会',
    size: 'small',
    birthday: '2008-03-05',
    notes: '=HYPERLINK("http://evil")\n第二行',
    tags: ['老客户', '北京'],
    ownerId: staffId,
    contacts: [
      { name: '王经理', title: '总经理', mobile: '13800138000', phone: '010-6666 8888', email: 'wang@ling1.cn', wechat: 'wang_wx_88', birthday: '1980-08-15' },
      { name: '李会计', mobile: '13900001111' },
    ],
  });
  await h.call('owner', 'customers.create', { name: '-负号开头的客户', phone: '+86 139 0000 2222', notes: '@SUM(A1)', tags: ['+加号'], grade: 'potential' });
  await h.call('owner', 'customers.create', { name: '😀 表情店', kind: 'person', notes: '-5 度以下不送货', grade: 'normal' });
  const other = await h.call('owner', 'customers.create', { name: '上海另一家', grade: 'key', ownerId: null, contacts: [{ name: '赵六', birthday: '2020-04L-03', birthdayCalendar: 'lunar' }] });
  await h.call('owner', 'contracts.create', { number: 'HT-0001', title: '年度服务', customerId: other.id, amount: 123456, currency: 'CNY', signedOn: '2026-01-05', startOn: '2026-01-06', endOn: '2026-12-31' });
  await h.call('owner', 'records.create', { customerId: other.id, kind: 'communication', at: Date.UTC(2026, 10, 20, 2), content: '电话回访, 说"很好"', channel: 'phone', followUpOn: '2026-11-25' });
  await h.call('owner', 'surveys.create', { customerId: other.id, at: Date.UTC(2026, 10, 20, 3), channel: 'paper', scores: [{ dimensionId: 1, score: 4 }], nps: 9, comment: '=1+1' });
  db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
}, 120_000);
afterAll(() => {
  engine.close(db);
  h.cleanup();
});

describe('exports.run', () => {
  it('writes the customers list as UTF-8 CSV with a BOM and CRLF, in the list order, with every field the import reads back', async () => {
    // The list's query as the page sends it: its page size and cursor are no limit on the export.
    const filter = { sort: 'name', direction: 'asc', limit: 1, cursor: null } as ExportInputType['filter']; // paging keys the export's schema does not name (it drops them)
    const { bytes, rows } = await bytesOf(sessions.owner, { entity: 'customers', format: 'csv', language: 'zh-CN', filter } as ExportInputType); // filter: see just above
    expect(rows).toBe(4);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(5);
    const list = (await h.call(sessions.owner, 'customers.list', { sort: 'name', direction: 'asc', limit: 100 })).rows.map((row) => row.name);
    const got = records(csvRows(bytes));
    // Neutralised names begin with ' (the list shows them as typed).
    expect(got.map((row) => row['客户名称']!.replace(/^'/, ''))).toEqual(list);
    const ling = got.find((row) => row['客户名称'] === '北京零壹科技有限公司')!;
    expect(ling).toMatchObject({
      客户类型: '企业',
      行业: '软件',
      地区: '北京',
      地址: '北京市海淀区中关村大街 1 号, "东门"',
      电话: '01012345678',
      邮箱: 'info@ling1.cn',
      网址: 'https://ling1.cn',
      等级: 'VIP客户',
      阶段: '活跃',
      来源: '展会',
      规模: '小型',
      负责人账号: 'staff',
      生日: '2008-03-05',
      历法: '公历',
      备注: `'=HYPERLINK("http://evil")\n第二行`,
      标签: '北京、老客户',
      联系人: '王经理',
      联系人职务: '总经理',
      手机: '13800138000',
      联系人电话: '010-6666 8888',
      联系人邮箱: 'wang@ling1.cn',
      微信: 'wang_wx_88',
      联系人生日: '1980-08-15',
    });
    expect(Object.keys(ling)).toEqual(Object.values(EXPORT_HEADERS.customers).map((words) => words['zh-CN']));
    const minus = got.find((row) => row['客户名称'] === "'-负号开头的客户")!;
    expect(minus['备注']).toBe("'@SUM(A1)");
    expect(minus['标签']).toBe("'+加号");
    expect(got.find((row) => row['客户名称'] === '😀 表情店')!['备注']).toBe("'-5 度以下不送货");
  });

  it('writes the headers and words in English for an English caller, and follows the filter', async () => {
    const { bytes, rows } = await bytesOf(sessions.manager, { entity: 'customers', format: 'csv', language: 'en-US', filter: { grade: 'vip' } });
    expect(rows).toBe(1);
    const [row] = records(csvRows(bytes));
    expect(row).toMatchObject({ Name: '北京零壹科技有限公司', 'Customer type': 'Company', Grade: 'VIP', Stage: 'Active', Size: 'Small', Calendar: 'Gregorian' });
  });

  it('encodes GB18030 CSV that decodes to the same text as the UTF-8 one (an emoji included)', async () => {
    const utf8 = csvRows((await bytesOf(sessions.owner, { entity: 'customers', format: 'csv' })).bytes);
    const gbBytes = (await bytesOf(sessions.owner, { entity: 'customers', format: 'csv', encoding: 'gb18030' })).bytes;
    expect(gbBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const gb = csvRows(gbBytes, 'gb18030');
    expect(gb).toEqual(utf8);
    expect(gb.flat()).toContain('😀 表情店');
  });

  it('writes typed .xlsx cells: dates as dates, money as numbers, phones and codes as text', async () => {
    const customers = XLSX.read((await bytesOf(sessions.owner, { entity: 'customers', format: 'xlsx', filter: { grade: 'vip' } })).bytes, { cellDates: true });
    const sheet = customers.Sheets[customers.SheetNames[0]!]!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(rows).toHaveLength(1);
    const headers = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0]!;
    const cellOf = (header: string) => sheet[XLSX.utils.encode_cell({ r: 1, c: headers.indexOf(header) })] as XLSX.CellObject;
    expect(cellOf('电话')).toMatchObject({ t: 's', v: '01012345678' });
    expect(cellOf('手机')).toMatchObject({ t: 's', v: '13800138000' });
    expect(cellOf('客户编号').t).toBe('s');
    expect(cellOf('生日').t).toBe('d');
    expect((cellOf('生日').v as Date).toISOString().slice(0, 10)).toBe('2008-03-05');
    expect(cellOf('备注')).toMatchObject({ t: 's', v: `'=HYPERLINK("http://evil")\n第二行` });
    expect(cellOf('创建时间').t).toBe('d');

    const contracts = XLSX.read((await bytesOf(sessions.owner, { entity: 'contracts', format: 'xlsx' })).bytes, { cellDates: true });
    const cs = contracts.Sheets[contracts.SheetNames[0]!]!;
    const ch = XLSX.utils.sheet_to_json<string[]>(cs, { header: 1 })[0]!;
    const contractCell = (header: string) => cs[XLSX.utils.encode_cell({ r: 1, c: ch.indexOf(header) })] as XLSX.CellObject;
    expect(contractCell('金额')).toMatchObject({ t: 'n', v: 1234.56 });
    expect(contractCell('合同编号')).toMatchObject({ t: 's', v: 'HT-0001' });
    expect(contractCell('签订日期').t).toBe('d');
    expect((contractCell('签订日期').v as Date).toISOString().slice(0, 10)).toBe('2026-01-05');
  });

  it('exports contacts (every contact of the listed customers), contracts, records and surveys', async () => {
    const contacts = records(csvRows((await bytesOf(sessions.owner, { entity: 'contacts', format: 'csv', filter: { grade: 'vip' } })).bytes));
    expect(contacts.map((c) => [c['客户名称'], c['姓名'], c['手机']])).toEqual([
      ['北京零壹科技有限公司', '王经理', '13800138000'],
      ['北京零壹科技有限公司', '李会计', '13900001111'],
    ]);
    // A lunar birthday says its calendar in the cell (the same digits are another Gregorian day).
    const [lunar] = records(csvRows((await bytesOf(sessions.owner, { entity: 'contacts', format: 'csv', language: 'en-US', filter: { grade: 'key' } })).bytes));
    expect(lunar).toMatchObject({ Name: '赵六', Birthday: 'Lunar 2020-04L-03', Calendar: 'Lunar' });
    const [contract] = records(csvRows((await bytesOf(sessions.owner, { entity: 'contracts', format: 'csv' })).bytes));
    expect(contract).toMatchObject({ 合同编号: 'HT-0001', 客户名称: '上海另一家', 金额: '1234.56', 币种: 'CNY', 签订日期: '2026-01-05', 合同类型: '销售合同' });
    const [record] = records(csvRows((await bytesOf(sessions.owner, { entity: 'records', format: 'csv' })).bytes));
    expect(record).toMatchObject({ 客户名称: '上海另一家', 记录类型: '沟通记录', 内容: '电话回访, 说"很好"', 沟通方式: '电话', 下次跟进日期: '2026-11-25' });
    const [survey] = records(csvRows((await bytesOf(sessions.owner, { entity: 'surveys', format: 'csv' })).bytes));
    expect(survey).toMatchObject({ 客户名称: '上海另一家', NPS: '9', 意见: "'=1+1", 调查方式: '纸质问卷', 产品质量: '4' });
  });

  it('is refused to staff and viewers (data.export), with nothing written', async () => {
    for (const role of ['staff', 'viewer'] as const) await h.failure(sessions[role], 'exports.run', { entity: 'customers', format: 'csv' }, 'FORBIDDEN');
  });

  it('gives a masked, scoped caller exactly the masked rows of their own customers', async () => {
    // No role that may export is masked or scoped today; the service takes the caller's access as
    // every list does, so a staff member's access (scope and masking on) shows the rule.
    const staffAccess = accessFor({ userId: staffId, username: 'staff', role: 'staff' }, { ...(await h.call(sessions.owner, 'settings.get', {})), staffScope: true, maskContacts: true });
    const input = ExportInput.parse({ entity: 'customers', format: 'csv' });
    const made = await runExport(db, input, staffAccess, { userId: staffId, username: 'staff' }, h.clock.now, quietJob);
    const chunks: Buffer[] = [];
    for await (const chunk of readBlob(db, made.blob)) chunks.push(Buffer.from(chunk));
    const got = records(csvRows(Buffer.concat(chunks)));
    expect(got.map((row) => row['客户名称'])).toEqual(['北京零壹科技有限公司']);
    expect(got[0]).toMatchObject({ 电话: '010****5678', 邮箱: 'i***@ling1.cn', 手机: '138****8000', 联系人电话: '010****8888', 联系人邮箱: 'w***@ling1.cn', 微信: 'wan****x_88' });
    expect(Buffer.concat(chunks).toString('utf8')).not.toMatch(/13800138000|01012345678|info@ling1|wang_wx_88/);
    const contacts = await runExport(db, ExportInput.parse({ entity: 'contacts', format: 'xlsx' }), staffAccess, { userId: staffId, username: 'staff' }, h.clock.now, quietJob);
    const parts: Buffer[] = [];
    for await (const chunk of readBlob(db, contacts.blob)) parts.push(Buffer.from(chunk));
    const wb = XLSX.read(Buffer.concat(parts));
    const json = JSON.stringify(XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!));
    expect(json).not.toMatch(/13800138000|13900001111|wang@ling1/);
    expect(contacts.rows).toBe(2);
  });

  it('audits each export with its entity, format and row count', async () => {
    const { rows } = await bytesOf(sessions.manager, { entity: 'customers', format: 'xlsx' });
    const [entry] = (await h.call(sessions.owner, 'audit.list', { action: 'export.run', limit: 1 })).rows;
    expect(entry).toMatchObject({ action: 'export.run', entity: 'export', username: 'manager' });
    expect(entry!.changes).toEqual([
      { field: 'exportEntity', before: null, after: 'customers' },
      { field: 'exportFormat', before: null, after: 'xlsx' },
      { field: 'exportRows', before: null, after: rows },
    ]);
    expect(rows).toBe(4);
    await bytesOf(sessions.owner, { entity: 'contracts', format: 'csv', encoding: 'gb18030' });
    const [gbk] = (await h.call(sessions.owner, 'audit.list', { action: 'export.run', limit: 1 })).rows;
    expect(gbk!.changes).toEqual([
      { field: 'exportEntity', before: null, after: 'contracts' },
      { field: 'exportFormat', before: null, after: 'csvGbk' },
      { field: 'exportRows', before: null, after: 1 },
    ]);
  });

  it('reports progress in rows: against the count for customers, with no total for records until done', async () => {
    const events: { job?: string; done?: number; total?: number }[] = [];
    const off = h.core.onEvent(sessions.owner, (event) => void events.push(event));
    try {
      const { rows } = await bytesOf(sessions.owner, { entity: 'customers', format: 'csv' });
      const customers = events.filter((e) => e.job === 'export');
      expect(customers[0]).toMatchObject({ done: 0, total: rows });
      expect(customers.at(-1)).toMatchObject({ done: rows, total: rows });
      events.length = 0;
      const records = await bytesOf(sessions.owner, { entity: 'records', format: 'csv' });
      const recordEvents = events.filter((e) => e.job === 'export');
      expect(recordEvents[0]).toMatchObject({ done: 0, total: 0 });
      expect(recordEvents.at(-1)).toMatchObject({ done: records.rows, total: records.rows });
    } finally {
      off();
    }
  });

  it('stops when cancelled: no file, no audit entry, no blob left', async () => {
    for (let i = 0; i < 250; i++) await h.call(sessions.owner, 'customers.create', { name: `批量客户 ${String(i).padStart(3, '0')}` });
    const blobs = async () => (await db.selectFrom('blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const blobsBefore = await blobs();
    const auditBefore = (await h.call(sessions.owner, 'audit.list', { action: 'export.run', limit: 200 })).rows.length;
    const running = h.raw(sessions.owner, 'exports.run', { entity: 'customers', format: 'csv' });
    // Cancelled once under way (its first progress event: a page later it stops).
    await new Promise<void>((resolve) => {
      const off = h.core.onEvent(sessions.owner, (event) => {
        if (event.job === 'export') {
          off();
          resolve();
        }
      });
    });
    expect(await h.call(sessions.owner, 'jobs.cancel', { job: 'export' })).toEqual({ cancelled: true });
    const result = await running;
    expect(result.ok ? 'OK' : result.error.code).toBe('CANCELLED');
    expect(await blobs()).toBe(blobsBefore);
    expect((await h.call(sessions.owner, 'audit.list', { action: 'export.run', limit: 200 })).rows.length).toBe(auditBefore);
  });
});
