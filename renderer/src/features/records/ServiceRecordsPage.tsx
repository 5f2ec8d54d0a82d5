import { Alert, Box, Button, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ChatIcon from '@mui/icons-material/ChatOutlined';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_HORIZON_DAYS, RECORD_KINDS, type RecordPage } from '../../../../shared/api/records.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { useUsers } from '../customers/use-users.ts';
import { ExportButton } from '../exports/ExportButton.tsx';
import { FollowUpsTab } from './FollowUpsTab.tsx';
import { formatServiceQuery, parseServiceQuery, rangeProblem, type RecordListFilters, type ServiceQuery } from './list-query.ts';
import { RecordTable } from './RecordTable.tsx';
import { useKeysetQuery } from './use-keyset.ts';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;
const rowsOf = (page: RecordPage) => page.rows;

// Each tab's address holds its query; these remember them for links that carry none (the navigation).
const listRemembered = listMemory((query) => ({ name: 'service', query }));
const followUpsRemembered = listMemory((query) => ({ name: 'serviceFollowUps', query }));

export type ServiceTab = 'list' | 'followUps';

/** The Service records page: every record of the shop the caller sees, and the follow-ups due. */
export function ServiceRecordsPage({ tab, search }: { tab: ServiceTab; search?: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const users = useUsers();
  const [query, setQuery] = useListQuery<ServiceQuery>(tab === 'list' ? listRemembered : followUpsRemembered, search, parseServiceQuery, formatServiceQuery);
  const { filters } = query;
  const setFilter = <K extends keyof RecordListFilters>(key: K, value: RecordListFilters[K] | undefined) =>
    setQuery((q) => {
      const next = { ...q.filters };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return { ...q, filters: next };
    });
  const badRange = rangeProblem(filters);

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('records.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {/* The list's own query: its filters, a range that ends before it starts sent without its end (as RecordList does). */}
        {tab === 'list' ? <ExportButton entity="records" filter={badRange ? { ...filters, to: undefined } : filters} /> : null}
        {canWrite ? (
          <>
            <Button variant="outlined" startIcon={<ChatIcon />} onClick={() => navigate({ name: 'recordNew', kind: 'communication' })}>
              {t('records.newCommunication')}
            </Button>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => navigate({ name: 'recordNew', kind: 'service' })}>
              {t('records.newService')}
            </Button>
          </>
        ) : null}
      </Stack>
      <Tabs value={tab} aria-label={t('records.title')} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}>
        <Tab value="list" label={t('records.tabs.list')} component="a" href={hrefOf({ name: 'service' })} />
        <Tab value="followUps" label={t('records.tabs.followUps')} component="a" href={hrefOf({ name: 'serviceFollowUps' })} />
      </Tabs>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} role="group" aria-label={t('records.filters')}>
        {tab === 'list' ? (
          <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width: 150 }} label={t('record.kind')} value={filters.kind ?? ''} onChange={(e) => setFilter('kind', RECORD_KINDS.find((k) => k === e.target.value))}>
            <option value="">{t('common.any')}</option>
            {RECORD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`record.kinds.${k}`)}
              </option>
            ))}
          </TextField>
        ) : null}
        <TextField
          select
          size="small"
          slotProps={NATIVE_SELECT}
          sx={{ width: 150 }}
          label={t('record.staff')}
          value={filters.staffId === undefined ? '' : String(filters.staffId)}
          onChange={(e) => setFilter('staffId', e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">{t('common.any')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName || u.username}
            </option>
          ))}
        </TextField>
        {tab === 'list' ? (
          <>
            <TextField type="date" size="small" label={t('records.from')} value={filters.from ?? ''} onChange={(e) => setFilter('from', e.target.value || undefined)} slotProps={SHRINK} sx={{ width: 170 }} />
            <TextField
              type="date"
              size="small"
              label={t('records.to')}
              value={filters.to ?? ''}
              onChange={(e) => setFilter('to', e.target.value || undefined)}
              error={badRange}
              helperText={badRange ? t('validation.dateOrder') : undefined}
              slotProps={SHRINK}
              sx={{ width: 170 }}
            />
          </>
        ) : null}
        {tab === 'followUps' ? (
          <TextField
            type="date"
            size="small"
            label={t('followUps.until')}
            value={query.until ?? ''}
            onChange={(e) => setQuery((q) => ({ filters: q.filters, ...(e.target.value ? { until: e.target.value } : {}) }))}
            helperText={t('followUps.untilHint', { days: FOLLOW_UP_HORIZON_DAYS })}
            slotProps={SHRINK}
            sx={{ width: 200 }}
          />
        ) : null}
        {Object.keys(filters).length > 0 ? (
          <Button size="small" onClick={() => setQuery((q) => ({ ...q, filters: {} }))} sx={{ mt: 0.75 }}>
            {t('records.clearFilters')}
          </Button>
        ) : null}
      </Stack>
      {tab === 'list' ? (
        <RecordList filters={filters} />
      ) : (
        <FollowUpsTab until={query.until} staffId={filters.staffId} />
      )}
    </Stack>
  );
}

function RecordList({ filters }: { filters: RecordListFilters }) {
  const { t } = useTranslation();
  // A range that ends before it starts is said on its field and not sent.
  const sent = rangeProblem(filters) ? { ...filters, to: undefined } : filters;
  const { kind, staffId, from, to } = sent;
  const input = { ...(kind ? { kind } : {}), ...(staffId ? { staffId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: PAGE_SIZE };
  const list = useKeysetQuery('records.list', input, rowsOf);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const hasFilters = Object.keys(filters).length > 0;
  return (
    <>
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
      <RecordTable
        rows={list.rows}
        scrollKey={JSON.stringify(input)}
        hasMore={hasNextPage}
        loadingMore={(list.isPending && list.isFetching) || isFetchingNextPage}
        loaded={list.data !== undefined}
        failed={list.error !== null}
        loadMore={loadMore}
        emptyText={hasFilters ? t('records.empty') : t('records.emptyAll')}
      />
    </>
  );
}
