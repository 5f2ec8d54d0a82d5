import { Alert, Button, type SxProps, type Theme } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreQuery } from '../../app/query.ts';
import { useCan } from '../../app/session.tsx';
import { BackupDialog } from './BackupButton.tsx';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A banner for everyone when the newest backup is older than the owner's limit; the owner can act on it.
 * The shell places it (`sx`) above the page's scroll area, so it takes height from the page, not the window.
 */
export function BackupReminder({ sx }: { sx?: SxProps<Theme> }) {
  const { t } = useTranslation();
  const canBackUp = useCan('backup.manage');
  // Reloads after every write (a backup, a restore, changed reminder days): see app/query.ts.
  const status = useCoreQuery('backup.status', {}).data ?? null;
  const [dialog, setDialog] = useState(false);

  if (!status?.overdue) return null;
  const days = status.lastBackupAt === null ? null : Math.max(1, Math.floor((Date.now() - status.lastBackupAt) / DAY));
  return (
    <>
      <Alert
        severity="warning"
        sx={sx}
        data-testid="backup-reminder"
        action={
          canBackUp ? (
            <Button color="inherit" size="small" onClick={() => setDialog(true)}>
              {t('backup.now')}
            </Button>
          ) : undefined
        }
      >
        {days === null ? t('backup.reminder.never') : t('backup.reminder.old', { count: days })}
        {canBackUp ? '' : ` ${t('backup.reminder.askOwner')}`}
      </Alert>
      {canBackUp ? <BackupDialog open={dialog} onClose={() => setDialog(false)} /> : null}
    </>
  );
}
