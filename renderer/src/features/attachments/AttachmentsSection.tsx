import { Alert, Box, Button, CircularProgress, FormControlLabel, List, Paper, Stack, Switch, Typography } from '@mui/material';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import UploadIcon from '@mui/icons-material/FileUploadOutlined';
import { useCallback, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentOwner } from '../../../../shared/api/attachments.ts';
import { maxBytesFor } from '../../../../shared/api/files.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { useCan, useSession } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { AttachmentRow } from './AttachmentRow.tsx';
import { EditDialog } from './EditDialog.tsx';
import { PreviewDialog } from './PreviewDialog.tsx';
import { PurgeDialog } from './PurgeDialog.tsx';
import { UploadList } from './UploadList.tsx';
import { useRowActions } from './use-row-actions.ts';
import { useUploads, type Incoming } from './use-uploads.ts';

const MiB = 1024 * 1024;

/** What was dropped: the files, and folders marked as such (they cannot be attached). */
function droppedFiles(transfer: DataTransfer): Incoming[] {
  const items = [...transfer.items].filter((item) => item.kind === 'file');
  if (items.length === 0) return [...transfer.files].map((file) => ({ file }));
  return items.flatMap((item) => {
    const file = item.getAsFile();
    if (!file) return [];
    return [{ file, folder: item.webkitGetAsEntry?.()?.isDirectory === true }];
  });
}

const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

/**
 * The files kept with a customer or a contract: add them (picker or drop, with progress and
 * cancel), preview, rename and describe, save a copy, delete to the owner's recycle bin and back.
 * Every button is one the core would allow this caller (the rows' `actions`, the caller's rights).
 */
export function AttachmentsSection({ owner }: { owner: AttachmentOwner }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const canSeeDeleted = useCan('customers.delete');
  const canPurge = useCan('customers.purge');
  const [showDeleted, setShowDeleted] = useState(false);
  // Files are added to the owner's list, not to its deleted files.
  const canAdd = useCan('customers.write') && !showDeleted;
  const [dragging, setDragging] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const settings = useCoreQuery('settings.get', {});
  // Asked again rather than read from the sign-in: the owner may have changed it since.
  const limitBytes = maxBytesFor('attachment', settings.data ?? session.settings);
  const list = useCoreQuery('attachments.list', { owner, deleted: showDeleted && canSeeDeleted });
  const rows = list.data?.rows ?? [];
  const actions = useRowActions();
  const editing = rows.find((row) => row.id === actions.editing) ?? null;

  const onFinished = useCallback(
    (added: number) => {
      if (added > 0) notify({ message: t('attachments.added', { count: added }) });
    },
    [notify, t],
  );
  const uploads = useUploads(owner, limitBytes, onFinished);

  const dropHandlers = canAdd
    ? {
        onDragEnter: (event: DragEvent) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          setDragging((n) => n + 1);
        },
        onDragOver: (event: DragEvent) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        },
        onDragLeave: (event: DragEvent) => {
          if (hasFiles(event)) setDragging((n) => Math.max(0, n - 1));
        },
        onDrop: (event: DragEvent) => {
          event.preventDefault();
          setDragging(0);
          uploads.add(droppedFiles(event.dataTransfer));
        },
      }
    : {};

  return (
    <Paper component="section" aria-labelledby="attachments-title" data-testid="attachments-section" sx={{ p: 3, position: 'relative' }} {...dropHandlers}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
        <AttachFileIcon color="action" />
        <Typography variant="h6" component="h2" id="attachments-title" sx={{ flex: 1 }}>
          {showDeleted ? t('attachments.deletedTitle') : t('attachments.title')}
        </Typography>
        {canSeeDeleted ? (
          <FormControlLabel control={<Switch checked={showDeleted} onChange={(event) => setShowDeleted(event.target.checked)} />} label={t('attachments.showDeleted')} />
        ) : null}
        {canAdd ? (
          <>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              data-testid="attachment-file"
              onChange={(event) => {
                const chosen = [...(event.target.files ?? [])].map((file) => ({ file }));
                event.target.value = ''; // the same files may be chosen again
                uploads.add(chosen);
              }}
            />
            <Button variant="contained" startIcon={<UploadIcon />} onClick={() => input.current?.click()}>
              {t('attachments.add')}
            </Button>
          </>
        ) : null}
      </Stack>
      {canAdd ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('attachments.hint', { limit: formatNumber(Math.floor(limitBytes / MiB)) })}
        </Typography>
      ) : null}
      <Stack spacing={2}>
        <UploadList items={uploads.items} limitBytes={limitBytes} onCancel={uploads.cancel} onCancelAll={uploads.cancelAll} onDismiss={uploads.dismiss} />
        {list.isPending ? (
          <CircularProgress sx={{ alignSelf: 'center' }} aria-label={t('app.loading')} />
        ) : list.isError ? (
          <Alert severity="error">{errorMessage(t, list.error)}</Alert>
        ) : rows.length === 0 ? (
          <Typography color="text.secondary" data-testid="attachments-empty">
            {showDeleted ? t('attachments.noneDeleted') : t('attachments.none')}
          </Typography>
        ) : (
          <List disablePadding aria-labelledby="attachments-title">
            {rows.map((row) => (
              <AttachmentRow key={row.id} row={row} canPurge={canPurge} onAction={actions.onAction} />
            ))}
          </List>
        )}
      </Stack>
      {dragging > 0 ? (
        <Box
          data-testid="attachment-drop-zone"
          sx={{
            position: 'absolute',
            inset: 0,
            border: 3,
            borderStyle: 'dashed',
            borderColor: 'primary.main',
            borderRadius: 1,
            bgcolor: 'rgba(25, 118, 210, 0.08)',
            display: 'grid',
            placeItems: 'center',
            pointerEvents: 'none',
          }}
        >
          <Typography variant="h6" color="primary" sx={{ bgcolor: 'background.paper', px: 2, py: 1, borderRadius: 1 }}>
            {t('attachments.dropHere')}
          </Typography>
        </Box>
      ) : null}
      {actions.previewing ? <PreviewDialog row={actions.previewing} onClose={actions.closePreview} onSaveCopy={(row) => void actions.copy(row)} /> : null}
      {editing ? <EditDialog key={editing.id} row={editing} onClose={actions.closeEdit} /> : null}
      {actions.purging ? <PurgeDialog row={actions.purging} onConfirm={(row) => void actions.purge(row)} onClose={actions.closePurge} /> : null}
    </Paper>
  );
}
