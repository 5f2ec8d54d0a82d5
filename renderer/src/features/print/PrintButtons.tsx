// The ways into the print views from other pages: offered only to those with the print right (the
// core refuses the others anyway). Links, so the print view is a page of its own and Back returns.
import PrintIcon from '@mui/icons-material/Print';
import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.tsx';
import { hrefOf } from '../../app/router.ts';

/** On the customer page: the customer profile sheet. */
export function PrintProfileButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  if (!useCan('print')) return null;
  return (
    <Button variant="outlined" startIcon={<PrintIcon />} href={hrefOf({ name: 'printCustomerProfile', customerId })}>
      {t('print.printProfile')}
    </Button>
  );
}

/** On a record's page: the service report for the customer's signature (not for a record in the recycle bin). */
export function PrintReportButton({ recordId }: { recordId: number }) {
  const { t } = useTranslation();
  if (!useCan('print')) return null;
  return (
    <Button variant="outlined" startIcon={<PrintIcon />} href={hrefOf({ name: 'printServiceReport', recordId })}>
      {t('print.printReport')}
    </Button>
  );
}
