import { Alert, Box, Button, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { errorMessage } from '../../app/errors.ts';
import { hrefOf } from '../../app/router.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { usePagedQuery } from '../../app/query.ts';

const PAGE_SIZE = 10;

/**
 * On a customer's page: every event they were invited to, latest first, with the reply and whether
 * they came (events.customerInvitations, scoped as invitations are), each opening its event.
 */
export function CustomerEventsSection({ customer: c }: { customer: Pick<Customer, 'id'> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const list = usePagedQuery('events.customerInvitations', { customerId: c.id, limit: PAGE_SIZE });
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
                <TableCell sx={{ width: 120 }}>{t('invitations.reply')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('invitations.attended')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.rows.map((row) => (
                <TableRow key={row.id} data-invitation-id={row.id}>
                  <TableCell>{formatDay(row.eventDay, language)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'event', id: row.eventId })}>{row.eventTitle}</Link>
                    {row.eventStatus === 'cancelled' ? ` (${t('events.statuses.cancelled')})` : ''}
                  </TableCell>
                  <TableCell>{t(`invitations.replies.${row.reply}`)}</TableCell>
                  <TableCell>{row.attended === true ? t('invitations.attendedStates.yes') : row.attended === false ? t('invitations.attendedStates.no') : t('invitations.attendedStates.unknown')}</TableCell>
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
