import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractSort } from '../../../../shared/api/contracts.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { useCoreQuery, usePagedQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useUsers } from '../customers/use-users.ts';
import { ExportButton } from '../exports/ExportButton.tsx';
import { ContractFilters } from './ContractFilters.tsx';
import { ContractSummaryBar } from './ContractSummaryBar.tsx';
import { ContractTable } from './ContractTable.tsx';
import { coreFilters, DEFAULT_DIRECTION, formatContractQuery, parseContractQuery, type ContractListQuery as Query } from './list-query.ts';

const PAGE_SIZE = 50;

// The address holds the query; this remembers it for links back to the list that carry none (the
// navigation, "Back" on a contract), until sign-out or switching user.
const remembered = listMemory((query) => ({ name: 'contracts', query }));

export function ContractListPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const canDelete = useCan('customers.delete');
  const users = useUsers().filter((user) => canOwnCustomers(user.role));
  const [query, setQuery] = useListQuery<Query>(remembered, search, parseContractQuery, formatContractQuery);

  const filters = useMemo(() => coreFilters(query.filters), [query.filters]);
  const list = usePagedQuery('contracts.list', { ...filters, sort: query.sort, direction: query.direction, limit: PAGE_SIZE });
  const summary = useCoreQuery('contracts.summary', filters);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const sortBy = (sort: ContractSort) =>
    setQuery((q) => ({ ...q, sort, direction: q.sort === sort ? (q.direction === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[sort] }));
  const hasFilters = Object.keys(query.filters).length > 0;
  const newContract = () => navigate(query.filters.customerId ? { name: 'contractNew', customerId: query.filters.customerId } : { name: 'contractNew' });

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('contracts.title')}
        </Typography>
        <Typography color="text.secondary" data-testid="contract-count" aria-live="polite">
          {summary.data === undefined ? '' : t('contracts.count', { count: summary.data.count, formatted: formatNumber(summary.data.count) })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <ExportButton entity="contracts" filter={{ ...filters, sort: query.sort, direction: query.direction }} count={summary.data?.count ?? null} />
        {canDelete ? (
          <Button startIcon={<DeleteOutlinedIcon />} href={hrefOf({ name: 'contractsBin' })}>
            {t('contracts.recycleBin')}
          </Button>
        ) : null}
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={newContract}>
            {t('contracts.new')}
          </Button>
        ) : null}
      </Stack>
      <ContractFilters filters={query.filters} onChange={(next) => setQuery((q) => ({ ...q, filters: next }))} users={users} />
      {summary.data ? <ContractSummaryBar summary={summary.data} /> : null}
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
      <ContractTable
        rows={list.rows}
        query={query}
        onSort={sortBy}
        hasMore={hasNextPage}
        loadingMore={(list.isPending && list.isFetching) || isFetchingNextPage}
        loaded={list.data !== undefined}
        failed={list.error !== null}
        loadMore={loadMore}
        emptyText={hasFilters ? t('contracts.empty') : t('contracts.emptyAll')}
      />
    </Stack>
  );
}
