import { Alert, Box, Button, CircularProgress, InputAdornment, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_MB_CEILING } from '../../../../shared/api/attachments.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreQuery } from '../../app/query.ts';
import { useSession } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';

/** A whole number of MB within the bounds, or null. */
function parseLimit(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= 1 && value <= ATTACHMENT_MAX_MB_CEILING ? value : null;
}

/** Settings → Files (the owner): how large one attached file may be. */
export function FilesSettingsTab() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { updateSettings } = useSession();
  const stored = useCoreQuery('settings.get', {});
  const [text, setText] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  // The stored value fills the field once; after that it holds what is typed until saved.
  useEffect(() => {
    if (stored.data && text === null) setText(String(stored.data.attachmentMaxMb));
  }, [stored.data, text]);

  if (stored.error) return <Alert severity="error">{errorMessage(t, stored.error)}</Alert>;
  if (text === null) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 4 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }

  const limit = parseLimit(text);
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (limit === null) return;
    setSaving(true);
    setFailure(null);
    const result = await invoke('settings.update', { attachmentMaxMb: limit });
    setSaving(false);
    if (!result.ok) {
      logError(result.error);
      setFailure(result.error);
      return;
    }
    updateSettings(result.value);
    dataChanged();
    notify({ message: t('attachments.settings.saved', { limit: formatNumber(limit) }) });
  };

  return (
    <Paper component="form" noValidate onSubmit={(event) => void save(event)} sx={{ p: 3 }}>
      <Typography variant="h6" component="h2">
        {t('attachments.settings.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 2, maxWidth: 720 }}>
        {t('attachments.settings.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={t('attachments.settings.limit')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={limit === null}
          helperText={limit === null ? t('attachments.settings.limitInvalid', { max: formatNumber(ATTACHMENT_MAX_MB_CEILING) }) : t('attachments.settings.limitHelp', { max: formatNumber(ATTACHMENT_MAX_MB_CEILING) })}
          slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">{t('attachments.settings.mb')}</InputAdornment> } }}
          sx={{ width: 280 }}
        />
        <Button type="submit" variant="contained" disabled={saving || limit === null} sx={{ mt: 1 }}>
          {t('common.save')}
        </Button>
      </Stack>
      {failure ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {errorMessage(t, failure)}
        </Alert>
      ) : null}
    </Paper>
  );
}
