import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/api/visits.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { isDay, timeToMinute } from './agenda-query.ts';
import { emptyVisit, valuesFromVisit } from './visit-draft.ts';
import { VisitForm } from './VisitForm.tsx';

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
    <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'visits' })}>{t('visitDetail.back')}</Button>}>
      {message}
    </Alert>
  );
}

/**
 * A new visit. From a customer's page the customer is fixed and its address filled in; from the
 * agenda, the day (and staff member) shown there (`query`: `day=YYYY-MM-DD&staff=<id>&time=HH:MM`).
 */
export function NewVisitPage({ customerId, query }: { customerId?: number; query?: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const customer = useCoreQuery('customers.get', { id: customerId ?? 0 }, { enabled: customerId !== undefined });
  if (customerId !== undefined && customer.error) return <Failed message={errorMessage(t, customer.error)} />;
  if (customerId !== undefined && customer.data === undefined) return <Loading />;

  const params = new URLSearchParams(query ?? '');
  const day = params.get('day') ?? '';
  const staff = Number(params.get('staff') ?? '');
  const start = timeToMinute(params.get('time') ?? '');
  const fixed = customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
  const initial = emptyVisit({
    customer: fixed,
    address: customer.data?.address ?? '',
    // Whoever plans goes, unless the agenda showed someone else's day.
    staffId: Number.isInteger(staff) && staff > 0 ? staff : canOwnCustomers(session.user.role) ? session.user.id : null,
    onDay: isDay(day) ? day : localDay(Date.now()),
    ...(start === null ? {} : { startMinute: start }),
  });
  return <VisitForm original={null} initial={initial} customerFixed={fixed !== null} />;
}

/** Editing: from what the core has now, taken once (later reloads must not replace what is typed). */
export function EditVisitPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const stored = useCoreQuery('visits.get', { id }, { refetchOnMount: 'always' });
  const [first, setFirst] = useState<Visit | null>(null);
  useEffect(() => {
    if (first === null && stored.data && !stored.isFetching) setFirst(stored.data);
  }, [first, stored.data, stored.isFetching]);
  const reload = useCallback(async () => (await stored.refetch()).data ?? null, [stored]);

  if (first) return <VisitForm original={first} initial={valuesFromVisit(first)} customerFixed={false} reload={reload} />;
  if (stored.error) return <Failed message={errorMessage(t, stored.error)} />;
  return <Loading />;
}
