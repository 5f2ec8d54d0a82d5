import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VisitDraft, type Visit } from '../../../../shared/api/visits.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useForm } from '../../app/use-form.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { useOverlapText } from './use-visit-changes.ts';
import { draftFromValues, mergeOverTheirs, valuesFromVisit, type VisitValues } from './visit-draft.ts';
import { VisitFormFields } from './VisitFormFields.tsx';

/** The banner's error when the fields show what is wrong. */
const FIELDS_REFUSED: AppError = { code: 'VALIDATION', message: 'form: invalid fields' };

type Props = {
  /** The visit as the core had it when editing began (null: a new one). */
  original: Visit | null;
  initial: VisitValues;
  customerFixed: boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<Visit | null>;
};

/** One form for planning and editing a visit. */
export function VisitForm({ original: loaded, initial, customerFixed, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const overlapText = useOverlapText();
  const allUsers = useUsers();
  const [original, setOriginal] = useState(loaded);
  const form = useForm<VisitValues>(VisitDraft, initial);
  const { values, update } = form;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);

  // The chosen customer's contacts and address.
  const customer = useCoreQuery('customers.get', { id: values.customerId ?? 0 }, { enabled: values.customerId !== null });
  // The customer whose address goes into the address field once loaded (a customer just chosen
  // while the field was empty or still held the previous customer's address).
  const fillAddressOf = useRef<number | null>(null);
  const lastAddress = useRef<string | null>(null);
  useEffect(() => {
    if (customer.data) lastAddress.current ??= customer.data.address;
    if (!customer.data || fillAddressOf.current !== customer.data.id) return;
    fillAddressOf.current = null;
    lastAddress.current = customer.data.address;
    update((prev) => ({ ...prev, address: customer.data.address }));
  }, [customer.data, update]);

  const onCustomer = (next: CustomerOption | null) => {
    const keepTyped = values.address !== '' && values.address !== lastAddress.current;
    fillAddressOf.current = next && !keepTyped ? next.id : null;
    form.update((prev) => ({ ...prev, customer: next, customerId: next?.id ?? null, contactId: null }), 'customerId', 'contactId');
  };

  // Who may go: active users who can be responsible for customers, and whoever already goes.
  const staff = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.staffId).map((u) => ({ id: u.id, name: u.displayName || u.username }));

  const save = async () => {
    setFailure(null);
    if (!form.check()) {
      setFailure(FIELDS_REFUSED);
      return;
    }
    setSaving(true);
    const draft = draftFromValues(values);
    try {
      const change = original ? await call('visits.update', { ...draft, id: original.id, version: original.version }) : await call('visits.create', draft);
      form.markClean();
      dataChanged(); // the agenda, the customer's timeline, the audit log
      const saved = t(original ? 'visitForm.saved' : 'visitForm.created', { name: change.visit.customerName });
      const warning = overlapText(change.visit.staffName, change.overlaps);
      // Overlaps are a warning, never a refusal: saved, and said so where the visit is shown.
      notify(warning ? { message: t('visits.withWarning', { done: saved, warning }), severity: 'warning' } : { message: saved });
      navigate({ name: 'visit', id: change.visit.id }, { replace: true });
    } catch (caught) {
      const error = caught as AppError; // call() throws the core's error value
      if (error.code === 'CONFLICT' && original) setConflict(true);
      else setFailure(form.applyFailure(error) ? FIELDS_REFUSED : error);
    } finally {
      setSaving(false);
    }
  };

  // Their version underneath, what was typed on top: nothing typed is lost.
  const reloadKeepingEdits = async () => {
    setConflict(false);
    setFailure(null);
    const theirs = await reload?.().catch((error: AppError) => {
      setFailure(error);
      return null;
    });
    if (!theirs || !original) return;
    const { values: merged, kept } = mergeOverTheirs(valuesFromVisit(original), values, valuesFromVisit(theirs));
    setOriginal(theirs);
    form.update(() => merged, ...kept);
    notify({ message: t('visitForm.reloadedKept'), severity: 'info' });
  };

  const leave = () => {
    if (original) navigate({ name: 'visit', id: original.id });
    else if (customerFixed && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'visits' });
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
          <Typography variant="h5" component="h1" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {original ? t('visitForm.titleEdit', { name: original.customerName }) : t('visitForm.titleNew')}
          </Typography>
          <Button onClick={() => (form.dirty ? setConfirmLeave(true) : leave())} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Stack>

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

        <VisitFormFields form={form} contacts={customer.data?.contacts ?? []} staff={staff} customerFixed={customerFixed} onCustomer={onCustomer} />
      </Stack>

      <Dialog open={conflict} onClose={() => setConflict(false)} aria-labelledby="visit-conflict-title">
        <DialogTitle id="visit-conflict-title">{t('visitForm.conflictTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('visitForm.conflictBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConflict(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void reloadKeepingEdits()} autoFocus>
            {t('visitForm.conflictReload')}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={confirmLeave} onClose={() => setConfirmLeave(false)} aria-labelledby="visit-leave-title">
        <DialogTitle id="visit-leave-title">{t('form.leaveTitle')}</DialogTitle>
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
