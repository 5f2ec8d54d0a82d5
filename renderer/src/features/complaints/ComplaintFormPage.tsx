import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../../shared/api/complaints.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { emptyComplaint, valuesFromComplaint } from './complaint-draft.ts';
import { ComplaintForm } from './ComplaintForm.tsx';

function Loading() {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
      <CircularProgress aria-label={t('app.loading')} />
    </Box>
  );
}

function Failed({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'complaints' })}>{t('complaintDetail.back')}</Button>}>
      {message}
    </Alert>
  );
}

/**
 * A new complaint, opened now. From a customer's page the customer is fixed and its responsible
 * staff member handles it by default (as a complaint from a low survey score is assigned).
 */
export function NewComplaintPage({ customerId }: { customerId?: number }) {
  const { t } = useTranslation();
  const customer = useCoreQuery('customers.get', { id: customerId ?? 0 }, { enabled: customerId !== undefined });
  // The moment the form opened is "now" for the opening (the user changes it for one told earlier).
  const [now] = useState(() => Date.now());
  if (customerId !== undefined && customer.error) return <Failed message={errorMessage(t, customer.error)} />;
  if (customerId !== undefined && customer.data === undefined) return <Loading />;
  const c = customer.data;
  const fixed = c ? { id: c.id, name: c.name, code: c.code } : null;
  return <ComplaintForm original={null} initial={emptyComplaint(fixed, c?.ownerId ?? null, now)} customerFixed={fixed !== null} backToCustomer={fixed !== null} />;
}

/** Editing: from what the core has now, taken once (later reloads must not replace what is typed). */
export function EditComplaintPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const stored = useCoreQuery('complaints.get', { id }, { refetchOnMount: 'always' });
  const [first, setFirst] = useState<Complaint | null>(null);
  useEffect(() => {
    if (first === null && stored.data && !stored.isFetching) setFirst(stored.data);
  }, [first, stored.data, stored.isFetching]);
  const reload = useCallback(async () => (await stored.refetch()).data ?? null, [stored]);

  if (first) return <ComplaintForm original={first} initial={valuesFromComplaint(first)} customerFixed backToCustomer={false} reload={reload} />;
  if (stored.error) return <Failed message={errorMessage(t, stored.error)} />;
  return <Loading />;
}
