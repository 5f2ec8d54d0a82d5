// The dashboard's figures as tables: the same rows the screen shows beside its charts, the PDF
// prints and the .xlsx holds, so the three always agree. A cell keeps its number (for the
// spreadsheet), its text as the language writes it, and the link of the list behind it.
import type { TFunction } from 'i18next';
import type { Dashboard, Link } from '../../../../shared/api/dashboard.ts';
import { formatMoney } from '../contracts/money.ts';

export type TableCell = { text: string; link?: Link; value?: number; money?: { minor: number; currency: string } };
export type FigureTableData = { id: string; title: string; head: string[]; rows: { key: string; cells: TableCell[] }[] };

export type Words = { t: TFunction; lng: string };

export function formatCount(n: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(n);
}

/** CSAT travels as the average × 100 (an integer): shown with two decimals. */
export function formatCsat(csat: number | null, lng: string): string {
  return csat === null ? '–' : new Intl.NumberFormat(lng, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(csat / 100);
}

export function formatNps(nps: number | null, lng: string): string {
  return nps === null ? '–' : new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }).format(nps);
}

const count = (n: number, lng: string, link?: Link): TableCell => ({ text: formatCount(n, lng), value: n, ...(link ? { link } : {}) });
const money = (minor: number, currency: string, lng: string, link?: Link): TableCell => ({ text: formatMoney(minor, currency, lng), money: { minor, currency }, ...(link ? { link } : {}) });
const label = (text: string): TableCell => ({ text });

/** Every figure of the dashboard as a table, in the order the page shows them. */
export function dashboardTables(d: Dashboard, { t, lng }: Words): FigureTableData[] {
  const currencies = d.revenueByMonth.map((r) => r.currency);
  const perCurrency = (what: string) => currencies.flatMap((c) => [`${t('reports.revenue')} (${c})`, `${what} (${c})`]);
  return [
    {
      id: 'newCustomers',
      title: t('reports.newCustomers'),
      head: ['', t('reports.customers')],
      rows: [
        { key: 'period', cells: [label(t('reports.newInPeriod')), count(d.newCustomers.period.count, lng, d.newCustomers.period.link)] },
        { key: 'thisMonth', cells: [label(t('reports.newThisMonth')), count(d.newCustomers.thisMonth.count, lng, d.newCustomers.thisMonth.link)] },
      ],
    },
    {
      id: 'complaints',
      title: t('reports.complaints'),
      head: ['', t('reports.count')],
      rows: [
        { key: 'open', cells: [label(t('reports.complaintsOpen')), count(d.complaints.open.count, lng, d.complaints.open.link)] },
        { key: 'overdue', cells: [label(t('reports.complaintsOverdue')), count(d.complaints.overdue.count, lng, d.complaints.overdue.link)] },
      ],
    },
    {
      id: 'contractsExpiring',
      title: t('reports.contractsExpiring'),
      head: ['', t('reports.count')],
      rows: [{ key: 'expiring', cells: [label(t('reports.contractsExpiring')), count(d.contractsExpiring.count, lng, d.contractsExpiring.link)] }],
    },
    {
      id: 'churnRisks',
      title: t('reports.churnRisks'),
      head: [t('reports.customers'), ...d.churnRisks.value.map((v) => `${t('reports.churnValue')} (${v.currency})`)],
      rows: [{ key: 'churn', cells: [count(d.churnRisks.count, lng, d.churnRisks.link), ...d.churnRisks.value.map((v) => money(v.valueMinor, v.currency, lng, d.churnRisks.link))] }],
    },
    {
      id: 'customersByGrade',
      title: t('reports.customersByGrade'),
      head: [t('reports.grade'), t('reports.customers')],
      rows: d.customersByGrade.map((g) => ({ key: g.grade, cells: [label(t(`customer.grades.${g.grade}`)), count(g.count, lng, g.link)] })),
    },
    {
      id: 'customersByStage',
      title: t('reports.customersByStage'),
      head: [t('reports.stage'), t('reports.customers')],
      rows: d.customersByStage.map((s) => ({ key: s.stage, cells: [label(t(`customer.stages.${s.stage}`)), count(s.count, lng, s.link)] })),
    },
    {
      id: 'revenueByMonth',
      title: t('reports.revenueByMonth'),
      head: [t('reports.month'), ...perCurrency(t('reports.sales'))],
      rows: d.period.months.map((month, i) => ({
        key: month,
        cells: [
          label(month),
          ...d.revenueByMonth.flatMap((r) => {
            const m = r.months[i]!; // one entry per month of the period, in order
            return [money(m.totalMinor, r.currency, lng, m.link), count(m.saleCount, lng, m.link)];
          }),
        ],
      })),
    },
    {
      id: 'revenueByGrade',
      title: t('reports.revenueByGrade'),
      head: [t('reports.grade'), ...perCurrency(t('reports.sales'))],
      rows: d.customersByGrade.map(({ grade }) => ({
        key: grade,
        cells: [
          label(t(`customer.grades.${grade}`)),
          ...d.revenueByGrade.flatMap((r) => {
            const g = r.grades.find((x) => x.grade === grade);
            return g ? [money(g.totalMinor, r.currency, lng, g.link), count(g.saleCount, lng, g.link)] : [label('–'), label('–')];
          }),
        ],
      })),
    },
    {
      id: 'satisfaction',
      title: t('reports.satisfaction'),
      head: [t('reports.month'), t('reports.csat'), t('reports.nps'), t('reports.responses')],
      rows: d.satisfactionByMonth.map((m) => ({
        key: m.month,
        cells: [
          label(m.month),
          { text: formatCsat(m.csat, lng), ...(m.csat === null ? {} : { value: m.csat / 100 }) },
          { text: formatNps(m.nps, lng), ...(m.nps === null ? {} : { value: m.nps }) },
          count(m.responses, lng, m.link),
        ],
      })),
    },
    {
      id: 'visitsByStaff',
      title: t('reports.visitsByStaff'),
      head: [t('reports.staff'), t('reports.visits')],
      rows: d.visitsByStaff.map((v) => ({ key: String(v.staffId), cells: [label(v.staffName), count(v.count, lng, v.link)] })),
    },
  ];
}
