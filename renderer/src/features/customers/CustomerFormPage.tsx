import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerDraft, type Customer } from '../../../../shared/api/customers.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { useForm } from '../../app/use-form.ts';
import { ContactsFields } from './ContactsFields.tsx';
import { lunarBirthdayErrors, maskedPaths } from './customer-form-checks.ts';
import { CustomerFormFields } from './CustomerFormFields.tsx';
import { draftFromValues, emptyCustomer, valuesFromCustomer, type CustomerValues } from './draft.ts';
import { useFacets, useUsers } from './use-users.ts';

/** The banner's error when the fields show what is wrong (after a check here or the core's reasons). */
const FIELDS_REFUSED: AppError = { code: 'VALIDATION', message: 'form: invalid fields' };

/** One form for creating (`id` null) and editing a customer. */
export function CustomerFormPage({ id }: { id: number | null }) {
  const { t } = useTranslation();
  // Edited from what the core has now, not from a cached copy that may be older.
  const stored = useCoreQuery('customers.get', { id: id ?? 0 }, { enabled: id !== null, refetchOnMount: 'always' });
  // The version editing starts from, taken once: later reloads (after a write elsewhere) must not
  // replace what is being typed.
  const [first, setFirst] = useState<Customer | null>(null);
  useEffect(() => {
    if (first === null && stored.data && !stored.isFetching) setFirst(stored.data);
  }, [first, stored.data, stored.isFetching]);
  const reload = useCallback(async () => (await stored.refetch()).data ?? null, [stored]);

  if (id === null) return <CustomerForm original={null} />;
  if (first) return <CustomerForm original={first} reload={reload} />;
  if (stored.error) {
    return (
      <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'customers' })}>{t('detail.back')}</Button>}>
        {errorMessage(t, stored.error)}
      </Alert>
    );
  }
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
      <CircularProgress aria-label={t('app.loading')} />
    </Box>
  );
}

type FormProps = {
  /** The customer as the core had it when editing began (null: a new one). */
  original: Customer | null;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<Customer | null>;
};

function CustomerForm({ original: loaded, reload }: FormProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const allUsers = useUsers();
  const facets = useFacets();
  // The version being edited: replaced by theirs when the user takes it after a conflict.
  const [original, setOriginal] = useState(loaded);
  const masked = useCallback((values: CustomerValues) => maskedPaths(original, values), [original]);
  const lunarChecks = useCallback((values: CustomerValues) => lunarBirthdayErrors(original, values), [original]);
  // A new customer's responsible staff member is whoever creates it (changeable), as in the core.
  const initial = () =>
    loaded ? valuesFromCustomer(loaded) : { ...emptyCustomer(), ownerId: canOwnCustomers(session.user.role) ? session.user.id : null };
  const form = useForm<CustomerValues>(CustomerDraft, initial, lunarChecks, masked);
  const { values, reset } = form;
  const hidden = masked(values);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);

  // Who may be made responsible: active users whose role can own customers, and whoever already is.
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.ownerId);

  const save = async () => {
    setFailure(null);
    if (!form.check()) {
      setFailure(FIELDS_REFUSED);
      return;
    }
    setSaving(true);
    const draft = draftFromValues(values);
    try {
      const saved = original ? await call('customers.update', { ...draft, id: original.id, version: original.version }) : await call('customers.create', draft);
      form.markClean();
      dataChanged(); // the list, its count and facets, search, the audit log
      notify({ message: t(original ? 'form.saved' : 'form.created', { name: saved.name }) });
      navigate({ name: 'customer', id: saved.id }, { replace: true });
    } catch (caught) {
      const error = caught as AppError; // call() throws the core's error value
      if (error.code === 'CONFLICT') {
        // Never overwrite someone else's change: the user decides what happens to their edits.
        setConflict(true);
        return;
      }
      // Reasons the core names go onto their fields (a responsible staff member who left meanwhile,
      // one a scoped staff member may not choose), and reasons about fields this form does not show
      // under the banner; the banner stays, as after a refused check here: on a long form it says
      // where to look.
      const named = form.applyFailure(error);
      setFailure(named ? FIELDS_REFUSED : error);
    } finally {
      setSaving(false);
    }
  };

  const reloadTheirs = async () => {
    setConflict(false);
    setFailure(null);
    const theirs = await reload?.();
    if (theirs) {
      setOriginal(theirs);
      reset(valuesFromCustomer(theirs));
    }
    notify({ message: t('form.reloaded'), severity: 'info' });
  };

  const leave = () => {
    if (original) navigate({ name: 'customer', id: original.id });
    else navigate({ name: 'customers' });
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      sx={{ maxWidth: 1100, mx: 'auto' }}
    >
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
            {original ? t('form.titleEdit', { name: original.name }) : t('form.titleNew')}
          </Typography>
          <Button onClick={() => (form.dirty ? setConfirmLeave(true) : leave())} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Stack>

        {/* "Check the highlighted fields" only when one is: the core's reasons about fields this form
            does not show are listed below on their own. */}
        {failure && !(failure === FIELDS_REFUSED && form.otherErrors.length > 0 && !form.hasServerFieldErrors) ? (
          <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
            {errorMessage(t, failure)}
          </Alert>
        ) : null}
        {form.otherErrors.map((message) => (
          <Alert key={message} severity="warning" role="alert">
            {message}
          </Alert>
        ))}

        <CustomerFormFields form={form} hidden={hidden} facets={facets} users={users} isNew={original === null} />
        <ContactsFields form={form} hidden={hidden} />
      </Stack>

      <Dialog open={conflict} onClose={() => setConflict(false)} aria-labelledby="conflict-title">
        <DialogTitle id="conflict-title">{t('form.conflictTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('form.conflictBody')}</DialogContentText>
          <DialogContentText sx={{ mt: 1 }}>{t('form.conflictConfirmBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConflict(false)} autoFocus>
            {t('form.conflictKeep')}
          </Button>
          <Button color="warning" variant="contained" onClick={() => void reloadTheirs()}>
            {t('form.conflictReload')}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={confirmLeave} onClose={() => setConfirmLeave(false)} aria-labelledby="leave-title">
        <DialogTitle id="leave-title">{t('form.leaveTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('form.leaveBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmLeave(false)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="warning" onClick={leave}>
            {t('form.leaveConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
