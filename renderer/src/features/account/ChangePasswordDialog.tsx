import { Button, Dialog, DialogContent, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../app/notify.tsx';
import { useSession } from '../../app/session.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** "Change password" from the user menu or Settings → My account. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session, updateSession } = useSession();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="change-password-title" fullWidth maxWidth="xs">
      <DialogTitle id="change-password-title">{t('account.changePassword')}</DialogTitle>
      <DialogContent sx={{ pt: '8px !important' }}>
        {/* Unmounted when closed, so the typed passwords never linger in memory. */}
        {open ? (
          <ChangePasswordForm
            username={session.user.username}
            onChanged={(session) => {
              updateSession(session);
              onClose();
              notify({ message: t('account.passwordChanged') });
            }}
            extraActions={<Button onClick={onClose}>{t('common.cancel')}</Button>}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
