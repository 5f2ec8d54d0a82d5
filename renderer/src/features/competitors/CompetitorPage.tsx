import { Alert, Box, Button, Chip, CircularProgress, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import EditIcon from '@mui/icons-material/Edit';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Competitor, CompetitorCustomersQueryInput, PresencePage } from '../../../../shared/api/competitors.ts';
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { call, queryClient, useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { CompetitorDialog } from './CompetitorDialog.tsx';
import { shareText } from './presence-format.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const PAGE_SIZE = 50;

/** The grade filter from the address (`?grade=vip`: the reach list's counts open this). */
function gradeOf(search: string | undefined): Grade | undefined {
  const value = new URLSearchParams(search ?? '').get('grade');
  return GRADES.find((g) => g === value);
}

/** The competitor's customers, keyset paged (`cursor` in, `next` out); the input without its cursor is the cache key. */
function useCustomerPages(input: Omit<CompetitorCustomersQueryInput, 'cursor'>) {
  const query = useInfiniteQuery<PresencePage, AppFailure, InfiniteData<PresencePage, string | null>, readonly unknown[], string | null>(
    {
      queryKey: ['competitors.customers', input],
      queryFn: ({ pageParam }) => call('competitors.customers', { ...input, cursor: pageParam }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => page.rows), [query.data]);
  return { ...query, rows };
}

/** A competitor: what is known of it, and the customers where it is present (live, those the caller sees). */
export function CompetitorPage({ id, search }: { id: number; search: string | undefined }) {
  const { t } = useTranslation();
  const competitor = useCoreQuery('competitors.get', { id });
  if (competitor.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }
  if (competitor.isError) return <Alert severity="error">{errorMessage(t, competitor.error)}</Alert>;
  return <CompetitorDetail competitor={competitor.data} grade={gradeOf(search)} />;
}

function CompetitorDetail({ competitor: c, grade }: { competitor: Competitor; grade: Grade | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [editing, setEditing] = useState(false);
  const list = useCustomerPages({ competitorId: c.id, limit: PAGE_SIZE, ...(grade ? { grade } : {}) });
  const facts = [
    ['products', c.products],
    ['strengths', c.strengths],
    ['weaknesses', c.weaknesses],
    ['notes', c.notes],
  ] as const;

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Box>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'competitors' })}>
          {t('competitors.back')}
        </Button>
      </Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {c.name}
        </Typography>
        {c.priceLevel ? <Chip label={`${t('competitor.priceLevel')}: ${t(`competitor.priceLevels.${c.priceLevel}`)}`} /> : null}
        {c.active ? null : <Chip label={t('competitor.retired')} />}
        <Box sx={{ flex: 1 }} />
        {c.actions.edit ? (
          <Button variant="contained" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null}
      </Stack>
      <Paper component="section" sx={{ p: 3 }} aria-label={t('competitors.about')}>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
          {facts.map(([field, value]) => (
            <Box key={field} sx={{ display: 'contents' }}>
              <Typography component="dt" color="text.secondary">
                {t(`competitor.${field}`)}
              </Typography>
              <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {value === '' ? '—' : value}
              </Typography>
            </Box>
          ))}
        </Box>
      </Paper>
      <Paper component="section" sx={{ p: 3 }} aria-labelledby="competitor-customers-title" data-testid="competitor-customers">
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" id="competitor-customers-title" sx={{ flex: 1 }}>
            {t('competitors.customersTitle', { count: c.customerCount })}
          </Typography>
          <TextField
            select
            size="small"
            label={t('customer.grade')}
            slotProps={NATIVE_SELECT}
            sx={{ width: 160 }}
            value={grade ?? ''}
            onChange={(e) => {
              const next = GRADES.find((g) => g === e.target.value);
              navigate({ name: 'competitor', id: c.id, ...(next ? { query: `grade=${next}` } : {}) });
            }}
          >
            <option value="">{t('competitors.allGrades')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {t(`customer.grades.${g}`)}
              </option>
            ))}
          </TextField>
        </Stack>
        {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
        {list.isSuccess && list.rows.length === 0 ? <Typography color="text.secondary">{t('competitors.noCustomers')}</Typography> : null}
        {list.rows.length > 0 ? (
          <TableContainer>
            <Table size="small" aria-label={t('competitors.customersTitle', { count: c.customerCount })} sx={{ tableLayout: 'fixed', minWidth: 820 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('presence.customer')}</TableCell>
                  <TableCell sx={{ width: 120 }}>{t('customer.grade')}</TableCell>
                  <TableCell sx={{ width: '22%' }}>{t('presence.products')}</TableCell>
                  <TableCell sx={{ width: 80 }} align="right">
                    {t('presence.share')}
                  </TableCell>
                  <TableCell sx={{ width: 150 }}>{t('presence.contractEndOn')}</TableCell>
                  <TableCell sx={{ width: 130 }}>{t('presence.position')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.rows.map((row) => (
                  <TableRow key={row.id} data-presence-id={row.id}>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      <Link href={hrefOf({ name: 'customer', id: row.customerId })}>{row.customerName}</Link>
                      <Typography component="span" color="text.secondary" sx={{ ml: 1, fontSize: '0.85em' }}>
                        {row.customerCode}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <GradeChip grade={row.customerGrade} />
                    </TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.products}</TableCell>
                    <TableCell align="right">{shareText(row.sharePercent, language)}</TableCell>
                    <TableCell>{row.contractEndOn ? formatDay(row.contractEndOn, language) : ''}</TableCell>
                    <TableCell>{t(`presence.positions.${row.position}`)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : null}
        {list.hasNextPage ? (
          <Box sx={{ textAlign: 'center', mt: 1 }}>
            <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Box>
        ) : null}
      </Paper>
      {editing ? <CompetitorDialog competitor={c} onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}
