import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractDraft, type Contract } from '../../../../shared/api/contracts.ts';
import { detailsOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useForm } from '../../app/use-form.ts';
import { useUsers } from '../customers/use-users.ts';
import { amountErrors, draftFromValues, mergeOverTheirs, valuesFromContract, type ContractValues } from './contract-draft.ts';
import { ContractFormFields } from './ContractFormFields.tsx';

/** The banner's error when the fields show what is wrong. */
const FIELDS_REFUSED: AppError = { code: 'VALIDATION', message: 'form: invalid fields' };

type Props = {
  /** The contract as the core had it when editing began (null: a new one). */
  original: Contract | null;
  initial: ContractValues;
  customerFixed: boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<Contract | null>;
};

/** One form for creating and editing a contract. */
export function ContractForm({ original: loaded, initial, customerFixed, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const allUsers = useUsers();
  // The version being edited: replaced by theirs when a conflict is resolved.
  const [original, setOriginal] = useState(loaded);
  const form = useForm<ContractValues>(ContractDraft, initial, amountErrors);
  const { values } = form;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [takenNumber, setTakenNumber] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const numberRef = useRef<HTMLInputElement>(null);

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
      const saved = original ? await call('contracts.update', { ...draft, id: original.id, version: original.version }) : await call('contracts.create', draft);
      form.markClean();
      dataChanged(); // the list, its summary, the nav badge, the customer's page, the audit log
      notify({ message: t(original ? 'contractForm.saved' : 'contractForm.created', { number: saved.number }) });
      navigate({ name: 'contract', id: saved.id }, { replace: true });
    } catch (caught) {
      const error = caught as AppError; // call() throws the core's error value
      const taken = detailsOf(error, 'CONFLICT');
      if (taken && 'reason' in taken && taken.reason === 'number') {
        // Said on the number field (the one to change), which takes the focus.
        setTakenNumber(taken.number);
        setFailure(FIELDS_REFUSED);
        numberRef.current?.focus();
      } else if (error.code === 'CONFLICT') {
        // Someone saved this contract meanwhile: never overwrite it unseen.
        setConflict(true);
      } else {
        setFailure(form.applyFailure(error) ? FIELDS_REFUSED : error);
      }
    } finally {
      setSaving(false);
    }
  };

  // Their version underneath, what was typed on top: nothing typed is lost, and the next save
  // goes onto the version now stored.
  const reloadKeepingEdits = async () => {
    setConflict(false);
    setFailure(null);
    const theirs = await reload?.().catch((error: AppError) => {
      setFailure(error);
      return null;
    });
    if (!theirs || !original) return;
    const { values: merged, kept } = mergeOverTheirs(valuesFromContract(original), values, valuesFromContract(theirs));
    setOriginal(theirs);
    form.update(() => merged, ...kept);
    notify({ message: t('contractForm.reloadedKept'), severity: 'info' });
  };

  const leave = () => {
    if (original) navigate({ name: 'contract', id: original.id });
    else if (customerFixed && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'contracts' });
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
            {original ? t('contractForm.titleEdit', { number: original.number }) : t('contractForm.titleNew')}
          </Typography>
          <Button onClick={() => (form.dirty ? setConfirmLeave(true) : leave())} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Stack>

        {failure && !(failure === FIELDS_REFUSED && form.otherErrors.length > 0 && !form.hasServerFieldErrors && takenNumber === null) ? (
          <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
            {errorMessage(t, failure)}
          </Alert>
        ) : null}
        {form.otherErrors.map((message) => (
          <Alert key={message} severity="warning" role="alert">
            {message}
          </Alert>
        ))}

        <ContractFormFields
          form={form}
          users={users}
          customerFixed={customerFixed}
          takenNumber={takenNumber}
          onNumberEdited={() => setTakenNumber(null)}
          numberRef={numberRef}
          isNew={original === null}
        />
      </Stack>

      <Dialog open={conflict} onClose={() => setConflict(false)} aria-labelledby="contract-conflict-title">
        <DialogTitle id="contract-conflict-title">{t('contractForm.conflictTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('contractForm.conflictBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConflict(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void reloadKeepingEdits()} autoFocus>
            {t('contractForm.conflictReload')}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={confirmLeave} onClose={() => setConfirmLeave(false)} aria-labelledby="contract-leave-title">
        <DialogTitle id="contract-leave-title">{t('form.leaveTitle')}</DialogTitle>
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
