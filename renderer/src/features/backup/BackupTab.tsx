import { Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { AutoBackupSection } from './AutoBackupSection.tsx';
import { BackupList } from './BackupList.tsx';
import { BackupNowPanel } from './BackupNowPanel.tsx';
import { VerifyRestorePanel, type PanelRequest } from './VerifyRestorePanel.tsx';

/** Settings → Backup (owner): back up now, automatic backups, the backups kept, verify and restore. */
export function BackupTab() {
  const { t } = useTranslation();
  const { restored } = useSession();
  const [request, setRequest] = useState<PanelRequest | null>(null);
  const ask = (intent: PanelRequest['intent']) => (file: string) => setRequest({ file, intent, key: Date.now() });
  return (
    <Stack spacing={2}>
      <Paper component="section" sx={{ p: 3 }} aria-labelledby="backup-now-title">
        <Typography id="backup-now-title" variant="h6" component="h2">
          {t('backup.nowTitle')}
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 1, mb: 2 }}>
          {t('backup.nowIntro')}
        </Typography>
        <BackupNowPanel />
      </Paper>
      <AutoBackupSection />
      <BackupList onVerify={ask('verify')} onRestore={ask('restore')} />
      <Paper component="section" sx={{ p: 3 }} aria-labelledby="backup-verify-title">
        <Typography id="backup-verify-title" variant="h6" component="h2">
          {t('backup.verifyTitle')}
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 1, mb: 2 }}>
          {t('backup.verifyIntro')}
        </Typography>
        <VerifyRestorePanel mode="settings" request={request} onRestored={restored} />
      </Paper>
    </Stack>
  );
}
