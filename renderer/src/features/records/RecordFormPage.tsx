import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail, RecordKind } from '../../../../shared/api/records.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { emptyRecord, valuesFromRecord } from './record-draft.ts';
import { RecordForm } from './RecordForm.tsx';

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
    <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'service' })}>{t('recordDetail.back')}</Button>}>
      {message}
    </Alert>
  );
}

/** A new record of `kind`: now, by the signed-in user, the customer fixed when opened from the customer's page. */
export function NewRecordPage({ kind, customerId }: { kind: RecordKind; customerId?: number }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const customer = useCoreQuery('customers.get', { id: customerId ?? 0 }, { enabled: customerId !== undefined });
  // The moment the form opened is "now" for a new record (the user changes it for one written later).
  const [now] = useState(() => Date.now());
  if (customerId !== undefined && customer.error) return <Failed message={errorMessage(t, customer.error)} />;
  if (customerId !== undefined && customer.data === undefined) return <Loading />;
  const fixed = customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
  return <RecordForm original={null} initial={emptyRecord(kind, fixed, session.user.id, now)} customerFixed={fixed !== null} backToCustomer={fixed !== null} />;
}

/** Editing: from what the core has now, taken once (later reloads must not replace what is typed). */
export function EditRecordPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const stored = useCoreQuery('records.get', { id }, { refetchOnMount: 'always' });
  const [first, setFirst] = useState<RecordDetail | null>(null);
  useEffect(() => {
    if (first === null && stored.data && !stored.isFetching) setFirst(stored.data);
  }, [first, stored.data, stored.isFetching]);
  const reload = useCallback(async () => (await stored.refetch()).data ?? null, [stored]);

  if (first) return <RecordForm original={first} initial={valuesFromRecord(first)} customerFixed backToCustomer={false} reload={reload} />;
  if (stored.error) return <Failed message={errorMessage(t, stored.error)} />;
  return <Loading />;
}
