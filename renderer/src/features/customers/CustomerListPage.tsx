import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../../../shared/api/customers.ts';
import { canOwnCustomers, SCOPED_ROLES } from '../../../../shared/roles.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { onCustomersChanged } from '../../app/events.ts';
import { onAppReset } from '../../app/reset.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan, useSession } from '../../app/session.tsx';
import { formatNumber, formatShortDateTime } from '../../i18n/format.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { CustomerFilters } from './CustomerFilters.tsx';
import { GradeChip, StageChip } from './CustomerChips.tsx';
import { useFacets, useUsers } from './use-users.ts';
import { DEFAULT_DIRECTION, formatListQuery, parseListQuery, type ListQuery as Query, type Sort } from './list-query.ts';

const PAGE_SIZE = 50;
/** Every row has this height, so only the rows in view need to exist in the DOM (100k customers). */
const ROW_HEIGHT = 48;
const OVERSCAN = 10;

// The address holds the query (a reload keeps it); this remembers it for links back to the list
// that carry none (the navigation, "Back" on a customer), until sign-out or switching user.
let rememberedSearch = '';
onAppReset(() => {
  rememberedSearch = '';
});

type ListState = {
  rows: CustomerRow[];
  nextCursor: string | null;
  loading: boolean;
  /** The first page has arrived (so an empty list really is empty). */
  loaded: boolean;
  error: AppError | null;
};

const EMPTY: ListState = { rows: [], nextCursor: null, loading: true, loaded: false, error: null };

// Fixed widths that hold each column's longest short value (chips, dates, codes) in both languages;
// free text (names, industry, region, owner) is cut with an ellipsis and told whole by a tooltip.
const cellSx = { whiteSpace: 'nowrap', overflow: 'hidden', height: ROW_HEIGHT, boxSizing: 'border-box', py: 0, px: 1 } as const;
const headSx = { px: 1, whiteSpace: 'nowrap' } as const;

