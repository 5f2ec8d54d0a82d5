// Writing a success story: its texts, result figures (label + value, up to 10), whether the
// customer agreed to be named, its day, and which of the customer's own files belong to it.
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMED_CONSENTS, STORY_FIGURES_MAX, StoryDraft, type NamedConsent, type ResultFigure, type Story } from '../../../../shared/api/stories.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';

type Props = {
  customer: { id: number; name: string };
  /** The story to edit; null: a new one. */
  story: Story | null;
  /** The shop's today (a new story's default day). */
  today: string;
  onClose: () => void;
};

export function StoryDialog({ customer, story, today, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const files = useCoreQuery('attachments.list', { owner: { kind: 'customer', id: customer.id }, deleted: false });
  const [title, setTitle] = useState(story?.title ?? '');
  const [storyOn, setStoryOn] = useState(story?.storyOn ?? today);
  const [namedConsent, setNamedConsent] = useState<NamedConsent>(story?.namedConsent ?? 'ask');
  const [background, setBackground] = useState(story?.background ?? '');
  const [whatWeDid, setWhatWeDid] = useState(story?.whatWeDid ?? '');
  const [results, setResults] = useState(story?.results ?? '');
  const [figures, setFigures] = useState<ResultFigure[]>(story?.resultFigures ?? []);
  const [fileIds, setFileIds] = useState<number[]>(story?.files.map((f) => f.id) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const setFigure = (i: number, part: Partial<ResultFigure>) => setFigures((list) => list.map((f, j) => (j === i ? { ...f, ...part } : f)));
  const draft = { customerId: customer.id, title, storyOn, namedConsent, background, whatWeDid, results, resultFigures: figures, attachmentIds: fileIds };

  const save = async () => {
    // The contract's own check first: a reason in the user's language without a round trip.
    const checked = StoryDraft.safeParse(draft);
    if (!checked.success) {
      const issue = checked.error.issues[0]!; // a failed parse has at least one issue
      setError(t('stories.invalid', { field: t(`stories.fields.${String(issue.path[0])}`) }));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (story) {
        const { customerId: _customerId, ...rest } = draft;
        await call('stories.update', { ...rest, id: story.id, version: story.version });
      } else {
        await call('stories.create', draft);
      }
      dataChanged();
      notify({ message: t('stories.saved', { title: title.trim() }), severity: 'success' });
      onClose();
    } catch (failure) {
      setError(errorMessage(t, failure as AppFailure)); // call() throws AppFailure
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="story-dialog-title">
      <DialogTitle id="story-dialog-title">{story ? t('stories.editTitle', { name: customer.name }) : t('stories.newTitle', { name: customer.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error ? <Alert severity="error">{error}</Alert> : null}
          <TextField label={t('stories.fields.title')} value={title} onChange={(e) => setTitle(e.target.value)} required slotProps={{ htmlInput: { maxLength: 200 } }} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField label={t('stories.fields.storyOn')} type="date" value={storyOn} onChange={(e) => setStoryOn(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ minWidth: 200 }} />
            <TextField select label={t('stories.fields.namedConsent')} value={namedConsent} onChange={(e) => setNamedConsent(e.target.value as NamedConsent)} sx={{ minWidth: 260 }}>
              {NAMED_CONSENTS.map((c) => (
                <MenuItem key={c} value={c}>
                  {t(`stories.consent.${c}`)}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField label={t('stories.fields.background')} value={background} onChange={(e) => setBackground(e.target.value)} multiline minRows={2} />
          <TextField label={t('stories.fields.whatWeDid')} value={whatWeDid} onChange={(e) => setWhatWeDid(e.target.value)} multiline minRows={2} />
          <TextField label={t('stories.fields.results')} value={results} onChange={(e) => setResults(e.target.value)} multiline minRows={2} />
          <Typography variant="subtitle2">{t('stories.fields.resultFigures')}</Typography>
          {figures.map((f, i) => (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <TextField size="small" label={t('stories.figureLabel')} value={f.label} onChange={(e) => setFigure(i, { label: e.target.value })} sx={{ flex: 2 }} />
              <TextField size="small" label={t('stories.figureValue')} value={f.value} onChange={(e) => setFigure(i, { value: e.target.value })} sx={{ flex: 1 }} />
              <IconButton aria-label={t('stories.removeFigure')} onClick={() => setFigures((list) => list.filter((_, j) => j !== i))}>
                <DeleteOutlineIcon />
              </IconButton>
            </Stack>
          ))}
          <div>
            <Button startIcon={<AddIcon />} onClick={() => setFigures((list) => [...list, { label: '', value: '' }])} disabled={figures.length >= STORY_FIGURES_MAX}>
              {t('stories.addFigure')}
            </Button>
          </div>
          <Typography variant="subtitle2">{t('stories.fields.attachmentIds')}</Typography>
          {files.data && files.data.rows.length === 0 ? <Typography color="text.secondary">{t('stories.noFiles')}</Typography> : null}
          {files.data?.rows.map((file) => (
            <FormControlLabel
              key={file.id}
              control={<Checkbox checked={fileIds.includes(file.id)} onChange={(e) => setFileIds((ids) => (e.target.checked ? [...ids, file.id] : ids.filter((id) => id !== file.id)))} />}
              label={file.name}
            />
          ))}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving}>
          {t('stories.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
