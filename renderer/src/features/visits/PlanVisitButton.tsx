import { Button } from '@mui/material';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { navigate } from '../../app/router.ts';

/** On a customer's page: plan a visit to this customer (the customer and its address filled in). */
export function PlanVisitButton({ customer: c }: { customer: Pick<Customer, 'id' | 'deletedAt' | 'actions'> }) {
  const { t } = useTranslation();
  // Planning writes: offered to whoever may edit the customer (customers.write), on a live one.
  if (!c.actions.edit || c.deletedAt !== null) return null;
  return (
    <Button variant="outlined" startIcon={<DirectionsWalkIcon />} onClick={() => navigate({ name: 'visitNew', customerId: c.id })}>
      {t('visits.new')}
    </Button>
  );
}
