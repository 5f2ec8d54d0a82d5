// The dashboard's exports are rights of their own, judged by the core on every call: the .xlsx needs
// `data.export`, the printed dashboard (PDF) needs `print`; each export answers the very figures
// `dashboard.get` gives for that period and scope, and is in the audit log (format, period, number
// of table rows — the rows the workbook and the PDF hold, as features/reports/tables.ts builds them).
// A refused or invalid export writes nothing to the log.
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import { dashboardTableRows, type Dashboard } from '../../shared/api/dashboard.ts';
import { dashboardTables } from '../../renderer/src/features/reports/tables.ts';
import { auditChangeLine, type AuditFormat } from '../../renderer/src/features/settings/audit-format.ts';
import { resources } from '../i18n-resources.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
const NOW = new Date(2026, 11, 1, 12).getTime(); // 2026-12-01 noon, local

async function exportEntries(): Promise<AuditEntry[]> {
  return (await h.call('owner', 'audit.list', { action: 'dashboard.export', limit: 200 })).rows;
}

const change = (entry: AuditEntry, field: string) => entry.changes.find((c) => c.field === field)?.after;

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = NOW;
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0, staffScope: true });
  const staffId = (await userNamed(h, 'staff')).id;
  const mine = await h.call('owner', 'customers.create', { name: '员工的客户', grade: 'vip', ownerId: staffId });
  const other = await h.call('owner', 'customers.create', { name: '别人的客户', grade: 'key', ownerId: null });
  const sale = (customerId: number, soldOn: string, unitPriceMinor: number, currency = 'CNY') =>
    h.call('owner', 'sales.create', { customerId, soldOn, currency, lines: [{ name: '龙井', quantityMilli: 1000, unitPriceMinor }] });
  await sale(mine.id, '2026-03-10', 120_00);
  await sale(mine.id, '2026-11-30', 30_00, 'USD');
  await sale(other.id, '2026-06-01', 1_000_00);
  await h.call('owner', 'visits.create', { customerId: mine.id, staffId, onDay: '2026-11-02', startMinute: 600, purpose: '回访' });
});

afterAll(() => h.cleanup());

describe('dashboard.export', () => {
  it('refuses the .xlsx to staff (no data.export) and logs nothing', async () => {
    const before = (await exportEntries()).length;
    await h.failure('staff', 'dashboard.export', { format: 'xlsx' }, 'FORBIDDEN');
    await h.failure('viewer', 'dashboard.export', { format: 'xlsx' }, 'FORBIDDEN');
    await h.failure('viewer', 'dashboard.export', { format: 'pdf' }, 'FORBIDDEN');
    expect(await exportEntries()).toHaveLength(before);
  });

  it('gives staff the printed dashboard (print), their own customers only, the figures of dashboard.get', async () => {
    const printed = await h.call('staff', 'dashboard.export', { from: '2026-01', to: '2026-12', format: 'pdf' });
    const shown = await h.call('staff', 'dashboard.get', { from: '2026-01', to: '2026-12' });
    expect(printed).toEqual(shown);
    expect(printed.scoped).toBe(true);
    // Only the staff member's customer's CNY sale: the other customer's 1,000.00 is not theirs.
    expect(printed.revenueByMonth.find((r) => r.currency === 'CNY')?.total.totalMinor).toBe(120_00);
  });

  it('gives managers and the owner both formats, equal to dashboard.get', async () => {
    for (const role of ['manager', 'owner'] as const) {
      for (const format of ['xlsx', 'pdf'] as const) {
        const exported = await h.call(role, 'dashboard.export', { from: '2026-06', to: '2026-11', format });
        expect(exported, `${role} ${format}`).toEqual(await h.call(role, 'dashboard.get', { from: '2026-06', to: '2026-11' }));
      }
    }
  });

  it('logs each export once: who, format, period and the number of table rows the export holds', async () => {
    const before = (await exportEntries()).length;
    const exported: Dashboard = await h.call('manager', 'dashboard.export', { from: '2026-02', to: '2026-04', format: 'xlsx' });
    const entries = await exportEntries();
    expect(entries).toHaveLength(before + 1);
    const entry = entries[0]!; // newest first
    expect(entry).toMatchObject({ username: 'manager', action: 'dashboard.export', entity: 'dashboard', label: '2026-02 – 2026-04' });
    expect(entry.changes.map((c) => c.field)).toEqual(['dashboardFormat', 'dashboardFrom', 'dashboardTo', 'dashboardRows']);
    expect([change(entry, 'dashboardFormat'), change(entry, 'dashboardFrom'), change(entry, 'dashboardTo')]).toEqual(['xlsx', '2026-02', '2026-04']);
    // The row count is that of the tables the workbook is built from (the renderer's own builder).
    const t = ((key: string) => key) as unknown as Parameters<typeof dashboardTables>[1]['t']; // the texts do not matter here, only the rows
    const tableRows = dashboardTables(exported, { t, lng: 'en-US' }).reduce((n, table) => n + table.rows.length, 0);
    expect(change(entry, 'dashboardRows')).toBe(tableRows);
    expect(dashboardTableRows(exported)).toBe(tableRows);
    // Two currencies (CNY in March and June, USD in November): still one row per month, the columns grow.
    const wide = await h.call('owner', 'dashboard.export', { from: '2026-03', to: '2026-11', format: 'pdf' });
    expect(wide.revenueByMonth.map((r) => r.currency).sort()).toEqual(['CNY', 'USD']);
    expect(change((await exportEntries())[0]!, 'dashboardRows')).toBe(dashboardTables(wide, { t, lng: 'en-US' }).reduce((n, table) => n + table.rows.length, 0));
  });

  it('logs the default period it answered (the last 12 months)', async () => {
    await h.call('owner', 'dashboard.export', { format: 'pdf' });
    const [entry] = await exportEntries();
    expect([change(entry!, 'dashboardFormat'), change(entry!, 'dashboardFrom'), change(entry!, 'dashboardTo')]).toEqual(['pdf', '2026-01', '2026-12']);
  });

  it('refuses a period that ends before it starts and logs nothing', async () => {
    const before = (await exportEntries()).length;
    const error = await h.failure('owner', 'dashboard.export', { from: '2026-09', to: '2026-03', format: 'xlsx' }, 'VALIDATION');
    expect(error.details).toEqual([expect.objectContaining({ path: ['to'], message: 'dateOrder' })]);
    await h.failure('owner', 'dashboard.export', { from: '2026-01', to: '2026-12', format: 'csv' }, 'VALIDATION');
    expect(await exportEntries()).toHaveLength(before);
  });

  it('is said in words in the audit log, in both languages', async () => {
    const entries = await exportEntries();
    const xlsx = entries.find((e) => change(e, 'dashboardFormat') === 'xlsx')!;
    const lines = async (lng: 'zh-CN' | 'en-US') => {
      const instance = i18next.createInstance();
      await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false } });
      const f: AuditFormat = { t: instance.t, lng, userName: () => null };
      return { action: instance.t('audit.actions.dashboard.export'), lines: xlsx.changes.map((c) => auditChangeLine(f, c, xlsx.changes)) };
    };
    expect(await lines('zh-CN')).toEqual({ action: '导出报表', lines: ['格式: Excel 工作簿（.xlsx）', '起始月份: 2026-02', '结束月份: 2026-04', `表格行数: ${change(xlsx, 'dashboardRows')}`] });
    expect((await lines('en-US')).lines[0]).toBe('Format: Excel workbook (.xlsx)');
  });
});
