import { Alert, Box, Button, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyPage } from '../../../../shared/api/surveys.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { DrillChips } from '../performance/DrillChips.tsx';
import { namesOf, ownerDrillChips, withoutChip } from '../performance/drill-chips.ts';
import { ExportButton } from '../exports/ExportButton.tsx';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { formatSurveyQuery, formatTrendsQuery, parseSurveyQuery, parseTrendsQuery, type SurveyListFilters } from './list-query.ts';
import { SurveyTable } from './SurveyTable.tsx';
import { TrendsTab } from './TrendsTab.tsx';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

const listRemembered = listMemory((query) => ({ name: 'satisfaction', query }));
const trendsRemembered = listMemory((query) => ({ name: 'satisfactionTrends', query }));

export type SatisfactionTab = 'list' | 'trends';

/** Satisfaction (满意度调查): the surveys taken, newest first, and their trends by month. */
export function SurveysPage({ tab, search }: { tab: SatisfactionTab; search?: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('surveys.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => navigate({ name: 'surveyNew' })}>
            {t('surveys.new')}
          </Button>
        ) : null}
      </Stack>
      <Tabs value={tab} aria-label={t('surveys.title')} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}>
        <Tab value="list" label={t('surveys.tabs.list')} component="a" href={hrefOf({ name: 'satisfaction' })} />
        <Tab value="trends" label={t('surveys.tabs.trends')} component="a" href={hrefOf({ name: 'satisfactionTrends' })} />
      </Tabs>
      {tab === 'list' ? <ListTab search={search} /> : <TrendsAddress search={search} />}
    </Stack>
  );
}

function TrendsAddress({ search }: { search?: string }) {
  const [query, setQuery] = useListQuery(trendsRemembered, search, parseTrendsQuery, formatTrendsQuery);
  return <TrendsTab query={query} setQuery={setQuery} />;
}

/** The customer filter shows the chosen customer's name, loaded once from its id in the address. */
export function useCustomerOption(id: number | undefined) {
  const customer = useCoreQuery('customers.get', { id: id ?? 0 }, { enabled: id !== undefined });
  return id !== undefined && customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
}

function ListTab({ search }: { search?: string }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [filters, setFilters] = useListQuery<SurveyListFilters>(listRemembered, search, parseSurveyQuery, formatSurveyQuery);
  const customer = useCustomerOption(filters.customerId);
  const setFilter = <K extends keyof SurveyListFilters>(key: K, value: SurveyListFilters[K] | undefined) =>
    setFilters((f) => {
      const next = { ...f };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const badRange = filters.from !== undefined && filters.to !== undefined && filters.to < filters.from;
  const hasFilters = Object.keys(filters).length > 0;
  return (
    <>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} role="group" aria-label={t('surveys.filters')}>
        <CustomerPicker
          key={customer?.id ?? 'none'}
          size="small"
          label={t('surveys.field.customer')}
          value={customer}
          onChange={(next) => setFilter('customerId', next?.id)}
          sx={{ width: 280 }}
        />
        <TextField
          select
          size="small"
          slotProps={NATIVE_SELECT}
          sx={{ width: 160 }}
          label={t('surveys.columns.staff')}
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
        <TextField type="date" size="small" label={t('surveys.from')} value={filters.from ?? ''} onChange={(e) => setFilter('from', e.target.value || undefined)} slotProps={SHRINK} sx={{ width: 170 }} />
        <TextField
          type="date"
          size="small"
          label={t('surveys.to')}
          value={filters.to ?? ''}
          onChange={(e) => setFilter('to', e.target.value || undefined)}
          error={badRange}
          helperText={badRange ? t('validation.dateOrder') : undefined}
          slotProps={SHRINK}
          sx={{ width: 170 }}
        />
        <DrillChips chips={ownerDrillChips(t, filters, namesOf(users))} onClear={(chip) => setFilters((current) => withoutChip(current, chip))} />
        {hasFilters ? (
          <Button size="small" onClick={() => setFilters(() => ({}))} sx={{ mt: 0.75 }}>
            {t('surveys.clearFilters')}
          </Button>
        ) : null}
        <Box sx={{ flex: 1 }} />
        <ExportButton entity="surveys" filter={badRange ? { ...filters, to: undefined } : filters} />
      </Stack>
      <SurveyList filters={badRange ? { ...filters, to: undefined } : filters} hasFilters={hasFilters} />
    </>
  );
}

const rowsOf = (page: SurveyPage) => page.rows;

function SurveyList({ filters, hasFilters }: { filters: SurveyListFilters; hasFilters: boolean }) {
  const { t } = useTranslation();
  const { customerId, staffId, ownerId, from, to } = filters;
  const input = { ...(customerId ? { customerId } : {}), ...(staffId ? { staffId } : {}), ...(ownerId ? { ownerId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: PAGE_SIZE };
  const list = useKeysetQuery('surveys.list', input, rowsOf);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
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
      <SurveyTable
        rows={list.rows}
        scrollKey={JSON.stringify(input)}
        hasMore={hasNextPage}
        loadingMore={(list.isPending && list.isFetching) || isFetchingNextPage}
        loaded={list.data !== undefined}
        failed={list.error !== null}
        loadMore={loadMore}
        emptyText={hasFilters ? t('surveys.empty') : t('surveys.emptyAll')}
      />
    </>
  );
}
