// Staff performance (绩效评估): a person and a period (month, quarter, year or custom days), and
// their figures, each a link to the list behind it (the dashboard's drill-down: the list's count
// is the number). Owner and managers pick anyone or everyone (a table, one row per staff member);
// staff see only their own — the core answers them for themselves, the page offers no picker.
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Alert, Box, CircularProgress, IconButton, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES } from '../../../../shared/api/customers.ts';
import { daysInPeriod, PERFORMANCE_DAYS_MAX, PERFORMANCE_EVERYONE_ROLES, type StaffPerformance } from '../../../../shared/api/performance.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatMoney } from '../contracts/money.ts';
import { FigureLink } from '../reports/figures.tsx';
import { formatCount } from '../reports/tables.ts';
import { formatPerformanceQuery, parsePerformanceQuery, periodAround, PERIOD_KINDS, shiftPeriod, type PerformanceChoice, type PeriodKind } from './performance-query.ts';

const SHRINK = { inputLabel: { shrink: true } } as const;

type Column = { key: string; label: string; cell: (row: StaffPerformance) => ReactNode };

function useColumns(): Column[] {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const figure = (label: string, key: string, count: number, link: Parameters<typeof FigureLink>[0]['link'], row: StaffPerformance) => (
    <FigureLink link={link} label={`${row.staffName} · ${label}: ${count}`} testId={`perf-${row.staffId}-${key}`}>
      {formatCount(count, lng)}
    </FigureLink>
  );
  return [
    ...GRADES.map((grade) => {
      const label = t('performance.customersOfGrade', { grade: t(`customer.grades.${grade}`) });
      return { key: `grade-${grade}`, label, cell: (row: StaffPerformance) => { const g = row.customersByGrade.find((x) => x.grade === grade)!; return figure(label, `grade-${grade}`, g.count, g.link, row); } }; // every grade is listed
    }),
    { key: 'planned', label: t('performance.visitsPlanned'), cell: (row) => figure(t('performance.visitsPlanned'), 'planned', row.visits.planned.count, row.visits.planned.link, row) },
    { key: 'done', label: t('performance.visitsDone'), cell: (row) => figure(t('performance.visitsDone'), 'done', row.visits.done.count, row.visits.done.link, row) },
    { key: 'overdue', label: t('performance.returnOverdue'), cell: (row) => figure(t('performance.returnOverdue'), 'overdue', row.returnVisitsOverdue.count, row.returnVisitsOverdue.link, row) },
    { key: 'closed', label: t('performance.complaintsClosed'), cell: (row) => figure(t('performance.complaintsClosed'), 'closed', row.complaints.closed.count, row.complaints.closed.link, row) },
    { key: 'onTime', label: t('performance.complaintsOnTime'), cell: (row) => figure(t('performance.complaintsOnTime'), 'onTime', row.complaints.onTime.count, row.complaints.onTime.link, row) },
    { key: 'surveys', label: t('performance.surveys'), cell: (row) => figure(t('performance.surveys'), 'surveys', row.satisfaction.responses.count, row.satisfaction.responses.link, row) },
    { key: 'csat', label: t('performance.csat'), cell: (row) => (row.satisfaction.csatAvgX100 === null ? '–' : (row.satisfaction.csatAvgX100 / 100).toFixed(2)) },
    { key: 'nps', label: t('performance.nps'), cell: (row) => (row.satisfaction.nps === null ? '–' : row.satisfaction.nps.toFixed(1)) },
    {
      key: 'revenue',
      label: t('performance.revenue'),
      cell: (row) =>
        row.revenue.length === 0 ? (
          formatMoney(0, 'CNY', lng)
        ) : (
          <Stack spacing={0.25} sx={{ alignItems: 'flex-end' }}>
            {row.revenue.map((r) => (
              <FigureLink key={r.currency} link={r.link} label={`${row.staffName} · ${t('performance.revenue')}: ${formatMoney(r.totalMinor, r.currency, lng)}`} testId={`perf-${row.staffId}-revenue-${r.currency}`}>
                {formatMoney(r.totalMinor, r.currency, lng)}
              </FigureLink>
            ))}
          </Stack>
        ),
    },
    { key: 'new', label: t('performance.newCustomers'), cell: (row) => figure(t('performance.newCustomers'), 'new', row.newCustomers.count, row.newCustomers.link, row) },
    { key: 'churn', label: t('performance.churnRisks'), cell: (row) => figure(t('performance.churnRisks'), 'churn', row.churnRisks.count, row.churnRisks.link, row) },
  ];
}

