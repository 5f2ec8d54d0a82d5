import { Button } from '@mui/material';
import ReportProblemIcon from '@mui/icons-material/ReportProblemOutlined';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { navigate } from '../../app/router.ts';

/** On a customer's page: open a complaint of this customer (the customer fixed, its staff member assigned). */
export function NewComplaintButton({ customer: c }: { customer: Pick<Customer, 'id' | 'deletedAt' | 'actions'> }) {
  const { t } = useTranslation();
  // Opening a complaint writes: offered to whoever may edit the customer (customers.write), on a live one.
  if (!c.actions.edit || c.deletedAt !== null) return null;
  return (
    <Button variant="outlined" startIcon={<ReportProblemIcon />} onClick={() => navigate({ name: 'complaintNew', customerId: c.id })}>
      {t('complaints.new')}
    </Button>
  );
}
