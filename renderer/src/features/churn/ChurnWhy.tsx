import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ChurnReason } from '../../../../shared/api/churn.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatMoney } from '../contracts/money.ts';
import { churnSentence } from './churn-sentences.ts';

/** A churn warning in Today: why, in a sentence per reason, and the value at risk. */
export function ChurnWhy({ churn }: { churn: { valueMinor: number; currency: string; reasons: ChurnReason[] } }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const why = churn.reasons.map((reason) => churnSentence(t, reason, lng)).join(' ');
  return (
    <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }} data-testid="churn-why">
      {churn.valueMinor > 0 ? t('churn.todayValue', { why, value: formatMoney(churn.valueMinor, churn.currency, lng) }) : why}
    </Typography>
  );
}
