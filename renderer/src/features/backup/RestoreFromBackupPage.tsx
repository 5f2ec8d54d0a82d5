import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import type { BackupManifest } from '../../../../shared/api/backup.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { VerifyRestorePanel } from './VerifyRestorePanel.tsx';

type Props = { onRestored: (manifest: BackupManifest) => void; onBack: () => void };

/** First run on a new PC: bring a shop back from its backup file instead of setting up a new one. */
export function RestoreFromBackupPage({ onRestored, onBack }: Props) {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper component="section" sx={{ p: 4, width: '100%', maxWidth: 640 }} aria-labelledby="restore-setup-title">
        <Stack spacing={2.5}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography id="restore-setup-title" variant="h5" component="h1">
              {t('backup.setup.title')}
            </Typography>
            <LanguageSwitch color="primary" />
          </Stack>
          <Typography color="text.secondary">{t('backup.setup.intro')}</Typography>
          <VerifyRestorePanel mode="setup" onRestored={onRestored} />
          <Box>
            <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
              {t('backup.setup.back')}
            </Button>
          </Box>
        </Stack>
      </Paper>
    </Box>
  );
}
