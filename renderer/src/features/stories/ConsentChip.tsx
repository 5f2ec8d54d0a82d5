import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { NamedConsent } from '../../../../shared/api/stories.ts';

/** Whether the customer agreed to be named: yes green, no red, not asked yet plain. */
export function ConsentChip({ consent }: { consent: NamedConsent }) {
  const { t } = useTranslation();
  return <Chip size="small" variant="outlined" color={consent === 'yes' ? 'success' : consent === 'no' ? 'error' : 'default'} label={t(`stories.consentShort.${consent}`)} />;
}
