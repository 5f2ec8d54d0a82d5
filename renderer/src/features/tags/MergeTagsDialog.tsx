import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/api/tags.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreMutation } from '../../app/query.ts';
import { TagChip } from '../customers/CustomerChips.tsx';
import { tagProblem } from './tag-errors.ts';

/** Merges the selected tags into the one the user keeps (by default the one most carried). */
export function MergeTagsDialog({ tags, onClose, onMerged }: { tags: readonly Tag[]; onClose: () => void; onMerged: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const merge = useCoreMutation('tags.merge');
  const [keepId, setKeepId] = useState(() => [...tags].sort((a, b) => b.customers - a.customers)[0]?.id ?? 0);
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const keep = tags.find((tag) => tag.id === keepId) ?? null;
  const others = tags.filter((tag) => tag.id !== keepId);

  const confirm = () => {
    if (!keep || others.length === 0) return;
    setFailure(null);
    merge.mutate(
      { into: { id: keep.id, version: keep.version }, tags: others.map((tag) => ({ id: tag.id, version: tag.version })) },
      {
        onSuccess: ({ tag }) => {
          notify({ message: t('tags.merged', { name: tag.name, count: tag.customers }) });
          onMerged();
        },
        onError: (error) => {
          setFailure(error);
          if (tagProblem(t, error).reload) dataChanged();
        },
      },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="merge-tags-title" fullWidth maxWidth="sm">
      <DialogTitle id="merge-tags-title">{t('tags.mergeTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('tags.mergeIntro')}</DialogContentText>
        <FormControl>
          <FormLabel id="merge-keep-label">{t('tags.mergeKeep')}</FormLabel>
          <RadioGroup aria-labelledby="merge-keep-label" value={String(keepId)} onChange={(e) => setKeepId(Number(e.target.value))}>
            {tags.map((tag) => (
              <FormControlLabel
                key={tag.id}
                value={String(tag.id)}
                control={<Radio />}
                aria-label={t('tags.mergeOption', { name: tag.name, count: tag.customers })}
                label={
                  <>
                    <TagChip name={tag.name} color={tag.color} /> {t('tags.customerCount', { count: tag.customers })}
                  </>
                }
                sx={{ '& .MuiFormControlLabel-label': { minWidth: 0, overflowWrap: 'anywhere' } }}
              />
            ))}
          </RadioGroup>
        </FormControl>
        {failure ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {tagProblem(t, failure).message}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={merge.isPending || !keep || others.length === 0} onClick={confirm}>
          {t('tags.mergeConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
