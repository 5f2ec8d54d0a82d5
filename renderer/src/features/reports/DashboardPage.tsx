// The dashboard (报表): the period picker (months in the address), the figures as numbers and
// charts, each opening the list behind it, and the exports the role allows (PDF with `print`,
// .xlsx with `data.export`). Staff with the staff-scope setting see their own customers' figures:
// the core scopes them, the page says so.
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Alert, Box, Button, Chip, CircularProgress, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_MONTHS_MAX, type Dashboard } from '../../../../shared/api/dashboard.ts';
import { monthsBetween } from '../../../../shared/api/surveys.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatMoney } from '../contracts/money.ts';
import { GradePie, RevenueGradeBars, RevenueMonthBars, SatisfactionLines, StageBars, VisitBars } from './DashboardCharts.tsx';
import { ExportXlsxButton } from './ExportXlsxButton.tsx';
import { ChartCard, FigureLink, FigureTable, NumbersCard } from './figures.tsx';
import { formatPeriod, parsePeriod, presetOf, presetPeriod, PRESETS, type Period, type Preset } from './period.ts';
import { dashboardTables, formatCount, type FigureTableData } from './tables.ts';

const SHRINK = { inputLabel: { shrink: true } } as const;

/** The shop's current month on the user's clock. */
export const currentMonth = () => localDay(Date.now()).slice(0, 7);

export function periodProblem(period: Period): string | null {
  if (period.to < period.from) return 'reports.monthOrder';
  if (monthsBetween(period.from, period.to) > DASHBOARD_MONTHS_MAX) return 'reports.tooLong';
  return null;
}

