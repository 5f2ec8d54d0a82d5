import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import SaveIcon from '@mui/icons-material/SaveAltOutlined';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isPreviewType, type Attachment } from '../../../../shared/api/attachments.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { downloadUrl } from '../../api/files.ts';
import { logError } from '../../app/errors.ts';
import { attachmentError, formatBytes, kindOf } from './attachment-format.ts';
import { readBytes } from './preview-bytes.ts';
import { TextPreview } from './TextPreview.tsx';

// pdf.js is large: loaded the first time a PDF is opened.
const PdfView = lazy(() => import('./PdfPreview.tsx'));

type Props = { row: Attachment; onClose: () => void; onSaveCopy: (row: Attachment) => void };

/** What the preview shows: only a type the core sniffed and the app allows is drawn as what it is. */
function viewOf(type: string): 'image' | 'pdf' | 'text' | 'info' {
  if (!isPreviewType(type)) return 'info';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/plain') return 'text';
  return 'image';
}

/** The file inside the app: images, PDF (pdf.js) and plain text; anything else its name, size and type. */
export function PreviewDialog({ row, onClose, onSaveCopy }: Props) {
  const { t } = useTranslation();
  const view = viewOf(row.type);
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  useEffect(() => {
    if (view === 'info') return;
    let alive = true;
    void invoke('attachments.preview', { id: row.id }).then((result) => {
      if (!alive) return;
      if (result.ok) setUrl(downloadUrl(result.value));
      else {
        logError(result.error);
        setFailure(result.error);
      }
    });
    return () => {
      alive = false;
    };
  }, [row.id, view]);

  const loading = (
    <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
      <CircularProgress aria-label={t('attachments.preview.opening')} />
    </Box>
  );

  let body;
  if (failure) body = <Alert severity="error">{attachmentError(t, failure)}</Alert>;
  else if (view === 'info') body = <InfoView row={row} />;
  else if (url === null) body = loading;
  else if (view === 'image') {
    body = (
      <Box sx={{ textAlign: 'center', bgcolor: 'grey.100', p: 1 }}>
        <Box component="img" src={url} alt={row.name} data-testid="attachment-image" sx={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' }} />
      </Box>
    );
  } else if (view === 'text') body = <TextPreview url={url} size={row.size} />;
  else body = <PdfLoader url={url} fallback={loading} />;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="attachment-preview-title" slotProps={{ paper: { sx: view === 'pdf' ? { height: '92vh' } : {} } }}>
      <DialogTitle id="attachment-preview-title" sx={{ overflowWrap: 'anywhere' }}>
        {row.name}
        <Typography variant="body2" color="text.secondary">
          {t('attachments.preview.facts', { size: formatBytes(row.size), kind: t(`attachments.kinds.${kindOf(row.type)}`) })}
        </Typography>
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        {body}
      </DialogContent>
      <DialogActions>
        {row.actions.saveCopy ? (
          <Button startIcon={<SaveIcon />} onClick={() => onSaveCopy(row)}>
            {t('attachments.saveCopy')}
          </Button>
        ) : null}
        <Button variant="contained" onClick={onClose}>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A type the app does not draw: what it is, and (for those allowed) a copy to open elsewhere. */
function InfoView({ row }: { row: Attachment }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={1} data-testid="attachment-info">
      <Typography>{t('attachments.preview.notShown')}</Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, '& dd': { m: 0, overflowWrap: 'anywhere' } }}>
        <dt>{t('attachments.preview.name')}</dt>
        <dd>{row.name}</dd>
        <dt>{t('attachments.preview.size')}</dt>
        <dd>{formatBytes(row.size)}</dd>
        <dt>{t('attachments.preview.type')}</dt>
        <dd>{t('attachments.preview.typeValue', { kind: t(`attachments.kinds.${kindOf(row.type)}`), type: row.type })}</dd>
      </Box>
    </Stack>
  );
}

/** Fetches the PDF's bytes into memory (never a file) and hands them to pdf.js. */
function PdfLoader({ url, fallback }: { url: string; fallback: ReactNode }) {
  const { t } = useTranslation();
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    readBytes(url, Number.POSITIVE_INFINITY, controller.signal).then(
      (read) => setBytes(read.bytes),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        console.warn('attachments: the PDF could not be read', error);
        setFailed(true);
      },
    );
    return () => controller.abort();
  }, [url]);
  if (failed) return <Alert severity="error">{t('attachments.errors.readFailed')}</Alert>;
  if (!bytes) return fallback;
  return (
    <Suspense fallback={fallback}>
      <PdfView bytes={bytes} />
    </Suspense>
  );
}
