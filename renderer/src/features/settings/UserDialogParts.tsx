import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { dataChanged } from '../../app/query.ts';

// What every dialog of Settings → Users is made of: the form frame, the call with its busy flag
// and refusal, and the sentences for refusals.

// Native selects: keyboard-friendly, and tests drive them with selectOption().
export const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/**
 * The core refuses to demote or deactivate the last active owner with CONFLICT and
 * details.reason 'lastOwner'; a stale version is CONFLICT too, so each gets its own sentence.
 */
export function userErrorText(t: ReturnType<typeof useTranslation>['t'], error: AppError): string {
  if (reasonOf(error, 'CONFLICT') === 'lastOwner') return t('users.lastOwner');
  return errorMessage(t, error);
}

export function FormDialog({
  open,
  title,
  onClose,
  onSubmit,
  busy,
  submitLabel,
  danger,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  busy: boolean;
  submitLabel: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="xs"
      aria-labelledby="user-dialog-title"
    >
      <Box
        component="form"
        noValidate
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
      <DialogTitle id="user-dialog-title">{title}</DialogTitle>
      <DialogContent sx={{ pt: '8px !important' }}>
        <Stack spacing={2}>{children}</Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          type="submit"
          variant="contained"
          color={danger ? 'error' : 'primary'}
          disabled={busy}
          startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
        >
          {submitLabel}
        </Button>
      </DialogActions>
      </Box>
    </Dialog>
  );
}

/** Problems the core named on no field of the dialog: still said, never lost. */
export function OtherErrors({ messages }: { messages: string[] }) {
  return messages.map((message) => (
    <Alert key={message} severity="warning" role="alert">
      {message}
    </Alert>
  ));
}

/**
 * Runs a call for a dialog: busy flag, the problems the core names on their fields (`onFields`
 * says whether it placed any), anything else in a banner.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const run = async <T,>(write: () => Promise<T>, onFields: (error: AppError) => boolean = () => false): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    try {
      const value = await write();
      dataChanged(); // the users list, owner names on customers, the audit log
      return value;
    } catch (error) {
      const refused = error as AppError; // call() throws the core's error value
      if (!onFields(refused)) setFailure(refused);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run, setFailure };
}