export function DashboardPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const thisMonth = currentMonth();
  const period = parsePeriod(search, thisMonth);
  const problem = periodProblem(period);
  const dashboard = useCoreQuery('dashboard.get', period, { enabled: problem === null, placeholderData: keepPreviousData });
  const setPeriod = (next: Period) => navigate({ name: 'reports', query: formatPeriod(next) }, { replace: true });
  const canPrint = useCan('print');
  const canExport = useCan('data.export');
  const preset = presetOf(period, thisMonth);

  return (
    <Stack spacing={2} sx={{ minHeight: 0, overflow: 'auto', pb: 2 }}>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ mr: 1 }}>
          {t('reports.title')}
        </Typography>
        {dashboard.data?.scoped ? <Chip size="small" label={t('reports.scopeNote')} data-testid="dash-scoped" /> : null}
        <Box sx={{ flex: 1 }} />
        {canPrint ? (
          <Button variant="outlined" startIcon={<PictureAsPdfIcon />} href={hrefOf({ name: 'printDashboard', query: formatPeriod(period) })} disabled={problem !== null}>
            {t('reports.exportPdf')}
          </Button>
        ) : null}
        {canExport ? <ExportXlsxButton period={problem === null ? period : null} disabled={dashboard.data === undefined} /> : null}
      </Stack>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} role="group" aria-label={t('reports.period')}>
        <ToggleButtonGroup exclusive size="small" value={preset} onChange={(_e, next: Preset | null) => next && setPeriod(presetPeriod(next, thisMonth))} aria-label={t('reports.period')} sx={{ height: 40 }}>
          {PRESETS.map((p) => (
            <ToggleButton key={p} value={p} sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}>
              {t(`reports.presets.${p}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <TextField type="month" size="small" label={t('reports.fromMonth')} value={period.from} onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })} slotProps={SHRINK} sx={{ width: 190 }} />
        <TextField
          type="month"
          size="small"
          label={t('reports.toMonth')}
          value={period.to}
          onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
          error={problem !== null}
          helperText={problem ? t(problem, { max: DASHBOARD_MONTHS_MAX }) : undefined}
          slotProps={SHRINK}
          sx={{ width: 190 }}
        />
        {dashboard.isFetching ? <CircularProgress size={20} sx={{ alignSelf: 'center' }} aria-label={t('reports.loading')} /> : null}
      </Stack>
      {dashboard.error ? <Alert severity="error">{errorMessage(t, dashboard.error)}</Alert> : null}
      {dashboard.data && problem === null ? <DashboardView dashboard={dashboard.data} /> : null}
    </Stack>
  );
}

const GRID = { display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' } } as const;

function DashboardView({ dashboard: d }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const tables = dashboardTables(d, { t, lng });
  const table = (id: string) => tables.find((x) => x.id === id)!; // every id below is one dashboardTables makes
  const currencies = d.revenueByMonth.map((r) => r.currency);
  const [picked, setPicked] = useState<string | null>(null);
  const currency = picked !== null && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  const currencySwitch =
    currencies.length > 1 ? (
      <ToggleButtonGroup exclusive size="small" value={currency} onChange={(_e, next: string | null) => next && setPicked(next)} aria-label={t('reports.currency')}>
        {currencies.map((c) => (
          <ToggleButton key={c} value={c} sx={{ py: 0.25 }}>
            {c}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    ) : null;
  const count = (n: number) => formatCount(n, lng);
  const noSales = <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>{t('reports.noData')}</Typography>;

  return (
    <Stack spacing={2} data-testid="dashboard">
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' } }}>
        <NumbersCard
          title={t('reports.newCustomers')}
          id="new"
          items={[
            { key: 'period', label: t('reports.newInPeriod'), value: count(d.newCustomers.period.count), link: d.newCustomers.period.link },
            { key: 'month', label: t('reports.newThisMonth'), value: count(d.newCustomers.thisMonth.count), link: d.newCustomers.thisMonth.link },
          ]}
        />
        <NumbersCard
          title={t('reports.complaints')}
          id="complaints"
          items={[
            { key: 'open', label: t('reports.complaintsOpen'), value: count(d.complaints.open.count), link: d.complaints.open.link },
            { key: 'overdue', label: t('reports.complaintsOverdue'), value: count(d.complaints.overdue.count), link: d.complaints.overdue.link },
          ]}
        />
        <NumbersCard title={t('reports.contractsExpiring')} id="contracts" items={[{ key: 'count', label: t('reports.count'), value: count(d.contractsExpiring.count), link: d.contractsExpiring.link }]} />
        <NumbersCard
          title={t('reports.churnRisks')}
          id="churn"
          items={[
            {
              key: 'count',
              label: t('reports.customers'),
              value: count(d.churnRisks.count),
              link: d.churnRisks.link,
              sub: d.churnRisks.value.map((v) => (
                <Typography key={v.currency} variant="body2" color="text.secondary">
                  {t('reports.churnValue')}:{' '}
                  <FigureLink link={d.churnRisks.link} label={`${t('reports.churnValue')} ${formatMoney(v.valueMinor, v.currency, lng)}`}>
                    {formatMoney(v.valueMinor, v.currency, lng)}
                  </FigureLink>
                </Typography>
              )),
            },
          ]}
        />
      </Box>
      <Box sx={GRID}>
        <ChartCard title={t('reports.customersByGrade')} id="grades" chart={<GradePie data={d.customersByGrade} />} table={<LinkTable data={table('customersByGrade')} />} />
        <ChartCard title={t('reports.customersByStage')} id="stages" chart={<StageBars data={d.customersByStage} />} table={<LinkTable data={table('customersByStage')} />} />
        <ChartCard
          title={t('reports.revenueByMonth')}
          id="revenue-month"
          extra={currencySwitch}
          chart={currency ? <RevenueMonthBars dashboard={d} currency={currency} /> : noSales}
          table={<LinkTable data={table('revenueByMonth')} />}
        />
        <ChartCard
          title={t('reports.revenueByGrade')}
          id="revenue-grade"
          extra={currencySwitch}
          chart={currency ? <RevenueGradeBars dashboard={d} currency={currency} /> : noSales}
          table={<LinkTable data={table('revenueByGrade')} />}
        />
        <ChartCard title={t('reports.satisfaction')} id="satisfaction" chart={<SatisfactionLines data={d.satisfactionByMonth} />} table={<LinkTable data={table('satisfaction')} />} />
        <ChartCard
          title={t('reports.visitsByStaff')}
          id="visits"
          chart={d.visitsByStaff.length > 0 ? <VisitBars data={d.visitsByStaff} /> : noSales}
          table={<LinkTable data={table('visitsByStaff')} />}
        />
      </Box>
    </Stack>
  );
}

/** A figure table on screen: a cell with a link is a link to its list. */
export function LinkTable({ data }: { data: FigureTableData }) {
  return (
    <FigureTable
      caption={data.title}
      head={data.head}
      rows={data.rows.map((row) => ({
        key: row.key,
        cells: row.cells.map((c) =>
          c.link ? (
            <FigureLink link={c.link} label={`${data.title} · ${row.cells[0]?.text ?? ''} · ${c.text}`}>
              {c.text}
            </FigureLink>
          ) : (
            c.text
          ),
        ),
      }))}
    />
  );
}