const cell = { px: 0.75, py: 0.75, borderBottom: 1, borderColor: 'divider', textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** One row per staff member, a column per figure; the staff column stays in view while the rest scroll. */
function FiguresTable({ rows }: { rows: StaffPerformance[] }) {
  const { t } = useTranslation();
  const columns = useColumns();
  return (
    <Box sx={{ overflow: 'auto', minHeight: 0, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
      <Box component="table" data-testid="perf-table" sx={{ borderCollapse: 'collapse', fontSize: 14, width: '100%' }}>
        <Box component="caption" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {t('performance.title')}
        </Box>
        <thead>
          <tr>
            <Box component="th" scope="col" sx={{ ...cell, textAlign: 'left', fontWeight: 500, position: 'sticky', left: 0, bgcolor: 'background.paper' }}>
              {t('performance.staff')}
            </Box>
            {columns.map((c) => (
              // Headers wrap into narrow columns: seventeen figures fit 1366 pixels (the staff column stays, the rest scroll beyond that).
              <Box component="th" scope="col" key={c.key} sx={{ ...cell, fontWeight: 500, fontSize: 13, lineHeight: 1.3, whiteSpace: 'normal', minWidth: 48, maxWidth: 76, verticalAlign: 'bottom' }}>
                {c.label}
              </Box>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.staffId} data-testid={`perf-row-${row.staffId}`}>
              <Box component="th" scope="row" sx={{ ...cell, textAlign: 'left', fontWeight: 400, position: 'sticky', left: 0, bgcolor: 'background.paper' }}>
                {row.staffName}
              </Box>
              {columns.map((c) => (
                <Box component="td" key={c.key} sx={cell}>
                  {c.cell(row)}
                </Box>
              ))}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}

export function PerformancePage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const today = localDay(Date.now());
  const choice = parsePerformanceQuery(search, today);
  const everyone = PERFORMANCE_EVERYONE_ROLES.includes(session.user.role);
  // Staff: themselves (the core would answer so anyway); others: everyone until they pick someone.
  const staffId = everyone ? (choice.staff ?? 'all') : session.user.id;
  const problem = choice.from > choice.to ? 'performance.dateOrder' : daysInPeriod(choice.from, choice.to) > PERFORMANCE_DAYS_MAX ? 'performance.tooLong' : null;
  const answer = useCoreQuery('performance.get', { staffId, from: choice.from, to: choice.to }, { enabled: problem === null, placeholderData: keepPreviousData });
  const go = (next: Partial<PerformanceChoice>) => navigate({ name: 'performance', query: formatPerformanceQuery({ ...choice, staff: staffId, ...next }) }, { replace: true });
  const setKind = (kind: PeriodKind) => go(kind === 'custom' ? { kind } : { kind, ...periodAround(kind, choice.from) });

  return (
    <Stack spacing={2} sx={{ minHeight: 0, pb: 2 }}>
      <Typography variant="h5" component="h1">
        {t('performance.title')}
      </Typography>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {everyone ? (
          <TextField select size="small" label={t('performance.person')} value={String(staffId)} onChange={(e) => go({ staff: e.target.value === 'all' ? 'all' : Number(e.target.value) })} slotProps={SHRINK} sx={{ minWidth: 200 }} data-testid="perf-person">
            <MenuItem value="all">{t('performance.everyone')}</MenuItem>
            {(answer.data?.staff ?? []).map((s) => (
              <MenuItem key={s.id} value={String(s.id)}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        <ToggleButtonGroup exclusive size="small" value={choice.kind} onChange={(_e, next: PeriodKind | null) => next && setKind(next)} aria-label={t('performance.period')} sx={{ height: 40 }}>
          {PERIOD_KINDS.map((kind) => (
            <ToggleButton key={kind} value={kind} sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}>
              {t(`performance.kinds.${kind}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Tooltip title={t('performance.previous')}>
            <IconButton aria-label={t('performance.previous')} onClick={() => go(shiftPeriod(choice, -1))}>
              <ChevronLeftIcon />
            </IconButton>
          </Tooltip>
          <TextField type="date" size="small" label={t('performance.from')} value={choice.from} disabled={choice.kind !== 'custom'} onChange={(e) => e.target.value && go({ from: e.target.value })} slotProps={SHRINK} sx={{ width: 170 }} />
          <TextField
            type="date"
            size="small"
            label={t('performance.to')}
            value={choice.to}
            disabled={choice.kind !== 'custom'}
            onChange={(e) => e.target.value && go({ to: e.target.value })}
            error={problem !== null}
            helperText={problem ? t(problem, { max: PERFORMANCE_DAYS_MAX }) : undefined}
            slotProps={SHRINK}
            sx={{ width: 170 }}
          />
          <Tooltip title={t('performance.next')}>
            <IconButton aria-label={t('performance.next')} onClick={() => go(shiftPeriod(choice, 1))}>
              <ChevronRightIcon />
            </IconButton>
          </Tooltip>
        </Stack>
      </Stack>
      {answer.data ? (
        <Typography variant="body2" color="text.secondary">
          {t('performance.note', { asOf: answer.data.asOf })}
        </Typography>
      ) : null}
      {answer.error ? <Alert severity="error">{errorMessage(t, answer.error)}</Alert> : null}
      {answer.data ? <FiguresTable rows={answer.data.rows} /> : answer.isLoading ? <CircularProgress aria-label={t('performance.loading')} /> : null}
    </Stack>
  );
}
