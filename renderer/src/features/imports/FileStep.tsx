import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../i18n/format.ts';
import { ACCEPTED_EXTENSIONS } from './import-format.ts';

type Props = {
  /** The chosen file's name and size, once chosen. */
  chosen: { name: string; size: number } | null;
  /** Sending or inspecting: the picker waits. */
  busy: boolean;
  /** Why the file was refused, in the user's words. */
  problem: string | null;
  onFile: (file: File) => void;
};

/** Step 1: a file from the picker or dropped on the zone; the zone is the picker's button too (keyboard). */
export function FileStep({ chosen, busy, problem, onFile }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) onFile(file);
  };

  return (
    <Stack spacing={2}>
      <Box
        data-testid="import-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        sx={{
          border: 2,
          borderStyle: 'dashed',
          borderColor: over ? 'primary.main' : 'divider',
          bgcolor: over ? 'action.hover' : 'transparent',
          borderRadius: 2,
          p: 4,
          textAlign: 'center',
        }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'center' }}>
          <UploadFileIcon color="action" sx={{ fontSize: 48 }} />
          <Typography>{t('imports.file.drop')}</Typography>
          <Button variant="contained" disabled={busy} onClick={() => input.current?.click()}>
            {t('imports.file.choose')}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {t('imports.file.accepted', { extensions: ACCEPTED_EXTENSIONS.join(' ') })}
          </Typography>
        </Stack>
        <input
          ref={input}
          type="file"
          hidden
          data-testid="import-file-input"
          accept={ACCEPTED_EXTENSIONS.join(',')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ''; // choosing the same file again (after fixing it) fires again
            if (file) onFile(file);
          }}
        />
      </Box>
      {chosen ? (
        <Typography data-testid="import-chosen" sx={{ overflowWrap: 'anywhere' }}>
          {t('imports.file.chosen', { name: chosen.name, size: formatBytes(chosen.size) })}
        </Typography>
      ) : null}
      {busy ? <LinearProgress aria-label={t('imports.file.reading')} /> : null}
      {problem !== null ? (
        <Alert severity="error" data-testid="import-file-problem">
          {problem}
        </Alert>
      ) : null}
    </Stack>
  );
}