/** Stands in for the rows scrolled out of view; a row without a cell would collapse to nothing. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <TableRow aria-hidden>
      <TableCell colSpan={columns} sx={{ height, p: 0, border: 0 }} />
    </TableRow>
  );
}

export function CustomerListPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const canWrite = useCan('customers.write');
  const canDelete = useCan('customers.delete');
  const facets = useFacets();
  // Only people who can be responsible for customers (deactivated ones too: their customers stay theirs).
  const users = useUsers().filter((user) => canOwnCustomers(user.role));
  // Staff limited to their own customers have none without a responsible staff member.
  const scoped = session.settings.staffScope && SCOPED_ROLES.includes(session.user.role);
  const query = useMemo(() => parseListQuery(search ?? rememberedSearch), [search]);
  const setQuery = useCallback(
    (change: (current: Query) => Query) => navigate({ name: 'customers', query: formatListQuery(change(query)) }, { replace: true }),
    [query],
  );
  const [list, setList] = useState<ListState>(EMPTY);
  const [count, setCount] = useState<number | null>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const generation = useRef(0);
  const listRef = useRef(list);
  useLayoutEffect(() => {
    listRef.current = list;
  }, [list]);

  const containerRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLTableRowElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);

  useEffect(() => {
    rememberedSearch = formatListQuery(query);
    // Opened without a query (navigation, Back): show the remembered one in the address too.
    if (search === undefined && rememberedSearch !== '') navigate({ name: 'customers', query: rememberedSearch }, { replace: true });
  }, [query, search]);

  useEffect(() => onCustomersChanged(() => setReloadTick((n) => n + 1)), []);

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const ticket = generation.current;
      setList((prev) => ({ ...prev, loading: true, error: null }));
      const result = await invoke('customers.list', {
        ...query.filters,
        sort: query.sort,
        direction: query.direction,
        cursor,
        limit: PAGE_SIZE,
      });
      // A newer query started meanwhile: its rows must not mix with these.
      if (ticket !== generation.current) return;
      if (!result.ok) {
        logError(result.error);
        setList((prev) => ({ ...prev, loading: false, loaded: true, error: result.error }));
        return;
      }
      const page = result.value;
      setList((prev) => ({
        rows: cursor === null ? page.rows : [...prev.rows, ...page.rows],
        nextCursor: page.nextCursor,
        loading: false,
        loaded: true,
        error: null,
      }));
    },
    [query],
  );

  // A new query (or a change elsewhere): start again from the first page and recount.
  useEffect(() => {
    generation.current += 1;
    const ticket = generation.current;
    setList(EMPTY);
    setCount(null);
    containerRef.current?.scrollTo({ top: 0 });
    setScrollTop(0);
    void fetchPage(null);
    void invoke('customers.count', query.filters).then((result) => {
      if (ticket !== generation.current) return;
      if (result.ok) setCount(result.value.count);
      else logError(result.error);
    });
  }, [fetchPage, query.filters, reloadTick]);

  const loadMore = useCallback(() => {
    const current = listRef.current;
    if (current.loading || current.error || !current.nextCursor) return;
    void fetchPage(current.nextCursor);
  }, [fetchPage]);

  // The sentinel row after the last row asks for the next page as it comes near the viewport.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    const root = containerRef.current;
    if (!sentinel || !root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadMore();
      },
      { root, rootMargin: `${ROW_HEIGHT * 10}px 0px` },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [loadMore, list.rows.length, list.loading]);

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const sortBy = (sort: Sort) =>
    setQuery((q) => ({
      ...q,
      sort,
      direction: q.sort === sort ? (q.direction === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[sort],
    }));

  const sortHeader = (sort: Sort, label: string) => (
    <TableSortLabel
      active={query.sort === sort}
      direction={query.sort === sort ? query.direction : DEFAULT_DIRECTION[sort]}
      onClick={() => sortBy(sort)}
    >
      {label}
    </TableSortLabel>
  );

  const { rows } = list;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  const columns = 9;
  const hasFilters = Object.keys(query.filters).length > 0;

  const open = (id: number) => navigate({ name: 'customer', id });

  return (
    // The page fills the shell's page area (whatever banners take), and only the table scrolls.
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('customers.title')}
        </Typography>
        <Typography color="text.secondary" data-testid="customer-count" aria-live="polite">
          {count === null ? '' : t('customers.count', { count, formatted: formatNumber(count) })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canDelete ? (
          <Button startIcon={<DeleteOutlinedIcon />} href={hrefOf({ name: 'recycleBin' })}>
            {t('customers.recycleBin')}
          </Button>
        ) : null}
        {canWrite ? (
          <Tooltip title={t('customers.newShortcut')}>
            <Button
              variant="contained"
              startIcon={<AddIcon />}
              onClick={() => navigate({ name: 'customerNew' })}
              aria-keyshortcuts="Alt+N"
            >
              {t('customers.new')}
            </Button>
          </Tooltip>
        ) : null}
      </Stack>
      <CustomerFilters
        filters={query.filters}
        onChange={(filters) => setQuery((q) => ({ ...q, filters }))}
        facets={facets}
        users={users}
        offerNoOwner={!scoped}
      />
      {list.error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => setReloadTick((n) => n + 1)}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorMessage(t, list.error)}
        </Alert>
      ) : null}
      <TableContainer
        component={Paper}
        ref={containerRef}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        // No scroll anchoring: the browser would pin the sentinel row while pages are appended above it,
        // scrolling along with every page and loading the whole table.
        sx={{ flex: 1, minHeight: 240, overflow: 'auto', overflowAnchor: 'none' }}
      >
        <Table stickyHeader size="small" aria-label={t('customers.tableLabel')} sx={{ tableLayout: 'fixed', minWidth: 1050 }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ ...headSx, width: 92 }} sortDirection={query.sort === 'code' ? query.direction : false}>
                {sortHeader('code', t('customers.columns.code'))}
              </TableCell>
              <TableCell sx={headSx} sortDirection={query.sort === 'name' ? query.direction : false}>
                {sortHeader('name', t('customers.sorts.name'))}
              </TableCell>
              <TableCell sx={{ ...headSx, width: 104 }} sortDirection={query.sort === 'grade' ? query.direction : false}>
                {sortHeader('grade', t('customers.sorts.grade'))}
              </TableCell>
              <TableCell sx={{ ...headSx, width: 96 }} sortDirection={query.sort === 'stage' ? query.direction : false}>
                {sortHeader('stage', t('customers.columns.stage'))}
              </TableCell>
              <TableCell sx={{ ...headSx, width: 100 }}>{t('customer.industry')}</TableCell>
              <TableCell sx={{ ...headSx, width: 108 }} sortDirection={query.sort === 'region' ? query.direction : false}>
                {sortHeader('region', t('customer.region'))}
              </TableCell>
              <TableCell sx={{ ...headSx, width: 170 }}>{t('customer.phone')}</TableCell>
              <TableCell sx={{ ...headSx, width: 96 }}>{t('customers.columns.owner')}</TableCell>
              <TableCell sx={{ ...headSx, width: 152 }} sortDirection={query.sort === 'updated' ? query.direction : false}>
                {sortHeader('updated', t('customers.sorts.updated'))}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {first > 0 ? <Spacer height={first * ROW_HEIGHT} columns={columns} /> : null}
            {visible.map((row) => (
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
            ))}
            {last < rows.length ? <Spacer height={(rows.length - last) * ROW_HEIGHT} columns={columns} /> : null}
            <TableRow ref={sentinelRef} data-testid="list-sentinel">
              <TableCell colSpan={columns} sx={{ textAlign: 'center', color: 'text.secondary', borderBottom: 0 }}>
                {list.loading ? (
                  <Stack direction="row" spacing={1} sx={{ justifyContent: 'center', alignItems: 'center' }}>
                    <CircularProgress size={18} />
                    <span>{t('common.loadingMore')}</span>
                  </Stack>
                ) : list.nextCursor ? (
                  <Button onClick={loadMore}>{t('common.loadMore')}</Button>
                ) : list.loaded && rows.length === 0 ? (
                  hasFilters ? t('customers.empty') : t('customers.emptyAll')
                ) : list.loaded ? (
                  t('common.endOfList')
                ) : null}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
}
