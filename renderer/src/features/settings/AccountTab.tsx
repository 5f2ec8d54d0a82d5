import { Button, Paper, Stack, Typography } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { ChangePasswordDialog } from '../account/ChangePasswordDialog.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

/** What every user may change for themselves. */
export function AccountTab() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [changing, setChanging] = useState(false);
  const { user } = session;
  return (
    <Stack spacing={2}>
      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2">
          {t('account.title')}
        </Typography>
        <Typography sx={{ mt: 1 }}>
          {t('account.signedInAs', { name: user.displayName || user.username, username: user.username, role: t(`roles.${user.role}`) })}
        </Typography>
        <Button sx={{ mt: 2 }} variant="outlined" startIcon={<KeyIcon />} onClick={() => setChanging(true)}>
          {t('account.changePassword')}
        </Button>
      </Paper>
      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2">
          {t('language.label')}
        </Typography>
        <Stack direction="row" sx={{ mt: 1 }}>
          <LanguageSwitch color="primary" />
        </Stack>
      </Paper>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </Stack>
  );
}
