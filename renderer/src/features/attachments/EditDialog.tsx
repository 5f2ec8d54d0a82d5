import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_DESCRIPTION_MAX, ATTACHMENT_NAME_MAX, type Attachment } from '../../../../shared/api/attachments.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged } from '../../app/query.ts';
import { attachmentError } from './attachment-format.ts';

type Props = {
  /** The row as the list has it now: after a CONFLICT the list reloads and this is the newest version. */
  row: Attachment;
  onClose: () => void;
};

/**
 * Rename and describe a file. Saved against the version shown; if someone changed it meanwhile the
 * core answers CONFLICT, the list reloads (this dialog then holds the newest version) and what was
 * typed stays, so saving again is a decision made knowing that.
 */
export function EditDialog({ row, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [name, setName] = useState(row.name);
  const [description, setDescription] = useState(row.description);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const nameMissing = name.trim() === '';

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (nameMissing) return;
    setSaving(true);
    setFailure(null);
    const result = await invoke('attachments.update', { id: row.id, version: row.version, name, description });
    setSaving(false);
    if (!result.ok) {
      logError(result.error);
      setFailure(result.error);
      if (result.error.code === 'CONFLICT') dataChanged();
      return;
    }
    dataChanged();
    notify({ message: t('attachments.edit.saved', { name: result.value.name }) });
    onClose();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="attachment-edit-title">
      <form noValidate onSubmit={(event) => void save(event)}>
        <DialogTitle id="attachment-edit-title">{t('attachments.edit.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t('attachments.edit.name')}
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              autoFocus
              error={nameMissing}
              helperText={nameMissing ? t('attachments.edit.nameRequired') : t('attachments.edit.nameHelp')}
              slotProps={{ htmlInput: { maxLength: ATTACHMENT_NAME_MAX } }}
            />
            <TextField
              label={t('attachments.edit.description')}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              multiline
              minRows={3}
              slotProps={{ htmlInput: { maxLength: ATTACHMENT_DESCRIPTION_MAX } }}
            />
            {failure ? (
              <Alert severity={failure.code === 'CONFLICT' ? 'warning' : 'error'} role="alert">
                {attachmentError(t, failure)}
              </Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={saving || nameMissing}>
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
