import { Box, Button, Link, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinute, VISIT_STATUSES, type VisitPage, type VisitRow } from '../../../../shared/api/visits.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { PagedTable } from '../../app/PagedTable.tsx';
import type { Column } from '../../app/VirtualTable.tsx';
import { formatCalendarDate, formatNumber } from '../../i18n/format.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { DrillChips } from '../performance/DrillChips.tsx';
import { visitDrillChips, withoutChip } from '../performance/drill-chips.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { formatAgendaQuery, type AgendaView } from './agenda-query.ts';
import { VisitStatusChip } from './VisitChips.tsx';
import { formatVisitListQuery, parseVisitListQuery, visitFilters, type VisitListFilters } from './visit-list-query.ts';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;
const rowsOf = (page: VisitPage) => page.rows;
const remembered = listMemory((query) => ({ name: 'visitList', query }));

// One order, the core's (newest first: day, minute, id): no column sorts.
type NoSort = 'onDay';
const CORE_ORDER = { onDay: 'desc' } as const;
const noSort = () => undefined;

/**
 * Every visit the caller sees, newest first, filtered by staff member, customer, status and days,
 * with how many the filters hold: the dashboard's "visits per staff member" opens it.
 */
export function VisitListPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [today] = useState(() => localDay(Date.now()));
  const [filters, setFilters] = useListQuery<VisitListFilters>(remembered, search, parseVisitListQuery, formatVisitListQuery);
  const setFilter = <K extends keyof VisitListFilters>(key: K, value: VisitListFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const customer = useCoreQuery('customers.get', { id: filters.customerId ?? 0 }, { enabled: filters.customerId !== undefined });
  const customerValue = filters.customerId !== undefined && customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
  // Day or week: the agenda of the list's staff member, at the list's last day (or today).
  const toAgenda = (view: AgendaView) =>
    navigate({ name: 'visits', query: formatAgendaQuery({ view, day: filters.to ?? today, ...(filters.staffId !== undefined ? { staff: filters.staffId } : {}) }) });
  const select = (label: string, width: number, value: string, onChange: (value: string) => void, options: { value: string; label: string }[]) => (
    <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width }} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('visitList.any')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('visits.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <ToggleButtonGroup
          size="small"
          exclusive
          value="list"
          onChange={(_e, view: AgendaView | 'list' | null) => {
            if (view === 'day' || view === 'week') toAgenda(view);
          }}
          aria-label={t('visits.view')}
        >
          <ToggleButton value="day">{t('visits.day')}</ToggleButton>
          <ToggleButton value="week">{t('visits.week')}</ToggleButton>
          <ToggleButton value="list">{t('visits.list')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('visitList.filters')}>
        {select(
          t('visit.staff'),
          160,
          filters.staffId === undefined ? '' : String(filters.staffId),
          (v) => setFilter('staffId', v === '' ? undefined : Number(v)),
          users.map((u) => ({ value: String(u.id), label: u.displayName || u.username })),
        )}
        <CustomerPicker size="small" sx={{ width: 240 }} label={t('visit.customer')} value={customerValue} onChange={(c) => setFilter('customerId', c?.id)} />
        {select(t('visitList.status'), 130, filters.status ?? '', (v) => setFilter('status', VISIT_STATUSES.find((s) => s === v)), VISIT_STATUSES.map((s) => ({ value: s, label: t(`visit.statuses.${s}`) })))}
        <TextField size="small" type="date" slotProps={SHRINK} sx={{ width: 160 }} label={t('visitList.from')} value={filters.from ?? ''} onChange={(e) => setFilter('from', e.target.value)} />
        <TextField size="small" type="date" slotProps={SHRINK} sx={{ width: 160 }} label={t('visitList.to')} value={filters.to ?? ''} onChange={(e) => setFilter('to', e.target.value)} />
        <DrillChips chips={visitDrillChips(t, filters)} onClear={(chip) => setFilters((current) => withoutChip(current, chip))} />
        {Object.keys(filters).length > 0 ? (
          <Button size="small" onClick={() => setFilters(() => ({}))}>
            {t('visitList.clearFilters')}
          </Button>
        ) : null}
      </Stack>
      <VisitCountBar filters={filters} />
      <VisitList filters={filters} />
    </Stack>
  );
}

/** How many visits the filters hold: the same number as the dashboard's bar that opened the list. */
function VisitCountBar({ filters }: { filters: VisitListFilters }) {
  const { t } = useTranslation();
  const count = useCoreQuery('visits.count', visitFilters(filters));
  if (!count.data) return null;
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1 }} data-testid="visit-list-count">
      <Typography sx={{ fontWeight: 600 }} data-count={count.data.count} aria-live="polite">
        {t('visitList.count', { count: count.data.count, formatted: formatNumber(count.data.count) })}
      </Typography>
    </Paper>
  );
}

function VisitList({ filters }: { filters: VisitListFilters }) {
  const { t } = useTranslation();
  const input = { ...visitFilters(filters), limit: PAGE_SIZE };
  const list = useKeysetQuery('visits.list', input, rowsOf);
  // Fixed widths hold each column's longest short value in both languages; free text is cut with an
  // ellipsis and told whole by a tooltip.
  const columns: Column<VisitRow, NoSort>[] = [
    { label: t('visitList.when'), width: 225, cell: (row) => `${formatCalendarDate(row.onDay)} ${formatMinute(row.startMinute)}` },
    {
      label: t('visit.customer'),
      width: 260,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('visit.staff'), width: 130, cell: (row) => <OverflowText text={row.staffName} /> },
    { label: t('visit.purpose'), cell: (row) => <OverflowText text={row.purpose} /> },
    { label: t('visitList.status'), width: 110, cell: (row) => <VisitStatusChip status={row.status} /> },
  ];
  return (
    <>
      <PagedTable
        list={list}
        label={t('visitList.tableLabel')}
        minWidth={900}
        columns={columns}
        getRowKey={(row) => row.id}
        rowKeyAttribute="data-visit-id"
        onOpen={(row) => navigate({ name: 'visit', id: row.id })}
        sort="onDay"
        direction="desc"
        defaultDirection={CORE_ORDER}
        onSort={noSort}
        scrollKey={JSON.stringify(input)}
        emptyText={Object.keys(filters).length > 0 ? t('visitList.empty') : t('visitList.emptyAll')}
      />
    </>
  );
}
