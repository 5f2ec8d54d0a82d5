import { Box, Button, Chip, FormControlLabel, Link, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES } from '../../../../shared/api/customers.ts';
import type { SaleFiltersInput, SaleRow } from '../../../../shared/api/sales.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { PagedTable } from '../../app/PagedTable.tsx';
import type { Column } from '../../app/VirtualTable.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { CURRENCIES, formatDay, formatMoney } from '../contracts/money.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { ExportButton } from '../exports/ExportButton.tsx';
import { ImportButton } from '../imports/ImportButton.tsx';
import { useUsers } from '../customers/use-users.ts';
import { formatSaleQuery, parseSaleQuery, type SaleListFilters } from './list-query.ts';
import { SaleDialog } from './SaleDialog.tsx';
import { useSalePages } from './use-sale-pages.ts';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;
const remembered = listMemory((query) => ({ name: 'sales', query }));

// One order, the core's (newest first): no column sorts.
type NoSort = 'soldOn';
const CORE_ORDER = { soldOn: 'desc' } as const;
const noSort = () => undefined;

/** The filters as the core takes them (the list's and the count's: the dashboard's figure is this count). */
export function saleFilters(filters: SaleListFilters): SaleFiltersInput {
  return { ...filters };
}

/** The shop's sales the caller sees, newest first, with how many the filters hold and their totals per currency. */
export function SalesPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const canDelete = useCan('customers.delete');
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const [filters, setFilters] = useListQuery<SaleListFilters>(remembered, search, parseSaleQuery, formatSaleQuery);
  const setFilter = <K extends keyof SaleListFilters>(key: K, value: SaleListFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const customer = useCoreQuery('customers.get', { id: filters.customerId ?? 0 }, { enabled: filters.customerId !== undefined });
  const customerValue = filters.customerId !== undefined && customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
  const owner = filters.ownerId !== undefined ? users.find((u) => u.id === filters.ownerId) : undefined;
  const select = (label: string, width: number, value: string, onChange: (value: string) => void, options: { value: string; label: string }[]) => (
    <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width }} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('sales.any')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
  const currencies = [...new Set([...CURRENCIES, ...(filters.currency ? [filters.currency] : [])])];

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('sales.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <ImportButton kind="sales" />
        <ExportButton entity="sales" filter={saleFilters(filters)} />
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            {t('sales.new')}
          </Button>
        ) : null}
      </Stack>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('sales.filters')}>
        <CustomerPicker size="small" sx={{ width: 240 }} label={t('sale.customer')} value={customerValue} onChange={(c) => setFilter('customerId', c?.id)} />
        <TextField size="small" type="month" slotProps={SHRINK} sx={{ width: 170 }} label={t('sales.month')} value={filters.month ?? ''} onChange={(e) => setFilter('month', e.target.value)} />
        <TextField size="small" type="date" slotProps={SHRINK} sx={{ width: 160 }} label={t('sales.from')} value={filters.from ?? ''} onChange={(e) => setFilter('from', e.target.value)} />
        <TextField size="small" type="date" slotProps={SHRINK} sx={{ width: 160 }} label={t('sales.to')} value={filters.to ?? ''} onChange={(e) => setFilter('to', e.target.value)} />
        {select(t('sales.grade'), 130, filters.grade ?? '', (v) => setFilter('grade', GRADES.find((g) => g === v)), GRADES.map((g) => ({ value: g, label: t(`customer.grades.${g}`) })))}
        {select(
          t('sale.staff'),
          140,
          filters.staffId === undefined ? '' : String(filters.staffId),
          (v) => setFilter('staffId', v === '' ? undefined : Number(v)),
          users.map((u) => ({ value: String(u.id), label: u.displayName || u.username })),
        )}
        {select(t('sale.currency'), 110, filters.currency ?? '', (v) => setFilter('currency', v), currencies.map((c) => ({ value: c, label: c })))}
        <SearchBox value={filters.q ?? ''} onChange={(q) => setFilter('q', q.trim())} />
        {filters.ownerId !== undefined ? (
          <Chip label={t('sales.ownerFilter', { name: owner ? owner.displayName || owner.username : `#${filters.ownerId}` })} onDelete={() => setFilter('ownerId', undefined)} />
        ) : null}
        {filters.contractId !== undefined ? <Chip label={t('sales.contractFilter')} onDelete={() => setFilter('contractId', undefined)} /> : null}
        {canDelete ? (
          <FormControlLabel control={<Switch checked={filters.deleted === true} onChange={(e) => setFilter('deleted', e.target.checked ? true : undefined)} />} label={t('sales.recycleBin')} />
        ) : null}
        {Object.keys(filters).length > 0 ? (
          <Button size="small" onClick={() => setFilters(() => ({}))}>
            {t('sales.clearFilters')}
          </Button>
        ) : null}
      </Stack>
      <SaleCountBar filters={filters} />
      <SaleList filters={filters} />
      {adding ? <SaleDialog onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

/** Searches as the user pauses typing (Enter at once): one request per settled text, not per key. */
function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The address changed under us (Clear filters, Back): show its text.
    setShown(value);
    setText(value);
  }
  return (
    <TextField
      size="small"
      type="search"
      sx={{ width: 200 }}
      label={t('sales.q')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onChange(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(text);
      }}
    />
  );
}

