import { Alert, Box, Button, Stack, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { canOwnCustomers, SCOPED_ROLES } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { useCoreQuery, usePagedQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan, useSession } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { ExportButton } from '../exports/ExportButton.tsx';
import { ImportButton } from '../imports/ImportButton.tsx';
import { CustomerFilters } from './CustomerFilters.tsx';
import { CustomerTable } from './CustomerTable.tsx';
import { useFacets, useUsers } from './use-users.ts';
import { DEFAULT_DIRECTION, formatListQuery, parseListQuery, type ListQuery as Query, type Sort } from './list-query.ts';

const PAGE_SIZE = 50;

// The address holds the query (a reload keeps it); this remembers it for links back to the list
// that carry none (the navigation, "Back" on a customer), until sign-out or switching user.
const remembered = listMemory((query) => ({ name: 'customers', query }));

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
  const [query, setQuery] = useListQuery<Query>(remembered, search, parseListQuery, formatListQuery);

  // Filtered and sorted in the core, one keyset page at a time; the count beside the title.
  const list = usePagedQuery('customers.list', { ...query.filters, sort: query.sort, direction: query.direction, limit: PAGE_SIZE });
  const count = useCoreQuery('customers.count', query.filters);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const sortBy = (sort: Sort) =>
    setQuery((q) => ({
      ...q,
      sort,
      direction: q.sort === sort ? (q.direction === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[sort],
    }));

  const hasFilters = Object.keys(query.filters).length > 0;

  return (
    // The page fills the shell's page area (whatever banners take), and only the table scrolls.
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('customers.title')}
        </Typography>
        <Typography color="text.secondary" data-testid="customer-count" aria-live="polite">
          {count.data === undefined ? '' : t('customers.count', { count: count.data.count, formatted: formatNumber(count.data.count) })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <ImportButton kind="customers" />
        <Button startIcon={<ContentCopyIcon />} href={hrefOf({ name: 'duplicates' })}>
          {t('duplicates.button')}
        </Button>
        <ExportButton entity="customers" filter={{ ...query.filters, sort: query.sort, direction: query.direction }} count={count.data?.count ?? null} />
        {canDelete ? (
          <Button startIcon={<DeleteOutlinedIcon />} href={hrefOf({ name: 'recycleBin' })}>
            {t('customers.recycleBin')}
          </Button>
        ) : null}
        {canWrite ? (
          <Tooltip title={t('customers.newShortcut')}>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => navigate({ name: 'customerNew' })} aria-keyshortcuts="Alt+N">
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
            <Button color="inherit" onClick={() => void (isFetchNextPageError ? fetchNextPage() : list.refetch())}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorMessage(t, list.error)}
        </Alert>
      ) : null}
      <CustomerTable
        rows={list.rows}
        query={query}
        onSort={sortBy}
        hasMore={hasNextPage}
        loadingMore={(list.isPending && list.isFetching) || isFetchingNextPage}
        loaded={list.data !== undefined}
        failed={list.error !== null}
        loadMore={loadMore}
        emptyText={hasFilters ? t('customers.empty') : t('customers.emptyAll')}
      />
    </Stack>
  );
}
