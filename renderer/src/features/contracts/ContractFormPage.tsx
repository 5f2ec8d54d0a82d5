import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../../../shared/api/contracts.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { emptyContract, valuesFromContract } from './contract-draft.ts';
import { ContractForm } from './ContractForm.tsx';

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
    <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'contracts' })}>{t('contractDetail.back')}</Button>}>
      {message}
    </Alert>
  );
}

/** A new contract: the next free number suggested, the customer fixed when opened from the customer's page. */
export function NewContractPage({ customerId }: { customerId?: number }) {
  const { t } = useTranslation();
  const { session } = useSession();
  // Asked afresh: another contract may have taken the last suggestion.
  const suggestion = useCoreQuery('contracts.suggestNumber', {}, { refetchOnMount: 'always' });
  const customer = useCoreQuery('customers.get', { id: customerId ?? 0 }, { enabled: customerId !== undefined });
  if (customerId !== undefined && customer.error) return <Failed message={errorMessage(t, customer.error)} />;
  const ready = (suggestion.data !== undefined || suggestion.error !== null) && !suggestion.isFetching && (customerId === undefined || customer.data !== undefined);
  if (!ready) return <Loading />;
  const fixed = customer.data ? { id: customer.data.id, name: customer.data.name, code: customer.data.code } : null;
  const initial = emptyContract(suggestion.data?.number ?? '', fixed, canOwnCustomers(session.user.role) ? session.user.id : null);
  return <ContractForm original={null} initial={initial} customerFixed={fixed !== null} />;
}

/** Editing: from what the core has now, taken once (later reloads must not replace what is typed). */
export function EditContractPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const stored = useCoreQuery('contracts.get', { id }, { refetchOnMount: 'always' });
  const [first, setFirst] = useState<Contract | null>(null);
  useEffect(() => {
    if (first === null && stored.data && !stored.isFetching) setFirst(stored.data);
  }, [first, stored.data, stored.isFetching]);
  const reload = useCallback(async () => (await stored.refetch()).data ?? null, [stored]);

  if (first) return <ContractForm original={first} initial={valuesFromContract(first)} customerFixed={false} reload={reload} />;
  if (stored.error) return <Failed message={errorMessage(t, stored.error)} />;
  return <Loading />;
}
