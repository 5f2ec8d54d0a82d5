import { Button, CircularProgress, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../../../shared/api/customers.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatShortDateTime } from '../../i18n/format.ts';
import { GradeChip, StageChip } from './CustomerChips.tsx';
import { DEFAULT_DIRECTION, type ListQuery, type Sort } from './list-query.ts';

/** Every row has this height, so only the rows in view need to exist in the DOM (100k customers). */
const ROW_HEIGHT = 48;
const OVERSCAN = 10;
const COLUMNS = 9;

// Fixed widths that hold each column's longest short value (chips, dates, codes) in both languages;
// free text (names, industry, region, owner) is cut with an ellipsis and told whole by a tooltip.
const cellSx = { whiteSpace: 'nowrap', overflow: 'hidden', height: ROW_HEIGHT, boxSizing: 'border-box', py: 0, px: 1 } as const;
const headSx = { px: 1, whiteSpace: 'nowrap' } as const;

/** Stands in for the rows scrolled out of view; a row without a cell would collapse to nothing. */
function Spacer({ height }: { height: number }) {
  return (
    <TableRow aria-hidden>
      <TableCell colSpan={COLUMNS} sx={{ height, p: 0, border: 0 }} />
    </TableRow>
  );
}

type Props = {
  rows: CustomerRow[];
  query: ListQuery;
  onSort: (sort: Sort) => void;
  /** The next page: asked for as the end of the loaded rows comes near the viewport. */
  hasMore: boolean;
  loadingMore: boolean;
  /** The first page has arrived (so an empty list really is empty). */
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

/**
 * The customer table, virtualised: only the rows near the viewport are in the DOM, fed page by page
 * from the core's keyset paging. Rows are reachable by Tab and open with Enter.
 */
export function CustomerTable({ rows, query, onSort, hasMore, loadingMore, loaded, failed, loadMore, emptyText }: Props) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => containerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  // A new query starts at the top.
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    containerRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  // Near the end of what is loaded (or nothing shown yet fills the view): the next page.
  useEffect(() => {
    if (hasMore && !loadingMore && !failed && lastShown >= rows.length - OVERSCAN) loadMore();
  }, [hasMore, loadingMore, failed, lastShown, rows.length, loadMore]);

  const sortHeader = (sort: Sort, label: string) => (
    <TableSortLabel active={query.sort === sort} direction={query.sort === sort ? query.direction : DEFAULT_DIRECTION[sort]} onClick={() => onSort(sort)}>
      {label}
    </TableSortLabel>
  );
  const sortDirection = (sort: Sort) => (query.sort === sort ? query.direction : false);
  const open = (id: number) => navigate({ name: 'customer', id });

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <TableContainer
      component={Paper}
      ref={containerRef}
      // No scroll anchoring: the browser would pin the last row while pages are appended above it,
      // scrolling along with every page and loading the whole table.
      sx={{ flex: 1, minHeight: 240, overflow: 'auto', overflowAnchor: 'none' }}
    >
      <Table stickyHeader size="small" aria-label={t('customers.tableLabel')} sx={{ tableLayout: 'fixed', minWidth: 1050 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ ...headSx, width: 92 }} sortDirection={sortDirection('code')}>
              {sortHeader('code', t('customers.columns.code'))}
            </TableCell>
            <TableCell sx={headSx} sortDirection={sortDirection('name')}>
              {sortHeader('name', t('customers.sorts.name'))}
            </TableCell>
            <TableCell sx={{ ...headSx, width: 104 }} sortDirection={sortDirection('grade')}>
              {sortHeader('grade', t('customers.sorts.grade'))}
            </TableCell>
            <TableCell sx={{ ...headSx, width: 96 }} sortDirection={sortDirection('stage')}>
              {sortHeader('stage', t('customers.columns.stage'))}
            </TableCell>
            <TableCell sx={{ ...headSx, width: 100 }}>{t('customer.industry')}</TableCell>
            <TableCell sx={{ ...headSx, width: 108 }} sortDirection={sortDirection('region')}>
              {sortHeader('region', t('customer.region'))}
            </TableCell>
            <TableCell sx={{ ...headSx, width: 170 }}>{t('customer.phone')}</TableCell>
            <TableCell sx={{ ...headSx, width: 96 }}>{t('customers.columns.owner')}</TableCell>
            <TableCell sx={{ ...headSx, width: 152 }} sortDirection={sortDirection('updated')}>
              {sortHeader('updated', t('customers.sorts.updated'))}
            </TableCell>
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
                data-customer-id={row.id}
              >
                <TableCell sx={cellSx}>{row.code}</TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.name}>
                    <Link href={hrefOf({ name: 'customer', id: row.id })} underline="hover" onClick={(e) => e.stopPropagation()}>
                      {row.name}
                    </Link>
                  </OverflowText>
                </TableCell>
                <TableCell sx={cellSx}>
                  <GradeChip grade={row.grade} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <StageChip stage={row.stage} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.industry} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.region} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.phone} />
                </TableCell>
                <TableCell sx={cellSx}>
                  <OverflowText text={row.ownerName ?? ''} />
                </TableCell>
                <TableCell sx={cellSx}>{formatShortDateTime(row.updatedAt)}</TableCell>
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
