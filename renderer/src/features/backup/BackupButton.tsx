import { Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Tooltip } from '@mui/material';
import BackupIcon from '@mui/icons-material/Backup';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.ts';
import { useBackupJob } from './backup-job.ts';
import { BackupNowPanel } from './BackupNowPanel.tsx';

/** The app bar's "Back up now" (owner): one click from anywhere opens the backup, with the folder remembered. */
export function BackupButton() {
  const { t } = useTranslation();
  const job = useBackupJob();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={t('backup.now')}>
        <IconButton color="inherit" aria-label={t('backup.now')} onClick={() => setOpen(true)}>
          {job.step === 'running' ? <CircularProgress size={22} color="inherit" aria-label={t('backup.running')} /> : <BackupIcon />}
        </IconButton>
      </Tooltip>
      <BackupDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

export function BackupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="backup-dialog-title">
      <DialogTitle id="backup-dialog-title">{t('backup.nowTitle')}</DialogTitle>
      <DialogContent>
        {/* The dialog's own padding hides the first field's label without a little room on top. */}
        <div style={{ paddingTop: 8 }}>{open ? <BackupNowPanel autoFocus /> : null}</div>
      </DialogContent>
      <DialogActions>
        <Button
          onClick={() => {
            onClose();
            navigate({ name: 'settings', tab: 'backup' });
          }}
        >
          {t('backup.moreOptions')}
        </Button>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
