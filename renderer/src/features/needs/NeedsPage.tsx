import { Button, FormControlLabel, Link, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../../../shared/contract-status.ts';
import { NEED_KINDS, NEED_STATUSES, type Need } from '../../../../shared/api/needs.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { PagedTable } from '../../app/PagedTable.tsx';
import type { Column } from '../../app/VirtualTable.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { formatNeedQuery, needFilters, parseNeedQuery, quarterOf, type NeedListFilters } from './list-query.ts';
import { needSpecifics } from './need-format.ts';
import { useNeedPages } from './use-need-pages.ts';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;
const remembered = listMemory((query) => ({ name: 'needs', query }));

// One order, the core's (newest noted first): no column sorts.
type NoSort = 'notedAt';
const CORE_ORDER = { notedAt: 'desc' } as const;
const noSort = () => undefined;

type Period = '' | 'thisQuarter' | 'nextQuarter' | 'custom';

/** Which preset the period filter is, if any. */
function periodOf(filters: NeedListFilters, today: string): Period {
  if (!filters.from && !filters.to) return '';
  for (const [name, offset] of [['thisQuarter', 0], ['nextQuarter', 1]] as const) {
    const q = quarterOf(today, offset);
    if (filters.from === q.from && filters.to === q.to) return name;
  }
  return 'custom';
}

/**
 * The needs of the customers the caller sees, newest noted first, filtered by catalogue item,
 * kind, status, the needed-by period and the responsible staff member: "who needs a maintenance
 * contract this quarter?". The count above the list is needs.count for the same filters.
 */
export function NeedsPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const canDelete = useCan('customers.delete');
  // The catalogue is read by those who may write (catalogue.list: customers.write); the others find an item by its name in the text box.
  const canReadCatalogue = useCan('customers.write');
  const users = useUsers();
  const [today] = useState(() => localDay(Date.now()));
  const [filters, setFilters] = useListQuery<NeedListFilters>(remembered, search, parseNeedQuery, formatNeedQuery);
  const setFilter = <K extends keyof NeedListFilters>(key: K, value: NeedListFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const [customPeriod, setCustomPeriod] = useState(false);
  const period = customPeriod && periodOf(filters, today) === '' ? 'custom' : periodOf(filters, today);
  const setPeriod = (value: Period) => {
    setCustomPeriod(value === 'custom');
    if (value === 'custom') return;
    setFilters((current) => {
      const next = { ...current };
      delete next.from;
      delete next.to;
      if (value === '') return next;
      const q = quarterOf(today, value === 'thisQuarter' ? 0 : 1);
      return { ...next, from: q.from, to: q.to };
    });
  };
  const catalogue = useCoreQuery('catalogue.list', { includeInactive: true }, { enabled: canReadCatalogue });
  const items = (catalogue.data?.rows ?? []).filter((item) => item.active || item.id === filters.itemId);
  const customer = useCoreQuery('customers.get', { id: filters.customerId ?? 0 }, { enabled: filters.customerId !== undefined });
  const customerValue = filters.customerId !== undefined && customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
  const select = (label: string, width: number, value: string, onChange: (value: string) => void, options: { value: string; label: string }[], anyLabel = t('needs.any')) => (
    <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width }} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{anyLabel}</option>
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
          {t('needs.title')}
        </Typography>
      </Stack>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('needs.filters')}>
        {canReadCatalogue
          ? select(
              t('need.item'),
              200,
              filters.itemId === undefined ? '' : String(filters.itemId),
              (v) => setFilter('itemId', v === '' ? undefined : Number(v)),
              items.map((item) => ({ value: String(item.id), label: item.name })),
            )
          : null}
        {select(t('need.status'), 120, filters.status ?? '', (v) => setFilter('status', NEED_STATUSES.find((s) => s === v)), NEED_STATUSES.map((s) => ({ value: s, label: t(`need.statuses.${s}`) })))}
        {select(t('need.kind'), 150, filters.kind ?? '', (v) => setFilter('kind', NEED_KINDS.find((k) => k === v)), NEED_KINDS.map((k) => ({ value: k, label: t(`need.kinds.${k}`) })))}
        {select(
          t('needs.period'),
          160,
          period,
          (v) => setPeriod(v as Period), // the options are the Period values
          (['thisQuarter', 'nextQuarter', 'custom'] as const).map((p) => ({ value: p, label: t(`needs.periods.${p}`) })),
        )}
        {period === 'custom' ? (
          <>
            <TextField size="small" type="date" slotProps={SHRINK} sx={{ width: 160 }} label={t('needs.from')} value={filters.from ?? ''} onChange={(e) => setFilter('from', e.target.value)} />
            <TextField size="small" type="date" slotProps={SHRINK} sx={{ width: 160 }} label={t('needs.to')} value={filters.to ?? ''} onChange={(e) => setFilter('to', e.target.value)} />
          </>
        ) : null}
        {select(
          t('need.owner'),
          130,
          filters.ownerId === undefined ? '' : String(filters.ownerId),
          (v) => setFilter('ownerId', v === '' ? undefined : Number(v)),
          users.map((u) => ({ value: String(u.id), label: u.displayName || u.username })),
        )}
        <CustomerPicker size="small" sx={{ width: 220 }} label={t('need.customer')} value={customerValue} onChange={(c) => setFilter('customerId', c?.id)} />
        <SearchBox value={filters.q ?? ''} onChange={(q) => setFilter('q', q.trim())} />
        {canDelete ? (
          <FormControlLabel control={<Switch checked={filters.deleted === true} onChange={(e) => setFilter('deleted', e.target.checked ? true : undefined)} />} label={t('needs.recycleBin')} />
        ) : null}
        {Object.keys(filters).length > 0 ? (
          <Button
            size="small"
            onClick={() => {
              setCustomPeriod(false);
              setFilters(() => ({}));
            }}
          >
            {t('needs.clearFilters')}
          </Button>
        ) : null}
      </Stack>
      <NeedCountBar filters={filters} />
      <NeedList filters={filters} />
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
      sx={{ width: 180 }}
      label={t('needs.q')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onChange(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(text);
      }}
    />
  );
}

