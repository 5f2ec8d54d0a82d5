import { Alert, DialogContentText, TextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/users.ts';
import { contract } from '../../../../shared/api/contract.ts';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { call } from '../../app/query.ts';
import { useNotify } from '../../app/notify.tsx';
import { useForm } from '../../app/use-form.ts';
import { confirmCheck, NewPasswordFields } from '../account/NewPasswordFields.tsx';
import { FormDialog, NATIVE_SELECT, OtherErrors, userErrorText, useSubmit } from './UserDialogParts.tsx';

type AddValues = { username: string; displayName: string; role: Role; password: string; confirmPassword: string };
const addSchema = contract['users.create'].input;
const addMatches = confirmCheck<AddValues>('password', 'confirmPassword', (values) => values.username);
const EMPTY_ADD: AddValues = { username: '', displayName: '', role: 'staff', password: '', confirmPassword: '' };

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
      () => call('users.create', { username: values.username, displayName: values.displayName, role: values.role, password: values.password }),
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
    const updated = await run(() => call('users.setRole', { id: user.id, version: user.version, role }));
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
        ? await run(() => call('users.resetPassword', { id: user.id, newPassword: values.newPassword }), onFields)
        : await run(() => call('users.reactivate', { id: user.id, version: user.version, newPassword: values.newPassword }), onFields);
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
    const updated = await run(() => call('users.deactivate', { id: user.id, version: user.version }));
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
