import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TagName, type Tag } from '../../../../shared/api/tags.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreMutation } from '../../app/query.ts';
import { issueMessage, validate } from '../../app/validation.ts';
import { tagProblem } from './tag-errors.ts';

type Props = {
  /** The tag as the list has it now (null: it is gone from the list). */
  tag: Tag | null;
  /** Its name when the dialog opened, to say which tag is meant even when it is gone. */
  initialName: string;
  onClose: () => void;
};

/** Renames a tag on every customer; a name another tag has offers to merge into that tag instead. */
export function RenameTagDialog({ tag, initialName, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const rename = useCoreMutation('tags.rename');
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const own = validate(TagName, name)[''];
  const problem = failure ? tagProblem(t, failure, name.trim()) : null;
  const fieldError = touched && own ? issueMessage(t, own) : problem && !problem.taken && !problem.reload ? problem.message : null;

  const submit = (ifTaken: 'refuse' | 'merge') => {
    setTouched(true);
    if (!tag || own) return;
    setFailure(null);
    rename.mutate(
      { id: tag.id, version: tag.version, name, ifTaken },
      {
        onSuccess: (result) => {
          notify({
            message: result.mergedInto ? t('tags.mergedInto', { source: tag.name, target: result.tag.name }) : t('tags.renamed', { before: tag.name, after: result.tag.name }),
          });
          onClose();
        },
        onError: (error) => {
          setFailure(error);
          // A stale or vanished tag: reload the list, so the next try uses what is there now.
          if (tagProblem(t, error).reload) dataChanged();
        },
      },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="rename-tag-title" fullWidth maxWidth="sm">
      <DialogTitle id="rename-tag-title">{t('tags.renameTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2, overflowWrap: 'anywhere' }}>{t('tags.renameHelp', { count: tag ? tag.customers + tag.inRecycleBin : 0 })}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          label={t('tags.newName')}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setFailure(null);
          }}
          onBlur={() => setTouched(true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit('refuse');
          }}
          error={fieldError !== null}
          helperText={fieldError ?? ' '}
          slotProps={{ htmlInput: { maxLength: 60 } }}
        />
        {problem && (problem.taken || problem.reload) ? (
          <Alert severity={problem.taken ? 'warning' : 'error'} sx={{ mt: 1, overflowWrap: 'anywhere' }}>
            {problem.message}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        {problem?.taken ? (
          <Button variant="contained" color="warning" disabled={rename.isPending || !tag} onClick={() => submit('merge')}>
            {t('tags.mergeInstead', { name: name.trim() })}
          </Button>
        ) : (
          <Button variant="contained" disabled={rename.isPending || !tag} onClick={() => submit('refuse')}>
            {t('tags.rename')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