function NeedCountBar({ filters }: { filters: NeedListFilters }) {
  const { t } = useTranslation();
  const count = useCoreQuery('needs.count', needFilters(filters));
  if (!count.data) return null;
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1 }} data-testid="needs-count">
      <Typography sx={{ fontWeight: 600 }} data-count={count.data.count}>
        {t('needs.count', { count: count.data.count, formatted: formatNumber(count.data.count) })}
      </Typography>
    </Paper>
  );
}

function NeedList({ filters }: { filters: NeedListFilters }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const language = currentLanguage();
  const input = { ...needFilters(filters), limit: PAGE_SIZE };
  const list = useNeedPages(input);
  // Fixed widths hold each column's longest short value in both languages; free text is cut with an
  // ellipsis and told whole by a tooltip.
  const columns: Column<Need, NoSort>[] = [
    {
      label: t('need.customer'),
      width: 200,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('need.kind'), width: 130, cell: (row) => t(`need.kinds.${row.kind}`) },
    {
      label: t('need.title'),
      cell: (row) => {
        const specifics = needSpecifics(t, row, language);
        return <OverflowText text={specifics ? `${row.title} · ${specifics}` : row.title} />;
      },
    },
    { label: t('need.item'), width: 160, cell: (row) => <OverflowText text={row.itemName ?? ''} /> },
    { label: t('need.neededBy'), width: 130, cell: (row) => (row.neededBy ? formatDay(row.neededBy, language) : '') },
    { label: t('need.status'), width: 90, cell: (row) => t(`need.statuses.${row.status}`) },
    { label: t('need.owner'), width: 110, cell: (row) => <OverflowText text={row.ownerName ?? ''} /> },
  ];
  // The recycle bin's rows are restored from here (the customer's page shows live needs only).
  if (filters.deleted) {
    columns.push({
      label: '',
      width: 110,
      cell: (row) =>
        row.actions.restore ? (
          <Button
            size="small"
            onClick={(e) => {
              e.stopPropagation();
              void call('needs.restore', { id: row.id }).then(
                () => {
                  dataChanged();
                  notify({ message: t('needs.restored') });
                },
                (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
              );
            }}
          >
            {t('needs.restore')}
          </Button>
        ) : null,
    });
  }
  return (
    <>
      <PagedTable
        list={list}
          label={t('needs.tableLabel')}
          minWidth={1000}
          columns={columns}
          getRowKey={(row) => row.id}
          rowKeyAttribute="data-need-id"
          onOpen={(row) => navigate({ name: 'customer', id: row.customerId })}
          sort="notedAt"
          direction="desc"
          defaultDirection={CORE_ORDER}
          onSort={noSort}
          scrollKey={JSON.stringify(input)}
          emptyText={filters.deleted ? t('needs.emptyBin') : Object.keys(filters).length > 0 ? t('needs.empty') : t('needs.emptyAll')}
      />
    </>
  );
}
