// What the list's buttons do: open the preview, save a copy, delete to the owner's recycle bin
// (with an undo), restore, and purge after a question. The core decides each; a refusal is said
// in the user's language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/api/attachments.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged } from '../../app/query.ts';
import { attachmentError } from './attachment-format.ts';
import type { RowAction } from './AttachmentRow.tsx';
import { saveCopy } from './save-copy.ts';

export function useRowActions() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [purging, setPurging] = useState<Attachment | null>(null);

  const refused = (error: AppError) => {
    logError(error);
    notify({ message: attachmentError(t, error), severity: 'error' });
  };

  const restore = async (row: Attachment) => {
    const result = await invoke('attachments.restore', { id: row.id });
    if (!result.ok) return refused(result.error);
    dataChanged();
    notify({ message: t('attachments.restored', { name: row.name }) });
  };

  const copy = async (row: Attachment) => {
    const result = await saveCopy(row.id);
    if (!result.ok) refused(result.error);
  };

  const remove = async (row: Attachment) => {
    const result = await invoke('attachments.delete', { id: row.id, version: row.version });
    if (!result.ok) return refused(result.error);
    dataChanged();
    notify({ message: t('attachments.deleted', { name: row.name }), action: { label: t('common.undo'), onClick: () => void restore(row) } });
  };

  const purge = async (row: Attachment) => {
    setPurging(null);
    const result = await invoke('attachments.purge', { id: row.id });
    if (!result.ok) return refused(result.error);
    dataChanged();
    notify({ message: t('attachments.purged', { name: row.name }) });
  };

  const onAction = (action: RowAction, row: Attachment) => {
    if (action === 'preview') setPreviewing(row);
    else if (action === 'saveCopy') void copy(row);
    else if (action === 'edit') setEditing(row.id);
    else if (action === 'delete') void remove(row);
    else if (action === 'restore') void restore(row);
    else setPurging(row);
  };

  return {
    onAction,
    copy,
    purge,
    previewing,
    closePreview: () => setPreviewing(null),
    editing,
    closeEdit: () => setEditing(null),
    purging,
    closePurge: () => setPurging(null),
  };
}
