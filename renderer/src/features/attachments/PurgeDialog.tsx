import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/api/attachments.ts';

/** Gone for good: asked once, with the file's name. */
export function PurgeDialog({ row, onConfirm, onClose }: { row: Attachment; onConfirm: (row: Attachment) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} aria-labelledby="attachment-purge-title">
      <DialogTitle id="attachment-purge-title">{t('attachments.purge.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ overflowWrap: 'anywhere' }}>{t('attachments.purge.body', { name: row.name })}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={() => onConfirm(row)}>
          {t('attachments.purge.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
