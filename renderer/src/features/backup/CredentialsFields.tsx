import { FormControlLabel, Stack, Switch, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract.ts';
import { monospace } from '../../app/theme.ts';

export type CredentialValues = { useRecoveryKey: boolean; username: string; password: string; recoveryKey: string };

export const EMPTY_CREDENTIALS: CredentialValues = { useRecoveryKey: false, username: '', password: '', recoveryKey: '' };

export type BackupCredentials = MethodInput<'backup.verify'>['credentials'];

/** What the contract takes, or null while something needed is still empty. */
export function toCredentials(values: CredentialValues): BackupCredentials | null {
  if (values.useRecoveryKey) return values.recoveryKey.trim() ? { recoveryKey: values.recoveryKey } : null;
  return values.username.trim() && values.password ? { username: values.username, password: values.password } : null;
}

type Props = { values: CredentialValues; onChange: (values: CredentialValues) => void; disabled?: boolean };

/** A password valid when the backup was made (with its user name), or the recovery key. */
export function CredentialsFields({ values, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof CredentialValues>(key: K, value: CredentialValues[K]) => onChange({ ...values, [key]: value });
  return (
    <Stack spacing={2}>
      <FormControlLabel
        control={<Switch checked={values.useRecoveryKey} onChange={(e) => set('useRecoveryKey', e.target.checked)} disabled={disabled} />}
        label={t('backup.useRecoveryKey')}
      />
      {values.useRecoveryKey ? (
        <TextField
          label={t('backup.recoveryKey')}
          name="recoveryKey"
          autoComplete="off"
          value={values.recoveryKey}
          onChange={(e) => set('recoveryKey', e.target.value)}
          helperText={t('recover.recoveryKeyHint')}
          disabled={disabled}
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', style: { fontFamily: monospace } } }}
        />
      ) : (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label={t('backup.username')}
            name="backupUsername"
            autoComplete="off"
            value={values.username}
            onChange={(e) => set('username', e.target.value)}
            disabled={disabled}
            fullWidth
          />
          <TextField
            label={t('backup.password')}
            name="backupPassword"
            type="password"
            autoComplete="off"
            value={values.password}
            onChange={(e) => set('password', e.target.value)}
            helperText={t('backup.passwordHelp')}
            disabled={disabled}
            fullWidth
          />
        </Stack>
      )}
    </Stack>
  );
}
