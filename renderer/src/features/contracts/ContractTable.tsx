import { Button, CircularProgress, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractRow, ContractSort } from '../../../../shared/api/contracts.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ContractStatusChip } from './ContractChips.tsx';
import { DEFAULT_DIRECTION, type ContractListQuery } from './list-query.ts';
import { formatDay, formatMoney } from './money.ts';

/** Every row has this height, so only the rows in view need to exist in the DOM. */
const ROW_HEIGHT = 48;
const OVERSCAN = 10;
const COLUMNS = 9;

// Fixed widths hold each column's longest short value (numbers, dates, chips, amounts) in both
// languages; free text (title, customer, owner) is cut with an ellipsis and told whole by a tooltip.
const cellSx = { whiteSpace: 'nowrap', overflow: 'hidden', height: ROW_HEIGHT, boxSizing: 'border-box', py: 0, px: 1 } as const;
const headSx = { px: 1, whiteSpace: 'nowrap' } as const;

function Spacer({ height }: { height: number }) {
  return (
    <TableRow aria-hidden>
      <TableCell colSpan={COLUMNS} sx={{ height, p: 0, border: 0 }} />
    </TableRow>
  );
}

type Props = {
  rows: ContractRow[];
  query: ContractListQuery;
  onSort: (sort: ContractSort) => void;
  hasMore: boolean;
  loadingMore: boolean;
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

/** The contract table, virtualised and fed page by page from the core's keyset paging; rows open with Enter. */
export function ContractTable({ rows, query, onSort, hasMore, loadingMore, loaded, failed, loadMore, emptyText }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const containerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => containerRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  const queryKey = JSON.stringify(query);
  useEffect(() => {
    containerRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  useEffect(() => {
    if (hasMore && !loadingMore && !failed && lastShown >= rows.length - OVERSCAN) loadMore();
  }, [hasMore, loadingMore, failed, lastShown, rows.length, loadMore]);

  const head = (label: string, width: number | undefined, sort?: ContractSort, align: 'left' | 'right' = 'left') => (
    <TableCell sx={{ ...headSx, width }} align={align} sortDirection={sort && query.sort === sort ? query.direction : false}>
      {sort ? (
        <TableSortLabel active={query.sort === sort} direction={query.sort === sort ? query.direction : DEFAULT_DIRECTION[sort]} onClick={() => onSort(sort)}>
          {label}
        </TableSortLabel>
      ) : (
        label
      )}
    </TableCell>
  );
  const open = (id: number) => navigate({ name: 'contract', id });
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <TableContainer component={Paper} ref={containerRef} sx={{ flex: 1, minHeight: 240, overflow: 'auto', overflowAnchor: 'none' }}>
      <Table stickyHeader size="small" aria-label={t('contracts.tableLabel')} sx={{ tableLayout: 'fixed', minWidth: 1060 }}>
        <TableHead>
          <TableRow>
            {head(t('contracts.columns.number'), 124, 'number')}
            {head(t('contract.title'), undefined)}
            {head(t('contract.customer'), 170)}
            {head(t('contract.type'), 96)}
            {head(t('contract.amount'), 136, 'amount', 'right')}
            {head(t('contract.signedOn'), 108, 'signed')}
            {head(t('contract.endOn'), 108, 'end')}
            {head(t('contract.status'), 96)}
            {head(t('contract.owner'), 100)}
          </TableRow>
        </TableHead>
        <TableBody>
          {before > 0 ? <Spacer height={before} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <TableRow
                key={row.id}
                hover
                tabIndex={0}
                onClick={() => open(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') open(row.id);
                }}
                sx={{ height: ROW_HEIGHT, cursor: 'pointer' }}
                data-contract-id={row.id}
              >
                <TableCell sx={cellSx}>
                  <OverflowText text={row.number}>
                    <Link href={hrefOf({ name: 'contract', id: row.id })} underline="hover" onClick={(e) => e.stopPropagation()}>
                      {row.number}
                    </Link>
                  </OverflowText>
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.title} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.customerName} />
                </TableCell>
                <TableCell sx={cellSx}>{t(`contract.types.${row.type}`)}</TableCell>
                <TableCell sx={cellSx} align="right">
                  {row.amount === null ? '' : <OverflowText text={formatMoney(row.amount, row.currency, language)} />}
                </TableCell>
                <TableCell sx={cellSx}>{row.signedOn ? formatDay(row.signedOn, language) : ''}</TableCell>
                <TableCell sx={cellSx}>{row.endOn ? formatDay(row.endOn, language) : ''}</TableCell>
                <TableCell sx={cellSx}>
                  <ContractStatusChip status={row.status} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.ownerName ?? ''} />
                </TableCell>
              </TableRow>
            );
          })}
          {after > 0 ? <Spacer height={after} /> : null}
          <TableRow data-testid="list-sentinel">
            <TableCell colSpan={COLUMNS} sx={{ textAlign: 'center', color: 'text.secondary', borderBottom: 0 }}>
              {loadingMore ? (
                <Stack direction="row" spacing={1} sx={{ justifyContent: 'center', alignItems: 'center' }}>
                  <CircularProgress size={18} />
                  <span>{t('common.loadingMore')}</span>
                </Stack>
              ) : hasMore ? (
                <Button onClick={loadMore}>{t('common.loadMore')}</Button>
              ) : loaded && rows.length === 0 ? (
                emptyText
              ) : loaded ? (
                t('common.endOfList')
              ) : null}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </TableContainer>
  );
}
