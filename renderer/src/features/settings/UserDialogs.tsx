import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/auth.ts';
import { contract } from '../../../../shared/api/contract.ts';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import type { AppError, Result } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useForm } from '../../app/use-form.ts';
import { confirmCheck, NewPasswordFields } from '../account/NewPasswordFields.tsx';

// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/**
 * The core refuses to demote or deactivate the last active owner with CONFLICT and
 * details.reason 'lastOwner'; a stale version is CONFLICT too, so each gets its own sentence.
 */
function userErrorText(t: ReturnType<typeof useTranslation>['t'], error: AppError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (error.code === 'CONFLICT' && reason === 'lastOwner') return t('users.lastOwner');
  return errorMessage(t, error);
}

function FormDialog({
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
function OtherErrors({ messages }: { messages: string[] }) {
  return messages.map((message) => (
    <Alert key={message} severity="warning" role="alert">
      {message}
    </Alert>
  ));
}

type AddValues = { username: string; displayName: string; role: Role; password: string; confirmPassword: string };
const addSchema = contract['users.create'].input;
const addMatches = confirmCheck<AddValues>('password', 'confirmPassword', (values) => values.username);
const EMPTY_ADD: AddValues = { username: '', displayName: '', role: 'staff', password: '', confirmPassword: '' };

/**
 * Runs a call for a dialog: busy flag, the problems the core names on their fields (`onFields`
 * says whether it placed any), anything else in a banner.
 */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const run = async <T,>(call: () => Promise<Result<T>>, onFields: (error: AppError) => boolean = () => false): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    const result = await call();
    setBusy(false);
    if (result.ok) return result.value;
    logError(result.error);
    if (!onFields(result.error)) setFailure(result.error);
    return null;
  };
  return { busy, failure, run, setFailure };
}

export function AddUserDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<AddValues>(addSchema, EMPTY_ADD, addMatches);
  const { busy, failure, run, setFailure } = useSubmit();
  const { values } = form;

  const close = () => {
    form.reset(EMPTY_ADD);
    setFailure(null);
    onClose();
  };

  const submit = async () => {
    if (!form.check()) return;
    const user = await run(
      () => invoke('users.create', { username: values.username, displayName: values.displayName, role: values.role, password: values.password }),
      form.applyFailure,
    );
    if (!user) return;
    notify({ message: t('users.added', { name: user.username }) });
    form.reset(EMPTY_ADD);
    onDone();
  };

  return (
    <FormDialog open={open} title={t('users.addTitle')} onClose={close} onSubmit={() => void submit()} busy={busy} submitLabel={t('users.addSubmit')}>
      <TextField
        label={t('users.username')}
        name="username"
        autoComplete="off"
        value={values.username}
        onChange={(e) => form.setField('username', e.target.value)}
        error={form.error('username') !== undefined}
        helperText={form.error('username')}
        autoFocus
        fullWidth
      />
      <TextField
        label={t('users.displayName')}
        name="displayName"
        value={values.displayName}
        onChange={(e) => form.setField('displayName', e.target.value)}
        error={form.error('displayName') !== undefined}
        helperText={form.error('displayName')}
        fullWidth
      />
      <TextField
        select
        slotProps={NATIVE_SELECT}
        label={t('users.role')}
        name="role"
        value={values.role}
        onChange={(e) => form.setField('role', e.target.value as Role)} // options are ROLES
        helperText={t(`roles.help.${values.role}`)}
        fullWidth
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </TextField>
      <NewPasswordFields
        name="password"
        label={t('users.initialPassword')}
        confirmLabel={t('users.confirmInitialPassword')}
        value={values.password}
        confirm={values.confirmPassword}
        onChange={(v) => form.setField('password', v)}
        onConfirmChange={(v) => form.setField('confirmPassword', v)}
        error={form.error('password')}
        confirmError={form.error('confirmPassword')}
        readOnly={busy}
      />
      <Alert severity="info">{t('users.initialPasswordNote')}</Alert>
      <OtherErrors messages={form.otherErrors} />
      {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
    </FormDialog>
  );
}

