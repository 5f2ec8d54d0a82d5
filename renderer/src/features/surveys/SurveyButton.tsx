import { Button } from '@mui/material';
import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.tsx';
import { QuickSurveyDialog, type QuickSurveyTarget } from './QuickSurveyDialog.tsx';

/**
 * "Survey" on a record's, a visit's or a customer's page: opens QUICK ENTRY for that customer
 * (and that record or visit). Offered to whoever may write customers' data, on a live page (the
 * core refuses the rest anyway).
 */
export function SurveyButton({ target, live }: { target: QuickSurveyTarget; live: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const [open, setOpen] = useState(false);
  if (!canWrite || !live) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<SentimentSatisfiedAltIcon />} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('surveys.survey')}
      </Button>
      {open ? <QuickSurveyDialog target={target} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
