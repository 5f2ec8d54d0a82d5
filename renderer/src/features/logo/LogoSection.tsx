import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGO_MAX_BYTES, LOGO_TYPES } from '../../../../shared/api/logo.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { downloadUrl, uploadFile } from '../../api/files.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreQuery } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';

const LIMIT_MB = LOGO_MAX_BYTES / 1024 / 1024;

/** The reason the core gave (shared/api/logo.ts LOGO_REFUSALS), read defensively from the details. */
function reasonOf(error: AppError): string | null {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : null;
}

/** What went wrong with a logo, in the user's language: the core's refusals each have their own words. */
function logoError(t: ReturnType<typeof useTranslation>['t'], error: AppError): string {
  const reason = reasonOf(error);
  if (error.code === 'TOO_LARGE') return t('logo.errors.tooLarge', { limit: formatNumber(LIMIT_MB) });
  if (error.code === 'VALIDATION' && (reason === 'empty' || reason === 'type' || reason === 'image')) return t(`logo.errors.${reason}`);
  if (error.code === 'NOT_FOUND' && reason === 'upload') return t('logo.errors.expired');
  if (error.code === 'CORRUPT') return t('logo.errors.corrupt');
  return errorMessage(t, error);
}

/**
 * Settings → Shop logo (those who manage settings): the logo everyone sees in the app bar. The file
 * is checked by the core (type by content, size, whole image); a file over the limit is refused
 * here at once with the same words, without sending it.
 */
export function LogoSection() {
  const { t } = useTranslation();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const current = useCoreQuery('logo.get', {});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const logo = current.data?.logo ?? null;

  const refuse = (error: AppError) => {
    logError(error);
    setFailure(logoError(t, error));
  };

  const choose = async (file: File) => {
    setFailure(null);
    if (file.size > LOGO_MAX_BYTES) {
      refuse({ code: 'TOO_LARGE', message: 'logo: the file is larger than the limit', details: { limit: LOGO_MAX_BYTES, size: file.size } });
      return;
    }
    setBusy(true);
    try {
      const staged = await uploadFile(file, 'logo');
      if (!staged.ok) return refuse(staged.error);
      const saved = await invoke('logo.set', { file: { upload: staged.value.upload } });
      if (!saved.ok) return refuse(saved.error);
      dataChanged();
      notify({ message: t('logo.saved'), severity: 'success' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setFailure(null);
    setBusy(true);
    try {
      const removed = await invoke('logo.remove', {});
      if (!removed.ok) return refuse(removed.error);
      dataChanged();
      notify({ message: t('logo.removed'), severity: 'success' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby="logo-title">
      <Typography variant="h6" component="h2" id="logo-title" gutterBottom>
        {t('logo.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('logo.intro', { limit: formatNumber(LIMIT_MB) })}
      </Typography>
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 2 }}>
        <Box
          sx={{ width: 240, height: 96, border: 1, borderColor: 'divider', borderRadius: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default' }}
        >
          {current.isPending ? (
            <CircularProgress size={24} aria-label={t('logo.loading')} />
          ) : logo ? (
            <Box component="img" src={downloadUrl(logo)} alt={t('logo.current')} sx={{ maxWidth: 224, maxHeight: 80, objectFit: 'contain' }} />
          ) : (
            <Typography color="text.secondary">{t('logo.none')}</Typography>
          )}
        </Box>
        <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
          <input
            ref={input}
            type="file"
            hidden
            accept={LOGO_TYPES.join(',')}
            data-testid="logo-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = ''; // the same file may be chosen again after a refusal
              if (file) void choose(file);
            }}
          />
          <Button variant="contained" startIcon={busy ? <CircularProgress size={18} color="inherit" /> : <UploadFileIcon />} disabled={busy} onClick={() => input.current?.click()}>
            {logo ? t('logo.replace') : t('logo.choose')}
          </Button>
          {logo ? (
            <Button color="error" startIcon={<DeleteOutlineIcon />} disabled={busy} onClick={() => void remove()}>
              {t('logo.remove')}
            </Button>
          ) : null}
        </Stack>
      </Stack>
      {failure ? (
        <Alert severity="error" sx={{ mt: 2 }} role="alert">
          {failure}
        </Alert>
      ) : null}
    </Paper>
  );
}
