import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/api/tags.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreMutation } from '../../app/query.ts';
import { tagProblem } from './tag-errors.ts';

/** Confirms deleting a tag from every customer, saying how many carry it (the recycle bin's too). */
export function DeleteTagDialog({ tag, initialName, onClose }: { tag: Tag | null; initialName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('tags.delete');
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const name = tag?.name ?? initialName;
  const total = tag ? tag.customers + tag.inRecycleBin : 0;

  const confirm = () => {
    if (!tag) return;
    setFailure(null);
    remove.mutate(
      { id: tag.id, version: tag.version },
      {
        onSuccess: () => {
          notify({ message: t('tags.deleted', { name }) });
          onClose();
        },
        onError: (error) => {
          setFailure(error);
          if (tagProblem(t, error).reload) dataChanged();
        },
      },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="delete-tag-title" fullWidth maxWidth="sm">
      <DialogTitle id="delete-tag-title">{t('tags.deleteTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ overflowWrap: 'anywhere' }}>
          {total === 0 ? t('tags.deleteBodyNone', { name }) : t('tags.deleteBody', { name, count: total })}
          {tag && tag.inRecycleBin > 0 ? ` ${t('tags.deleteBin', { count: tag.inRecycleBin })}` : ''}
        </DialogContentText>
        {failure ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {tagProblem(t, failure).message}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color="error" variant="contained" disabled={remove.isPending || !tag} onClick={confirm}>
          {t('tags.deleteConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
