import { Alert, Box, Button, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { TimelinePage } from '../../../../shared/api/timeline.ts';
import { errorMessage } from '../../app/errors.ts';
import { hrefOf } from '../../app/router.ts';
import { formatDate } from '../../i18n/format.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';

const PAGE_SIZE = 10;
const entriesOf = (page: TimelinePage) => page.entries;

/**
 * On a customer's page: the events they came to, latest first (the timeline's 'event' entries:
 * one per attendance, scoped and masked as the timeline is), each opening its event.
 */
export function CustomerEventsSection({ customer: c }: { customer: Pick<Customer, 'id'> }) {
  const { t } = useTranslation();
  const list = useKeysetQuery('timeline.list', { customerId: c.id, kinds: ['event'], limit: PAGE_SIZE }, entriesOf);
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-events-title" data-testid="customer-events">
      <Typography variant="h6" component="h2" id="customer-events-title" sx={{ mb: 1 }}>
        {t('customerEvents.title')}
      </Typography>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && list.rows.length === 0 ? <Typography color="text.secondary">{t('customerEvents.none')}</Typography> : null}
      {list.rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('customerEvents.title')} sx={{ tableLayout: 'fixed', minWidth: 560 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 140 }}>{t('events.columns.day')}</TableCell>
                <TableCell>{t('customerEvents.event')}</TableCell>
                <TableCell sx={{ width: '35%' }}>{t('events.columns.place')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.rows.map((entry) => (
                <TableRow key={entry.refId} data-invitation-id={entry.refId}>
                  <TableCell>{formatDate(entry.at)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'event', id: entry.open.id })}>{entry.title}</Link>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{entry.text}</TableCell>
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
  );
}
