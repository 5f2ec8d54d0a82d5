import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordDraft, type RecordDetail } from '../../../../shared/api/records.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useForm } from '../../app/use-form.ts';
import { useUsers } from '../customers/use-users.ts';
import { draftFromValues, mergeOverTheirs, updateFromValues, valuesFromRecord, type RecordValues } from './record-draft.ts';
import { RecordFormFields } from './RecordFormFields.tsx';

/** The banner's error when the fields show what is wrong. */
const FIELDS_REFUSED: AppError = { code: 'VALIDATION', message: 'form: invalid fields' };

type Props = {
  /** The record as the core had it when editing began (null: a new one). */
  original: RecordDetail | null;
  initial: RecordValues;
  customerFixed: boolean;
  /** Where Cancel goes for a new record: the customer's page it was opened from, else the list. */
  backToCustomer: boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<RecordDetail | null>;
};

/** One form for creating and editing a service record or a communication. */
export function RecordForm({ original: loaded, initial, customerFixed, backToCustomer, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const allUsers = useUsers();
  const [original, setOriginal] = useState(loaded);
  const form = useForm<RecordValues>(RecordDraft, initial);
  const { values } = form;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);

  // Who may be named: active users whose role serves customers, and whoever already is (the core
  // refuses an inactive one as a new choice).
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.staffId);

  const save = async () => {
    setFailure(null);
    if (!form.check()) {
      setFailure(FIELDS_REFUSED);
      return;
    }
    setSaving(true);
    try {
      const saved = original ? await call('records.update', updateFromValues(values, original.id, original.version)) : await call('records.create', draftFromValues(values));
      form.markClean();
      dataChanged(); // the lists, the customer's timeline, follow-ups, the audit log
      notify({ message: t(original ? 'recordForm.saved' : 'recordForm.created') });
      navigate({ name: 'record', id: saved.id }, { replace: true });
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
    const { values: merged, kept } = mergeOverTheirs(valuesFromRecord(original), values, valuesFromRecord(theirs));
    setOriginal(theirs);
    form.update(() => merged, ...kept);
    notify({ message: t('recordForm.reloadedKept'), severity: 'info' });
  };

  const leave = () => {
    if (original) navigate({ name: 'record', id: original.id });
    else if (backToCustomer && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'service' });
  };

  const title = original ? t(`recordForm.titleEdit.${values.kind}`) : t(`recordForm.titleNew.${values.kind}`);
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
            {title}
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

        <RecordFormFields form={form} users={users} customerFixed={customerFixed} />
      </Stack>

      <Dialog open={conflict} onClose={() => setConflict(false)} aria-labelledby="record-conflict-title">
        <DialogTitle id="record-conflict-title">{t('recordForm.conflictTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('recordForm.conflictBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConflict(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void reloadKeepingEdits()} autoFocus>
            {t('recordForm.conflictReload')}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={confirmLeave} onClose={() => setConfirmLeave(false)} aria-labelledby="record-leave-title">
        <DialogTitle id="record-leave-title">{t('form.leaveTitle')}</DialogTitle>
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
