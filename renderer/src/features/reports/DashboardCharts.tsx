// The dashboard's charts (@mui/x-charts). Each bar, slice and month opens the list behind it
// (onItemClick / onAxisClick → the figure's link); the card's table button shows the same figures
// as a table of links for the keyboard and screen readers. Money is drawn per currency: one
// currency at a time (the page's currency switch), never two added or on one scale.
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { PieChart } from '@mui/x-charts/PieChart';
import { useTranslation } from 'react-i18next';
import type { Dashboard, Link } from '../../../../shared/api/dashboard.ts';
import { navigate } from '../../app/router.ts';
import { formatMoney, minorDigits } from '../contracts/money.ts';
import { routeOfLink } from './drill.ts';
import { formatCount, formatCsat, formatNps } from './tables.ts';

const HEIGHT = 260;

/** Opens the list behind the figure at `index` (a click on a bar, slice or month). */
const opener = (links: readonly Link[]) => (index: number | null | undefined) => {
  const link = index === null || index === undefined ? undefined : links[index];
  if (link) navigate(routeOfLink(link));
};

/** A compact axis tick in the language: 12K / 1.2万. */
function compact(lng: string) {
  const format = new Intl.NumberFormat(lng, { notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
}

type Common = { skipAnimation?: boolean; width?: number };

function useCommon() {
  const { t, i18n } = useTranslation();
  return { t, lng: i18n.language, localeText: { noData: t('reports.noData') } };
}

export function GradePie({ data, skipAnimation, width }: { data: Dashboard['customersByGrade'] } & Common) {
  const { t, lng, localeText } = useCommon();
  const open = opener(data.map((g) => g.link));
  const shown = data.map((g, i) => ({ id: g.grade, value: g.count, label: t(`customer.grades.${g.grade}`), index: i })).filter((g) => g.value > 0);
  return (
    <PieChart
      height={HEIGHT}
      {...(width ? { width } : {})}
      skipAnimation={skipAnimation}
      localeText={localeText}
      series={[{ data: shown, innerRadius: 40, paddingAngle: 1, valueFormatter: (item) => formatCount(item.value, lng), highlightScope: { fade: 'global', highlight: 'item' } }]}
      // On paper (a fixed width) the legend goes below the pie: beside it, the narrow column broke the names.
      {...(width ? { slotProps: { legend: { direction: 'horizontal', position: { vertical: 'bottom', horizontal: 'center' } } } } as const : {})}
      onItemClick={(_event, item) => open(shown[item.dataIndex]?.index)}
    />
  );
}

export function StageBars({ data, skipAnimation, width }: { data: Dashboard['customersByStage'] } & Common) {
  const { t, lng, localeText } = useCommon();
  return (
    <BarChart
      height={HEIGHT}
      {...(width ? { width } : {})}
      skipAnimation={skipAnimation}
      localeText={localeText}
      hideLegend
      xAxis={[{ scaleType: 'band', data: data.map((s) => t(`customer.stages.${s.stage}`)) }]}
      yAxis={[{ valueFormatter: compact(lng), tickMinStep: 1 }]}
      series={[{ id: 'stage', data: data.map((s) => s.count), label: t('reports.customers'), valueFormatter: (v) => formatCount(v ?? 0, lng) }]}
      onItemClick={(_event, item) => opener(data.map((s) => s.link))(item.dataIndex)}
    />
  );
}

/** A currency's minor units as the chart's scale (major units: only for drawing; labels use the exact minor units). */
const major = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);

export function RevenueMonthBars({ dashboard, currency, skipAnimation, width }: { dashboard: Dashboard; currency: string } & Common) {
  const { t, lng, localeText } = useCommon();
  const revenue = dashboard.revenueByMonth.find((r) => r.currency === currency);
  const months = revenue?.months ?? [];
  return (
    <BarChart
      height={HEIGHT}
      {...(width ? { width } : {})}
      skipAnimation={skipAnimation}
      localeText={localeText}
      hideLegend
      xAxis={[{ scaleType: 'band', data: months.map((m) => m.month) }]}
      yAxis={[{ valueFormatter: compact(lng), width: 56 }]}
      series={[
        {
          id: `revenue-${currency}`,
          label: `${t('reports.revenue')} (${currency})`,
          data: months.map((m) => major(m.totalMinor, currency)),
          valueFormatter: (_v, { dataIndex }) => formatMoney(months[dataIndex]?.totalMinor ?? 0, currency, lng),
        },
      ]}
      onItemClick={(_event, item) => opener(months.map((m) => m.link))(item.dataIndex)}
    />
  );
}

export function RevenueGradeBars({ dashboard, currency, skipAnimation, width }: { dashboard: Dashboard; currency: string } & Common) {
  const { t, lng, localeText } = useCommon();
  const grades = dashboard.revenueByGrade.find((r) => r.currency === currency)?.grades ?? [];
  return (
    <BarChart
      height={HEIGHT}
      {...(width ? { width } : {})}
      skipAnimation={skipAnimation}
      localeText={localeText}
      hideLegend
      xAxis={[{ scaleType: 'band', data: grades.map((g) => t(`customer.grades.${g.grade}`)) }]}
      yAxis={[{ valueFormatter: compact(lng), width: 56 }]}
      series={[
        {
          id: `grade-revenue-${currency}`,
          label: `${t('reports.revenue')} (${currency})`,
          data: grades.map((g) => major(g.totalMinor, currency)),
          valueFormatter: (_v, { dataIndex }) => formatMoney(grades[dataIndex]?.totalMinor ?? 0, currency, lng),
        },
      ]}
      onItemClick={(_event, item) => opener(grades.map((g) => g.link))(item.dataIndex)}
    />
  );
}

export function SatisfactionLines({ data, skipAnimation, width }: { data: Dashboard['satisfactionByMonth'] } & Common) {
  const { t, lng, localeText } = useCommon();
  const open = opener(data.map((m) => m.link));
  return (
    <LineChart
      height={HEIGHT}
      {...(width ? { width } : {})}
      skipAnimation={skipAnimation}
      localeText={localeText}
      xAxis={[{ scaleType: 'point', data: data.map((m) => m.month) }]}
      yAxis={[
        { id: 'csat', min: 1, max: 5, position: 'left', width: 40 },
        { id: 'nps', min: -100, max: 100, position: 'right', width: 48 },
      ]}
      series={[
        { id: 'csat', yAxisId: 'csat', label: t('reports.csat'), data: data.map((m) => (m.csat === null ? null : m.csat / 100)), connectNulls: true, valueFormatter: (_v, { dataIndex }) => formatCsat(data[dataIndex]?.csat ?? null, lng) },
        { id: 'nps', yAxisId: 'nps', label: t('reports.nps'), data: data.map((m) => m.nps), connectNulls: true, valueFormatter: (_v, { dataIndex }) => formatNps(data[dataIndex]?.nps ?? null, lng) },
      ]}
      onAxisClick={(_event, axis) => open(axis?.dataIndex)}
    />
  );
}

export function VisitBars({ data, skipAnimation, width }: { data: Dashboard['visitsByStaff'] } & Common) {
  const { t, lng, localeText } = useCommon();
  // Horizontal bars: staff names (long Chinese names too) read along their own line.
  const longest = Math.max(4, ...data.map((v) => v.staffName.length));
  return (
    <BarChart
      height={Math.max(HEIGHT, 40 + data.length * 28)}
      {...(width ? { width } : {})}
      skipAnimation={skipAnimation}
      localeText={localeText}
      hideLegend
      layout="horizontal"
      yAxis={[{ scaleType: 'band', data: data.map((v) => v.staffName), width: Math.min(200, 16 + longest * 14) }]}
      xAxis={[{ valueFormatter: compact(lng), tickMinStep: 1 }]}
      series={[{ id: 'visits', label: t('reports.visits'), data: data.map((v) => v.count), valueFormatter: (v) => formatCount(v ?? 0, lng) }]}
      onItemClick={(_event, item) => opener(data.map((v) => v.link))(item.dataIndex)}
    />
  );
}
