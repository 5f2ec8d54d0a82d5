import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/credentials.ts';
import { containsUsername } from '../../../../shared/password-rules.ts';
import type { FieldErrors } from '../../app/validation.ts';
import { PasswordStrength } from '../setup/PasswordStrength.tsx';

type Props = {
  /** Field name the core reports problems under ('password' or 'newPassword'). */
  name: string;
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  error?: string;
  confirmError?: string;
  label?: string;
  confirmLabel?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
};

/** A new password with the strength hint of set-up and a confirmation: every place a password is chosen. */
export function NewPasswordFields({ name, value, confirm, onChange, onConfirmChange, error, confirmError, label, confirmLabel, readOnly, autoFocus }: Props) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      <TextField
        label={label ?? t('account.newPassword')}
        name={name}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error !== undefined}
        helperText={error ?? t('setup.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        slotProps={{ htmlInput: { readOnly } }}
        autoFocus={autoFocus}
        fullWidth
      />
      {/* A password with a problem (the user name in it, refused by the core) is never rated strong. */}
      <PasswordStrength password={value} refused={error !== undefined} />
      <TextField
        label={confirmLabel ?? t('account.confirmNewPassword')}
        name={`${name}Confirm`}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirmChange(e.target.value)}
        error={confirmError !== undefined}
        helperText={confirmError}
        slotProps={{ htmlInput: { readOnly } }}
        fullWidth
      />
    </Stack>
  );
}

/**
 * The checks every password form adds to the contract's schema: the confirmation matches, and the
 * core's rule against the user name (`username` of the values: the typed name, or a fixed one).
 */
export function confirmCheck<T extends Record<string, unknown>>(field: keyof T & string, confirmField: keyof T & string, username?: (values: T) => string) {
  return (values: T): FieldErrors => {
    const errors: FieldErrors = {};
    const password = String(values[field] ?? '');
    if (username && containsUsername(password, username(values))) errors[field] = { message: 'containsUsername' };
    if (values[confirmField] !== values[field]) errors[confirmField] = { message: 'passwordMismatch' };
    return errors;
  };
}
