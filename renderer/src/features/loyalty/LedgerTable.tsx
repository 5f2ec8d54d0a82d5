import { Alert, Box, Button, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { hrefOf } from '../../app/router.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { signedPoints } from './loyalty-format.ts';
import { useLoyaltyPages } from './use-loyalty-pages.ts';

const PAGE_SIZE = 10;

/** 积分明细: every entry of the customer's append-only ledger, newest first, a page at a time. */
export function LedgerTable({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const list = useLoyaltyPages('loyalty.ledger', { customerId, limit: PAGE_SIZE });
  const rows = list.rows;
  return (
    <Box component="section" aria-labelledby="loyalty-ledger-title">
      <Typography variant="subtitle1" component="h3" id="loyalty-ledger-title" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t('customerLoyalty.ledger')}
      </Typography>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('customerLoyalty.noLedger')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('customerLoyalty.ledger')} sx={{ tableLayout: 'fixed', minWidth: 640 }} data-testid="loyalty-ledger">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 110 }}>{t('customerLoyalty.columns.day')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('customerLoyalty.columns.kind')}</TableCell>
                <TableCell sx={{ width: 100 }} align="right">
                  {t('customerLoyalty.columns.points')}
                </TableCell>
                <TableCell>{t('customerLoyalty.columns.reason')}</TableCell>
                <TableCell sx={{ width: 130 }}>{t('customerLoyalty.columns.by')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((entry) => (
                <TableRow key={entry.id} data-ledger-id={entry.id} data-kind={entry.kind} data-points={entry.points}>
                  <TableCell>{formatDay(entry.onDay, language)}</TableCell>
                  <TableCell>{t(`customerLoyalty.kinds.${entry.kind}`)}</TableCell>
                  <TableCell align="right" sx={{ color: entry.points < 0 ? 'error.main' : 'success.main', fontWeight: 500 }}>
                    {signedPoints(entry.points)}
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    {entry.reason}
                    {entry.saleId !== null ? (
                      <>
                        {entry.reason ? ' · ' : ''}
                        <Link href={hrefOf({ name: 'sale', id: entry.saleId })}>{t('customerLoyalty.theSale')}</Link>
                      </>
                    ) : null}
                    {entry.expiresOn ? (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {entry.reason || entry.saleId !== null ? ' · ' : ''}
                        {t('customerLoyalty.expiresOn', { date: formatDay(entry.expiresOn, language) })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{entry.createdByName ?? t('customerLoyalty.bySystem')}</TableCell>
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
    </Box>
  );
}
