import { Alert, Box, CircularProgress } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from './attachment-format.ts';
import { decodeText, readBytes, TEXT_PREVIEW_BYTES } from './preview-bytes.ts';

/** A plain text file, its first megabyte at most (the rest is not downloaded), as UTF-8 or GB18030. */
export function TextPreview({ url, size }: { url: string; size: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState<{ body: string; truncated: boolean } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    readBytes(url, TEXT_PREVIEW_BYTES, controller.signal).then(
      (read) => setText({ body: decodeText(read.bytes), truncated: read.truncated }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        console.warn('attachments: the text could not be read', error);
        setFailed(true);
      },
    );
    return () => controller.abort();
  }, [url]);

  if (failed) return <Alert severity="error">{t('attachments.errors.readFailed')}</Alert>;
  if (!text) return <CircularProgress sx={{ m: 4, alignSelf: 'center' }} aria-label={t('attachments.preview.opening')} />;
  return (
    <>
      {text.truncated ? (
        <Alert severity="info" sx={{ mb: 1 }}>
          {t('attachments.preview.truncated', { shown: formatBytes(TEXT_PREVIEW_BYTES), size: formatBytes(size) })}
        </Alert>
      ) : null}
      <Box component="pre" data-testid="attachment-text" sx={{ m: 0, p: 1.5, bgcolor: 'grey.50', border: 1, borderColor: 'divider', borderRadius: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'monospace', fontSize: 14, overflow: 'auto', maxHeight: '65vh' }}>
        {text.body}
      </Box>
    </>
  );
}
