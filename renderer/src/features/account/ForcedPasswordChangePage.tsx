import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

type Props = { session: SessionInfo; onChanged: (session: SessionInfo) => void; onSignOut: () => void };

/** After an initial or reset password the core allows nothing else: the user picks their own first. */
export function ForcedPasswordChangePage({ session, onChanged, onSignOut }: Props) {
  const { t } = useTranslation();
  const name = session.user.displayName || session.user.username;
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ p: 4, width: '100%', maxWidth: 480 }} aria-labelledby="forced-change-title">
        <Stack spacing={2.5}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography id="forced-change-title" variant="h5" component="h1">
              {t('account.forcedTitle')}
            </Typography>
            <LanguageSwitch color="primary" />
          </Stack>
          <Typography color="text.secondary">{t('account.forcedIntro', { name, shop: session.shopName })}</Typography>
          <ChangePasswordForm
            username={session.user.username}
            onChanged={onChanged}
            oldPasswordLabel={t('account.givenPassword')}
            extraActions={<Button onClick={onSignOut}>{t('shell.signOut')}</Button>}
          />
        </Stack>
      </Paper>
    </Box>
  );
}
