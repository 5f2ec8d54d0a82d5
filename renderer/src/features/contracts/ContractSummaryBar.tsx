import { Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CONTRACT_STATUSES, type ContractSummary } from '../../../../shared/api/contracts.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ContractStatusChip } from './ContractChips.tsx';
import { formatMoney } from './money.ts';

/**
 * What the filtered list holds, per status: how many contracts, and their amounts summed per
 * currency (amounts in different currencies are never added together).
 */
export function ContractSummaryBar({ summary }: { summary: ContractSummary }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const statuses = CONTRACT_STATUSES.filter((status) => summary.totals.some((total) => total.status === status));
  if (statuses.length === 0) return null;
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', m: 0, p: 0 }} component="ul" aria-label={t('contracts.totals')} data-testid="contract-summary">
      {statuses.map((status) => {
        const totals = summary.totals.filter((total) => total.status === status);
        const count = totals.reduce((sum, total) => sum + total.count, 0);
        const amounts = totals.filter((total) => total.amount > 0).map((total) => formatMoney(total.amount, total.currency, language));
        return (
          <Paper key={status} component="li" variant="outlined" sx={{ listStyle: 'none', px: 1.5, py: 0.75, display: 'flex', gap: 1, alignItems: 'center', maxWidth: '100%' }} data-status={status}>
            <ContractStatusChip status={status} />
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {t('contracts.summaryCount', { count, formatted: formatNumber(count) })}
            </Typography>
            {amounts.length > 0 ? (
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {amounts.join(t('contracts.amountSeparator'))}
              </Typography>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}
