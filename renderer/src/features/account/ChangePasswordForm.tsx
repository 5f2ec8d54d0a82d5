import { Alert, Button, CircularProgress, Stack, TextField } from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/api/contract.ts';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useForm } from '../../app/use-form.ts';
import type { FieldErrors } from '../../app/validation.ts';
import { attemptsLeft } from '../signin/lockout.ts';
import { SignInFailure, useSignInFailure } from '../signin/SignInFailure.tsx';
import { confirmCheck, NewPasswordFields } from './NewPasswordFields.tsx';

type Values = { oldPassword: string; newPassword: string; confirmPassword: string };

const schema = contract['auth.changePassword'].input;

/** The core's checks, as you type: confirmation, not the user name, not the current password. */
function checksFor(username: string) {
  const confirm = confirmCheck<Values>('newPassword', 'confirmPassword', () => username);
  return (values: Values): FieldErrors => {
    const errors = confirm(values);
    if (values.newPassword !== '' && values.newPassword === values.oldPassword) errors.newPassword ??= { message: 'samePassword' };
    return errors;
  };
}

type Props = {
  /** Whose password: the new one must not contain this name (the core refuses it). */
  username: string;
  onChanged: (session: SessionInfo) => void;
  /** Buttons beside "Change password" (Cancel in the dialog, Sign out on the forced screen). */
  extraActions?: ReactNode;
  oldPasswordLabel?: string;
};

/** Old password, new password and its confirmation → `auth.changePassword`. */
export function ChangePasswordForm({ username, onChanged, extraActions, oldPasswordLabel }: Props) {
  const { t } = useTranslation();
  const checks = useMemo(() => checksFor(username), [username]);
  const form = useForm<Values>(schema, { oldPassword: '', newPassword: '', confirmPassword: '' }, checks);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  // Wrong current passwords count towards the user's sign-in lock-out: say how many are left, and the countdown.
  const [left, setLeft] = useState<number | null>(null);
  const lockout = useSignInFailure(username);
  const { values } = form;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setLeft(null);
    lockout.report(null, username);
    if (!form.check()) return;
    setBusy(true);
    const result = await invoke('auth.changePassword', { oldPassword: values.oldPassword, newPassword: values.newPassword });
    setBusy(false);
    if (result.ok) {
      onChanged(result.value);
      return;
    }
    logError(result.error);
    if (result.error.code === 'LOCKED_OUT') {
      lockout.report(result.error, username);
      return;
    }
    if (result.error.code === 'BAD_PASSWORD') setLeft(attemptsLeft(result.error));
    // Reasons the core names (a wrong current password, the user name in the new one) go onto
    // their fields; only an error about no field gets a banner.
    if (!form.applyFailure(result.error)) setFailure(result.error);
  };

  return (
    <Stack component="form" noValidate onSubmit={submit} spacing={2.5}>
      <TextField
        label={oldPasswordLabel ?? t('account.oldPassword')}
        name="oldPassword"
        type="password"
        autoComplete="current-password"
        value={values.oldPassword}
        onChange={(e) => form.setField('oldPassword', e.target.value)}
        error={form.error('oldPassword') !== undefined}
        helperText={form.error('oldPassword')}
        slotProps={{ htmlInput: { readOnly: busy } }}
        autoFocus
        fullWidth
      />
      <NewPasswordFields
        name="newPassword"
        value={values.newPassword}
        confirm={values.confirmPassword}
        onChange={(v) => form.setField('newPassword', v)}
        onConfirmChange={(v) => form.setField('confirmPassword', v)}
        error={form.error('newPassword')}
        confirmError={form.error('confirmPassword')}
        readOnly={busy}
      />
      {form.otherErrors.map((message) => (
        <Alert key={message} severity="warning" role="alert">
          {message}
        </Alert>
      ))}
      {failure ? (
        <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
          {errorMessage(t, failure)}
        </Alert>
      ) : null}
      {left !== null ? (
        <Alert severity="warning" role="alert">
          {t('signin.attemptsLeft', { count: left })}
        </Alert>
      ) : null}
      <SignInFailure failure={lockout.failure} lockEnd={lockout.lockEnd} remainingSeconds={lockout.remainingSeconds} />
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        {extraActions}
        <Button type="submit" variant="contained" disabled={busy || lockout.locked} startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}>
          {t('account.changePassword')}
        </Button>
      </Stack>
    </Stack>
  );
}
