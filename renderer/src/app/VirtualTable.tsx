import { Button, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Every row has this height, so only the rows in view need to exist in the DOM (100k customers). */
const ROW_HEIGHT = 48;
const OVERSCAN = 10;

// Free text in a cell is cut with an ellipsis (the caller's OverflowText tells it whole by a tooltip).
const cellSx = { whiteSpace: 'nowrap', overflow: 'hidden', height: ROW_HEIGHT, boxSizing: 'border-box', py: 0, px: 1 } as const;
const headSx = { px: 1, whiteSpace: 'nowrap' } as const;

export type Direction = 'asc' | 'desc';

export type Column<Row, Sort extends string> = {
  /** The header's text, also the column header's accessible name. */
  label: string;
  /** A fixed width that holds the column's longest short value in both languages; none: the column takes the rest. */
  width?: number;
  /** Sortable columns name their sort; clicking the header asks for it. */
  sort?: Sort;
  align?: 'right';
  cell: (row: Row) => ReactNode;
};

export type VirtualTableProps<Row, Sort extends string> = {
  /** The table's accessible name. */
  label: string;
  /** Below this width the table scrolls sideways rather than squeeze its fixed columns. */
  minWidth: number;
  columns: Column<Row, Sort>[];
  rows: Row[];
  getRowKey: (row: Row) => number;
  /** Each row carries its key in this attribute (tests and the layout checks find rows by it). */
  rowKeyAttribute: `data-${string}`;
  onOpen: (row: Row) => void;
  sort: Sort;
  direction: Direction;
  /** The direction a column starts in when first clicked. */
  defaultDirection: Record<Sort, Direction>;
  onSort: (sort: Sort) => void;
  /** A new value (a new query) scrolls back to the top. */
  scrollKey: string;
  /** The next page: asked for as the end of the loaded rows comes near the viewport. */
  hasMore: boolean;
  loadingMore: boolean;
  /** The first page has arrived (so an empty list really is empty). */
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

/** Stands in for the rows scrolled out of view; a row without a cell would collapse to nothing. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <TableRow aria-hidden>
      <TableCell colSpan={columns} sx={{ height, p: 0, border: 0 }} />
    </TableRow>
  );
}

/**
 * A list's table, virtualised: only the rows near the viewport are in the DOM, fed page by page
 * from the core's keyset paging. Rows are reachable by Tab and open with Enter (or a click).
 */
export function VirtualTable<Row, Sort extends string>(props: VirtualTableProps<Row, Sort>) {
  const { columns, rows, getRowKey, rowKeyAttribute, onOpen, sort, direction, defaultDirection, onSort, scrollKey } = props;
  const { hasMore, loadingMore, loaded, failed, loadMore, emptyText } = props;
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => containerRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    containerRef.current?.scrollTo({ top: 0 });
  }, [scrollKey]);

  // Near the end of what is loaded (or nothing shown yet fills the view): the next page.
  useEffect(() => {
    if (hasMore && !loadingMore && !failed && lastShown >= rows.length - OVERSCAN) loadMore();
  }, [hasMore, loadingMore, failed, lastShown, rows.length, loadMore]);

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
      <Table stickyHeader size="small" aria-label={props.label} sx={{ tableLayout: 'fixed', minWidth: props.minWidth }}>
        <TableHead>
          <TableRow>
            {columns.map((column, i) => {
              const active = column.sort !== undefined && column.sort === sort;
              return (
                <TableCell key={i} sx={{ ...headSx, width: column.width }} align={column.align} sortDirection={active ? direction : false}>
                  {column.sort === undefined ? (
                    column.label
                  ) : (
                    <TableSortLabel active={active} direction={active ? direction : defaultDirection[column.sort]} onClick={() => column.sort && onSort(column.sort)}>
                      {column.label}
                    </TableSortLabel>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {before > 0 ? <Spacer height={before} columns={columns.length} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const key = getRowKey(row);
            return (
              <TableRow
                key={key}
                hover
                tabIndex={0}
                onClick={() => onOpen(row)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(row);
                }}
                sx={{ height: ROW_HEIGHT, cursor: 'pointer' }}
                {...{ [rowKeyAttribute]: key }}
              >
                {columns.map((column, i) => (
                  <TableCell key={i} sx={cellSx} align={column.align}>
                    {column.cell(row)}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
          {after > 0 ? <Spacer height={after} columns={columns.length} /> : null}
          <TableRow data-testid="list-sentinel">
            <TableCell colSpan={columns.length} sx={{ textAlign: 'center', color: 'text.secondary', borderBottom: 0 }}>
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