/** How many sales the filters hold and their totals, one per currency (never added across currencies). */
function SaleCountBar({ filters }: { filters: SaleListFilters }) {
  const { t } = useTranslation();
  const count = useCoreQuery('sales.count', saleFilters(filters));
  const language = currentLanguage();
  if (!count.data) return null;
  const { totals } = count.data;
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'baseline' }} data-testid="sales-count">
      <Typography sx={{ fontWeight: 600 }} data-count={count.data.count}>
        {t('sales.count', { count: count.data.count, formatted: formatNumber(count.data.count) })}
      </Typography>
      {totals.map((total) => (
        <Typography key={total.currency} color="text.secondary" data-currency={total.currency} data-total-minor={total.totalMinor}>
          {formatMoney(total.totalMinor, total.currency, language)}
        </Typography>
      ))}
    </Paper>
  );
}

function SaleList({ filters }: { filters: SaleListFilters }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const input = { ...saleFilters(filters), limit: PAGE_SIZE };
  const list = useSalePages(input);
  // Fixed widths hold each column's longest short value in both languages; free text is cut with an
  // ellipsis and told whole by a tooltip.
  const columns: Column<SaleRow, NoSort>[] = [
    { label: t('sale.soldOn'), width: 120, cell: (row) => formatDay(row.soldOn, language) },
    {
      label: t('sale.customer'),
      width: 240,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('sales.columns.summary'), cell: (row) => <OverflowText text={row.lineCount > 1 ? t('sales.summary', { summary: row.summary, count: row.lineCount }) : row.summary} /> },
    { label: t('sale.total'), width: 150, align: 'right', cell: (row) => formatMoney(row.totalMinor, row.currency, language) },
    { label: t('sale.staff'), width: 120, cell: (row) => <OverflowText text={row.staffName ?? ''} /> },
  ];
  return (
    <>
      <PagedTable
        list={list}
        label={t('sales.tableLabel')}
        minWidth={900}
        columns={columns}
        getRowKey={(row) => row.id}
        rowKeyAttribute="data-sale-id"
        onOpen={(row) => navigate({ name: 'sale', id: row.id })}
        sort="soldOn"
        direction="desc"
        defaultDirection={CORE_ORDER}
        onSort={noSort}
        scrollKey={JSON.stringify(input)}
        emptyText={filters.deleted ? t('sales.emptyBin') : Object.keys(filters).length > 0 ? t('sales.empty') : t('sales.emptyAll')}
      />
    </>
  );
}
