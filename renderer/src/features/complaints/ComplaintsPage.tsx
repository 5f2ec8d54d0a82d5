import { Box, Button, Link, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, COMPLAINT_STATUS_FILTERS, type ComplaintPage, type ComplaintRow } from '../../../../shared/api/complaints.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { PagedTable } from '../../app/PagedTable.tsx';
import type { Column } from '../../app/VirtualTable.tsx';
import { formatShortDateTime } from '../../i18n/format.ts';
import { useUsers } from '../customers/use-users.ts';
import { DrillChips } from '../performance/DrillChips.tsx';
import { complaintDrillChips, namesOf, withoutChip } from '../performance/drill-chips.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { OverdueChip, SeverityChip, StatusChip } from './complaint-format.tsx';
import { formatComplaintQuery, listInput, parseComplaintQuery, type ComplaintFilters } from './list-query.ts';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const rowsOf = (page: ComplaintPage) => page.rows;
const remembered = listMemory((query) => ({ name: 'complaints', query }));

// One order, the core's (open first by deadline, then the rest newest first): no column sorts.
type NoSort = 'due';
const CORE_ORDER = { due: 'asc' } as const;
const noSort = () => undefined;

/** The shop's complaints the caller sees: the overdue ones at the top, filters kept in the address. */
export function ComplaintsPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const users = useUsers();
  const [filters, setFilters] = useListQuery<ComplaintFilters>(remembered, search, parseComplaintQuery, formatComplaintQuery);
  const setFilter = <K extends keyof ComplaintFilters>(key: K, value: ComplaintFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
  const select = (label: string, width: number, value: string, onChange: (value: string) => void, options: { value: string; label: string }[]) => (
    <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width }} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('complaints.any')}</option>
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
          {t('complaints.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => navigate({ name: 'complaintNew' })}>
            {t('complaints.new')}
          </Button>
        ) : null}
      </Stack>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('complaints.filters')}>
        {select(
          t('complaint.status'),
          150,
          filters.status ?? '',
          (v) => setFilter('status', COMPLAINT_STATUS_FILTERS.find((s) => s === v && s !== 'all') as ComplaintFilters['status']), // 'all' is the empty choice
          COMPLAINT_STATUS_FILTERS.filter((s) => s !== 'all').map((s) => ({ value: s, label: t(`complaints.statusFilter.${s}`) })),
        )}
        {select(
          t('complaint.assignee'),
          160,
          filters.assigneeId === undefined ? '' : filters.assigneeId === null ? 'none' : String(filters.assigneeId),
          (v) => setFilter('assigneeId', v === '' ? undefined : v === 'none' ? null : Number(v)),
          [{ value: 'none', label: t('complaint.nobody') }, ...users.map((u) => ({ value: String(u.id), label: u.displayName || u.username }))],
        )}
        {select(
          t('complaint.severity'),
          130,
          filters.severity ?? '',
          (v) => setFilter('severity', COMPLAINT_SEVERITIES.find((s) => s === v)),
          COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaint.severities.${s}`) })),
        )}
        {select(
          t('complaint.category'),
          140,
          filters.category ?? '',
          (v) => setFilter('category', COMPLAINT_CATEGORIES.find((c) => c === v)),
          COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaint.categories.${c}`) })),
        )}
        <DrillChips chips={complaintDrillChips(t, filters, namesOf(users))} onClear={(chip) => setFilters((current) => withoutChip(current, chip))} />
        {Object.keys(filters).length > 0 ? (
          <Button size="small" onClick={() => setFilters(() => ({}))}>
            {t('complaints.clearFilters')}
          </Button>
        ) : null}
      </Stack>
      <ComplaintList filters={filters} />
    </Stack>
  );
}

function ComplaintList({ filters }: { filters: ComplaintFilters }) {
  const { t } = useTranslation();
  const input = listInput(filters, PAGE_SIZE);
  const list = useKeysetQuery('complaints.list', input, rowsOf);
  // Fixed widths hold each column's longest short value in both languages; free text is cut with an
  // ellipsis and told whole by a tooltip.
  const columns: Column<ComplaintRow, NoSort>[] = [
    { label: t('complaints.columns.number'), width: 70, cell: (row) => t('complaints.number', { id: row.id }) },
    {
      label: t('complaints.columns.due'),
      width: 230,
      cell: (row) => (
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }} component="span">
          <span>{formatShortDateTime(row.dueAt)}</span>
          {row.overdue ? <OverdueChip /> : null}
        </Stack>
      ),
    },
    { label: t('complaint.status'), width: 110, cell: (row) => <StatusChip status={row.status} /> },
    { label: t('complaint.severity'), width: 96, cell: (row) => <SeverityChip severity={row.severity} /> },
    { label: t('complaint.category'), width: 100, cell: (row) => t(`complaint.categories.${row.category}`) },
    {
      label: t('complaint.customer'),
      width: 220,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('complaints.columns.description'), cell: (row) => <OverflowText text={row.excerpt} /> },
    { label: t('complaint.assignee'), width: 110, cell: (row) => <OverflowText text={row.assigneeName ?? ''} /> },
  ];
  return (
    <>
      <PagedTable
        list={list}
        label={t('complaints.tableLabel')}
        minWidth={1110}
        columns={columns}
        getRowKey={(row) => row.id}
        rowKeyAttribute="data-complaint-id"
        onOpen={(row) => navigate({ name: 'complaint', id: row.id })}
        sort="due"
        direction="asc"
        defaultDirection={CORE_ORDER}
        onSort={noSort}
        scrollKey={JSON.stringify(input)}
        emptyText={Object.keys(filters).length > 0 ? t('complaints.empty') : t('complaints.emptyAll')}
      />
    </>
  );
}
