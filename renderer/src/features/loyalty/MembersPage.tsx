import { Box, Button, FormControlLabel, Link, Stack, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberRow } from '../../../../shared/api/loyalty.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { PagedTable } from '../../app/PagedTable.tsx';
import type { Column } from '../../app/VirtualTable.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { formatMemberQuery, memberInput, parseMemberQuery, type MemberFilters } from './members-query.ts';
import { useLoyaltyPages } from './use-loyalty-pages.ts';

const PAGE_SIZE = 50;
/** How long typing pauses before the list is asked again. */
const SETTLE_MS = 300;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const remembered = listMemory((query) => ({ name: 'loyalty', query }));

// One order, the core's (highest balance first): no column sorts.
type NoSort = 'balance';
const CORE_ORDER = { balance: 'desc' } as const;
const noSort = () => undefined;

/** 会员积分: the programme's members the caller sees (scoped by the core), highest balance first. */
export function MembersPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [filters, setFilters] = useListQuery<MemberFilters>(remembered, search, parseMemberQuery, formatMemberQuery);
  const setFilter = <K extends keyof MemberFilters>(key: K, value: MemberFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const input = { ...memberInput(filters), limit: PAGE_SIZE };
  const list = useLoyaltyPages('loyalty.members', input);
  const tiers = list.data?.pages[0]?.tiers ?? [];

  const columns: Column<MemberRow, NoSort>[] = [
    {
      label: t('loyalty.columns.customer'),
      cell: (row) => (
        <OverflowText text={`${row.customerName} ${row.customerCode}`}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('loyalty.columns.tier'), width: 130, cell: (row) => <OverflowText text={row.tierName} /> },
    { label: t('loyalty.columns.balance'), width: 120, align: 'right', cell: (row) => formatNumber(row.balance) },
    { label: t('loyalty.columns.qualifying'), width: 150, align: 'right', cell: (row) => formatNumber(row.qualifying) },
    { label: t('loyalty.columns.expiring'), width: 170, align: 'right', cell: (row) => (row.expiringNextMonth > 0 ? formatNumber(row.expiringNextMonth) : '') },
    { label: t('loyalty.columns.joined'), width: 120, cell: (row) => formatDay(row.joinedOn, language) },
  ];

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Typography variant="h5" component="h1">
        {t('loyalty.title')}
      </Typography>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('loyalty.filters')}>
        <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width: 180 }} label={t('loyalty.tier')} value={filters.tier ?? ''} onChange={(e) => setFilter('tier', e.target.value)}>
          <option value="">{t('loyalty.anyTier')}</option>
          {tiers.map((tier) => (
            <option key={tier.key} value={tier.key}>
              {tier.name}
            </option>
          ))}
        </TextField>
        <FormControlLabel
          control={<Switch checked={filters.expiringNextMonth === true} onChange={(e) => setFilter('expiringNextMonth', e.target.checked ? true : undefined)} />}
          label={t('loyalty.expiringFilter')}
        />
        <SearchBox value={filters.q ?? ''} onChange={(q) => setFilter('q', q.trim())} />
        {Object.keys(filters).length > 0 ? (
          <Button size="small" onClick={() => setFilters(() => ({}))}>
            {t('loyalty.clearFilters')}
          </Button>
        ) : null}
      </Stack>
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <PagedTable
          list={list}
          label={t('loyalty.tableLabel')}
          minWidth={900}
          columns={columns}
          getRowKey={(row) => row.customerId}
          rowKeyAttribute="data-member-id"
          onOpen={(row) => navigate({ name: 'customer', id: row.customerId })}
          sort="balance"
          direction="desc"
          defaultDirection={CORE_ORDER}
          onSort={noSort}
          scrollKey={JSON.stringify(input)}
          emptyText={Object.keys(filters).length > 0 ? t('loyalty.empty') : t('loyalty.emptyAll')}
        />
      </Box>
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
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <TextField
      size="small"
      type="search"
      sx={{ width: 240 }}
      label={t('loyalty.q')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onChange(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(text);
      }}
    />
  );
}
