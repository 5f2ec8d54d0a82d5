import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../../../shared/api/contracts.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';

/** Ends the contract on a chosen day, with a reason; the dialog is the confirmation. */
export function TerminateDialog({ contract: c, onClose }: { contract: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const terminate = useCoreMutation('contracts.terminate');
  // The shop's local day (this PC's), as everywhere "today" is meant.
  const [on, setOn] = useState(() => localDay(Date.now()));
  const [reason, setReason] = useState('');
  const fieldErrors = terminate.error ? serverFieldErrors(terminate.error) : {};
  const onProblem = on === '' ? t('validation.required') : fieldErrors.on ? issueMessage(t, fieldErrors.on) : undefined;
  const reasonProblem = fieldErrors.reason ? issueMessage(t, fieldErrors.reason) : undefined;
  const general = terminate.error && !fieldErrors.on && !fieldErrors.reason ? errorMessage(t, terminate.error) : null;

  const confirm = () => {
    if (on === '') return;
    terminate.mutate(
      { id: c.id, version: c.version, on, reason },
      {
        onSuccess: (saved) => {
          notify({ message: t('contractDetail.terminated', { number: saved.number }) });
          onClose();
        },
        // A stale version: show the stored one behind the dialog, so trying again uses it.
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="terminate-title" fullWidth maxWidth="sm">
      <DialogTitle id="terminate-title" sx={{ overflowWrap: 'anywhere' }}>
        {t('contractDetail.terminateTitle', { number: c.number })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>{t('contractDetail.terminateBody')}</DialogContentText>
        <Stack spacing={2} sx={{ mt: 2 }}>
          <TextField
            type="date"
            label={t('contractDetail.terminateOn')}
            value={on}
            onChange={(e) => setOn(e.target.value)}
            error={onProblem !== undefined}
            helperText={onProblem}
            required
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            label={t('contractDetail.terminateReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonProblem !== undefined}
            helperText={reasonProblem}
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </Stack>
        {general ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {general}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color="warning" variant="contained" onClick={confirm} disabled={terminate.isPending || on === ''}>
          {t('contractDetail.terminateConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function useRestore() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (c: { id: number; number: string }) =>
    call('contracts.restore', { id: c.id }).then(
      () => {
        dataChanged();
        notify({ message: t('contractDetail.restored', { number: c.number }) });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

export function RestoreContractButton({ contract }: { contract: { id: number; number: string } }) {
  const { t } = useTranslation();
  const restore = useRestore();
  return (
    <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(contract)}>
      {t('contractDetail.restore')}
    </Button>
  );
}

/** Moves the contract to the recycle bin, with an undo in the notice. */
export function DeleteContractDialog({ contract: c, onClose }: { contract: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('contracts.delete');
  const restore = useRestore();
  const confirm = () =>
    remove.mutate(
      { id: c.id, version: c.version },
      {
        onSuccess: () => {
          navigate({ name: 'contracts' });
          notify({ message: t('contractDetail.deleted', { number: c.number }), action: { label: t('common.undo'), onClick: () => void restore(c) } });
        },
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="delete-contract-title"
      title={t('contractDetail.deleteTitle')}
      body={t('contractDetail.deleteBody', { number: c.number, title: c.title })}
      problem={remove.error ? errorMessage(t, remove.error) : null}
      confirmLabel={t('common.delete')}
      color="error"
      pending={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
