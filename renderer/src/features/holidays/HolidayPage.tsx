// One festival of one year (#/holidays/:key/:year): the customers of the greeted grades the caller
// sees, by name, searched, paged; "Greeted" records a greeting (a care note on the festival's day)
// and the row shows it as greeted from then on.
import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayCustomersPage } from '../../../../shared/api/holidays.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { calendarDateIn, formatDateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { festivalName } from './festival-name.ts';

const rowsOf = (page: HolidayCustomersPage) => page.rows;
type Shown = 'all' | 'open' | 'greeted';

export function HolidayPage({ festivalKey, year }: { festivalKey: string; year: number }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const notify = useNotify();
  const [q, setQ] = useState('');
  const [shown, setShown] = useState<Shown>('all');
  const [busy, setBusy] = useState<number | null>(null);
  const words = useDeferredValue(q.trim());
  const list = useKeysetQuery(
    'holidays.customers',
    { key: festivalKey, year, limit: 50, ...(words ? { q: words } : {}), ...(shown === 'all' ? {} : { greeted: shown === 'greeted' }) },
    rowsOf,
  );
  const festival = list.data?.pages[0]?.festival ?? null;
  const name = festival ? festivalName(t, festival) : '';

  const greet = async (customerId: number, customerName: string) => {
    setBusy(customerId);
    try {
      await call('holidays.greet', { key: festivalKey, year, customerId, note: t('holidays.greetingNote', { festival: name }) });
      dataChanged();
      notify({ message: t('holidays.greetedNotice', { name: customerName }), severity: 'success' });
    } catch (e) {
      notify({ message: errorMessage(t, e as AppFailure), severity: 'error' }); // call() throws AppFailure
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1">
          {festival ? t('holidays.pageTitle', { festival: name, year }) : t('holidays.todayTitle')}
        </Typography>
        {festival ? (
          <Typography color="text.secondary" data-testid="holiday-summary">
            {calendarDateIn(lng, festival.day)} · {t('holidays.greetedOf', { greeted: festival.greeted, total: festival.toGreet })}
          </Typography>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField size="small" label={t('holidays.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ minWidth: 280 }} />
        <TextField select size="small" label={t('holidays.show')} value={shown} onChange={(e) => setShown(e.target.value as Shown)} sx={{ minWidth: 200 }}>
          {(['all', 'open', 'greeted'] as const).map((s) => (
            <MenuItem key={s} value={s}>
              {t(`holidays.shown.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <Paper>
        {list.isSuccess && list.rows.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('holidays.noCustomers')}
          </Typography>
        ) : null}
        {list.rows.length > 0 ? (
          <TableContainer>
            <Table size="small" aria-label={t('holidays.customers')} sx={{ tableLayout: 'fixed', minWidth: 760 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('holidays.columns.customer')}</TableCell>
                  <TableCell sx={{ width: 110 }}>{t('holidays.columns.grade')}</TableCell>
                  <TableCell sx={{ width: '20%' }}>{t('holidays.columns.owner')}</TableCell>
                  <TableCell sx={{ width: '30%' }}>{t('holidays.columns.greeting')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.rows.map((row) => (
                  <TableRow key={row.customerId} data-customer-id={row.customerId} data-greeted={row.greeting ? 'yes' : 'no'}>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      <a href={hrefOf({ name: 'customer', id: row.customerId })}>{row.name}</a>
                      <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                        {row.code}
                      </Typography>
                    </TableCell>
                    <TableCell>{t(`customer.grades.${row.grade}`)}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.ownerName ?? ''}</TableCell>
                    <TableCell>
                      {row.greeting ? (
                        <Chip size="small" color="success" label={t('holidays.greetedAt', { at: formatDateTime(row.greeting.at), by: row.greeting.staffName ?? '' })} />
                      ) : row.actions.greet ? (
                        <Button size="small" variant="outlined" disabled={busy === row.customerId} onClick={() => void greet(row.customerId, row.name)} aria-label={t('holidays.greetOf', { name: row.name })}>
                          {t('holidays.greet')}
                        </Button>
                      ) : (
                        <Typography variant="body2" color="text.secondary">
                          {t('holidays.notGreeted')}
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : null}
        {list.hasNextPage ? (
          <Box sx={{ textAlign: 'center', p: 1 }}>
            <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Box>
        ) : null}
      </Paper>
    </Stack>
  );
}