type DialogProps = { user: User; onClose: () => void; onDone: () => void };

export function RoleDialog({ user, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [role, setRole] = useState<Role>(user.role);
  const { busy, failure, run } = useSubmit();

  const submit = async () => {
    const updated = await run(() => invoke('users.setRole', { id: user.id, version: user.version, role }));
    if (!updated) return;
    notify({ message: t('users.roleChanged', { name: user.username, role: t(`roles.${updated.role}`) }) });
    onDone();
  };

  return (
    <FormDialog open title={t('users.changeRoleTitle', { name: user.username })} onClose={onClose} onSubmit={() => void submit()} busy={busy} submitLabel={t('common.save')}>
      <TextField
        select
        slotProps={NATIVE_SELECT}
        label={t('users.role')}
        name="role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)} // options are ROLES
        helperText={t(`roles.help.${role}`)}
        autoFocus
        fullWidth
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </TextField>
      {failure ? (
        <Alert severity="error" role="alert">
          {userErrorText(t, failure)}
        </Alert>
      ) : null}
    </FormDialog>
  );
}

type PasswordValues = { newPassword: string; confirmPassword: string };
const passwordSchema = contract['users.resetPassword'].input.pick({ newPassword: true });

/** Reset a password, or reactivate with a new one: either way the user must choose their own next. */
export function UserPasswordDialog({ user, mode, onClose, onDone }: DialogProps & { mode: 'reset' | 'reactivate' }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const checks = useMemo(() => confirmCheck<PasswordValues>('newPassword', 'confirmPassword', () => user.username), [user.username]);
  const form = useForm<PasswordValues>(passwordSchema, { newPassword: '', confirmPassword: '' }, checks);
  const { busy, failure, run } = useSubmit();
  const { values } = form;

  const submit = async () => {
    if (!form.check()) return;
    const onFields = form.applyFailure;
    const updated =
      mode === 'reset'
        ? await run(() => invoke('users.resetPassword', { id: user.id, newPassword: values.newPassword }), onFields)
        : await run(() => invoke('users.reactivate', { id: user.id, version: user.version, newPassword: values.newPassword }), onFields);
    if (!updated) return;
    notify({ message: t(mode === 'reset' ? 'users.passwordWasReset' : 'users.reactivated', { name: user.username }) });
    onDone();
  };

  return (
    <FormDialog
      open
      title={t(mode === 'reset' ? 'users.resetTitle' : 'users.reactivateTitle', { name: user.username })}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      submitLabel={t(mode === 'reset' ? 'users.resetPassword' : 'users.reactivate')}
    >
      <DialogContentText>{t('users.newInitialPasswordNote', { name: user.username })}</DialogContentText>
      <NewPasswordFields
        name="newPassword"
        label={t('users.initialPassword')}
        confirmLabel={t('users.confirmInitialPassword')}
        value={values.newPassword}
        confirm={values.confirmPassword}
        onChange={(v) => form.setField('newPassword', v)}
        onConfirmChange={(v) => form.setField('confirmPassword', v)}
        error={form.error('newPassword')}
        confirmError={form.error('confirmPassword')}
        readOnly={busy}
        autoFocus
      />
      <OtherErrors messages={form.otherErrors} />
      {failure ? <Alert severity="error">{userErrorText(t, failure)}</Alert> : null}
    </FormDialog>
  );
}

export function DeactivateDialog({ user, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { busy, failure, run } = useSubmit();

  const submit = async () => {
    const updated = await run(() => invoke('users.deactivate', { id: user.id, version: user.version }));
    if (!updated) return;
    notify({ message: t('users.deactivated', { name: user.username }) });
    onDone();
  };

  return (
    <FormDialog open title={t('users.deactivateTitle', { name: user.username })} onClose={onClose} onSubmit={() => void submit()} busy={busy} submitLabel={t('users.deactivate')} danger>
      <DialogContentText>{t('users.deactivateBody', { name: user.username })}</DialogContentText>
      {failure ? (
        <Alert severity="error" role="alert">
          {userErrorText(t, failure)}
        </Alert>
      ) : null}
    </FormDialog>
  );
}
