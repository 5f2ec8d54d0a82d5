import {
  Alert,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import RestoreIcon from '@mui/icons-material/Restore';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/api/contract.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/credentials.ts';
import type { BackupManifest } from '../../../../shared/api/backup.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { containsUsername } from '../../../../shared/password-rules.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useForm } from '../../app/use-form.ts';
import type { FieldErrors } from '../../app/validation.ts';
import { RestoreFromBackupPage } from '../backup/RestoreFromBackupPage.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { PasswordStrength } from './PasswordStrength.tsx';

type Values = {
  shopName: string;
  ownerUsername: string;
  ownerDisplayName: string;
  password: string;
  confirmPassword: string;
  sampleData: boolean;
};

const schema = contract['setup.create'].input;

/** The confirmation, and the core's own password rule, checked as you type (shared/password-rules.ts). */
function passwordChecks(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (containsUsername(values.password, values.ownerUsername)) errors.password = { message: 'containsUsername' };
  if (values.confirmPassword !== values.password) errors.confirmPassword = { message: 'passwordMismatch' };
  return errors;
}

type Props = {
  onCreated: (created: MethodOutput<'setup.create'>) => void;
  onAlreadyInitialised: () => void;
  /** A new PC brought back from a backup file: sign in next, with a password valid in it. */
  onRestored: (manifest: BackupManifest) => void;
};

export function SetupPage({ onCreated, onAlreadyInitialised, onRestored }: Props) {
  const { t } = useTranslation();
  const form = useForm<Values>(
    schema,
    { shopName: '', ownerUsername: '', ownerDisplayName: '', password: '', confirmPassword: '', sampleData: false },
    passwordChecks,
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [restoring, setRestoring] = useState(false);
  const { values } = form;

  if (restoring) return <RestoreFromBackupPage onRestored={onRestored} onBack={() => setRestoring(false)} />;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!form.check()) return;
    setBusy(true);
    const result = await invoke('setup.create', {
      shopName: values.shopName,
      ownerUsername: values.ownerUsername,
      ownerDisplayName: values.ownerDisplayName,
      password: values.password,
      sampleData: values.sampleData,
    });
    setBusy(false);
    if (result.ok) {
      onCreated(result.value);
      return;
    }
    logError(result.error);
    if (result.error.code === 'ALREADY_INITIALISED') {
      onAlreadyInitialised();
      return;
    }
    // A reason the core names goes onto its field; only an error about no field gets a banner.
    if (!form.applyFailure(result.error)) setFailure(result.error);
  };

  const text = (key: keyof Values & string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => {
    const problem = form.error(key);
    const { helperText, ...rest } = extra;
    return (
      <TextField
        label={label}
        name={key}
        value={values[key]}
        onChange={(e) => form.setField(key, e.target.value)}
        slotProps={{ htmlInput: { readOnly: busy } }}
        fullWidth
        {...rest}
        // After `rest`: a problem always replaces the hint under the field.
        error={problem !== undefined}
        helperText={problem ?? helperText}
      />
    );
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      {/* Compact enough that the whole form, Create included, fits a 1366×768 window in both languages
          (test/e2e/layout.spec.ts): the two names share a row, gaps and padding are a step smaller. */}
      <Paper component="form" noValidate onSubmit={submit} sx={{ p: 3, width: '100%', maxWidth: 560 }} aria-labelledby="setup-title">
        <Stack spacing={2}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography id="setup-title" variant="h5" component="h1">
              {t('setup.title')}
            </Typography>
            <LanguageSwitch />
          </Stack>
          <Typography color="text.secondary">{t('setup.intro')}</Typography>
          {/* Near the top: on a small screen the form's end is below the fold, and someone moving to a
              new PC should not have to fill in (or scroll past) a set-up they do not want. */}
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
            <Typography variant="body2" color="text.secondary">
              {t('setup.restoreHint')}
            </Typography>
            <Button variant="outlined" size="small" startIcon={<RestoreIcon />} onClick={() => setRestoring(true)} disabled={busy}>
              {t('setup.restoreFromBackup')}
            </Button>
          </Stack>
          {text('shopName', t('setup.shopName'), { autoFocus: true })}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
            {text('ownerUsername', t('setup.ownerUsername'), { autoComplete: 'username' })}
            {text('ownerDisplayName', t('setup.ownerDisplayName'))}
          </Stack>
          {text('password', t('setup.password'), {
            type: 'password',
            autoComplete: 'new-password',
            helperText: t('setup.passwordHint', { count: MIN_PASSWORD_LENGTH }),
          })}
          <PasswordStrength password={values.password} refused={form.error('password') !== undefined || containsUsername(values.password, values.ownerUsername)} />
          {text('confirmPassword', t('setup.confirmPassword'), { type: 'password', autoComplete: 'new-password' })}
          <FormControlLabel
            control={
              <Checkbox
                checked={values.sampleData}
                onChange={(e) => form.setField('sampleData', e.target.checked)}
                disabled={busy}
              />
            }
            label={t('setup.sampleData')}
          />
          {form.otherErrors.map((message) => (
            <Alert key={message} severity="warning">
              {message}
            </Alert>
          ))}
          {failure ? <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'}>{errorMessage(t, failure)}</Alert> : null}
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={busy}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
          >
            {busy ? t('setup.creating') : t('setup.create')}
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
