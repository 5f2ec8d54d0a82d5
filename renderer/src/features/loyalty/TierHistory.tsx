import { Alert, Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { tierChangeReason } from './loyalty-format.ts';

/** Every tier change of the customer, newest first, with its reason (what moved the qualifying points). */
export function TierHistory({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const history = useCoreQuery('loyalty.tierHistory', { customerId });
  const rows = history.data?.rows ?? [];
  return (
    <Box component="section" aria-labelledby="loyalty-tiers-history-title">
      <Typography variant="subtitle1" component="h3" id="loyalty-tiers-history-title" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t('customerLoyalty.tierHistory')}
      </Typography>
      {history.error ? <Alert severity="error">{errorMessage(t, history.error)}</Alert> : null}
      {history.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('customerLoyalty.noTierHistory')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('customerLoyalty.tierHistory')} sx={{ tableLayout: 'fixed', minWidth: 600 }} data-testid="loyalty-tier-history">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 110 }}>{t('customerLoyalty.columns.day')}</TableCell>
                <TableCell sx={{ width: 240 }}>{t('customerLoyalty.columns.change')}</TableCell>
                <TableCell>{t('customerLoyalty.columns.why')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((change) => (
                <TableRow key={change.id} data-tier-change-id={change.id}>
                  <TableCell>{formatDay(change.onDay, language)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{change.fromName === null ? change.toName : t('customerLoyalty.fromTo', { from: change.fromName, to: change.toName })}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{tierChangeReason(t, change)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
    </Box>
  );
}
