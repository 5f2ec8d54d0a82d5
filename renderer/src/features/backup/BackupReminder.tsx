import { Alert, Button, type SxProps, type Theme } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { onBackupsChanged } from '../../app/events.ts';
import { useCan } from '../../app/session.tsx';
import { BackupDialog } from './BackupButton.tsx';

type Status = MethodOutput<'backup.status'>;

const DAY = 24 * 60 * 60 * 1000;

/**
 * A banner for everyone when the newest backup is older than the owner's limit; the owner can act on it.
 * The shell places it (`sx`) above the page's scroll area, so it takes height from the page, not the window.
 */
export function BackupReminder({ sx }: { sx?: SxProps<Theme> }) {
  const { t } = useTranslation();
  const canBackUp = useCan('backup.manage');
  const [status, setStatus] = useState<Status | null>(null);
  const [dialog, setDialog] = useState(false);

  const load = useCallback(async () => {
    const result = await invoke('backup.status', {});
    if (result.ok) setStatus(result.value);
    else if (result.error.code !== 'UNAUTHENTICATED') logError(result.error);
  }, []);

  useEffect(() => {
    void load();
    return onBackupsChanged(() => void load());
  }, [load]);

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
