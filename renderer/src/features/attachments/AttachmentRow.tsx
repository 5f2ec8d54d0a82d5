import { Box, IconButton, ListItem, ListItemIcon, ListItemText, Link, Stack, Tooltip, Typography } from '@mui/material';
import ArchiveIcon from '@mui/icons-material/FolderZipOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import DeleteForeverIcon from '@mui/icons-material/DeleteForeverOutlined';
import DocumentIcon from '@mui/icons-material/DescriptionOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import FileIcon from '@mui/icons-material/InsertDriveFileOutlined';
import ImageIcon from '@mui/icons-material/ImageOutlined';
import PdfIcon from '@mui/icons-material/PictureAsPdfOutlined';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import SaveIcon from '@mui/icons-material/SaveAltOutlined';
import SheetIcon from '@mui/icons-material/TableChartOutlined';
import TextIcon from '@mui/icons-material/ArticleOutlined';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/api/attachments.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { formatBytes, kindOf, type Kind } from './attachment-format.ts';

const ICONS: Record<Kind, ReactNode> = {
  image: <ImageIcon />,
  pdf: <PdfIcon color="error" />,
  text: <TextIcon />,
  sheet: <SheetIcon color="success" />,
  document: <DocumentIcon color="primary" />,
  archive: <ArchiveIcon />,
  other: <FileIcon />,
};

export type RowAction = 'preview' | 'saveCopy' | 'edit' | 'delete' | 'restore' | 'purge';

type Props = { row: Attachment; canPurge: boolean; onAction: (action: RowAction, row: Attachment) => void };

/** One file: its kind, name (opens the preview), size, who added it and when, its description, and what this caller may do. */
export function AttachmentRow({ row, canPurge, onAction }: Props) {
  const { t } = useTranslation();
  const kind = kindOf(row.type);
  const deleted = row.deletedAt !== null;
  const button = (action: RowAction, icon: ReactNode, label: string, color?: 'error') => (
    <Tooltip key={action} title={label}>
      <IconButton aria-label={label} onClick={() => onAction(action, row)} {...(color ? { color } : {})}>
        {icon}
      </IconButton>
    </Tooltip>
  );
  const actions = deleted
    ? [
        row.actions.delete ? button('restore', <RestoreIcon />, t('attachments.row.restore', { name: row.name })) : null,
        canPurge ? button('purge', <DeleteForeverIcon />, t('attachments.row.purge', { name: row.name }), 'error') : null,
      ]
    : [
        row.actions.saveCopy ? button('saveCopy', <SaveIcon />, t('attachments.row.saveCopy', { name: row.name })) : null,
        row.actions.edit ? button('edit', <EditIcon />, t('attachments.row.edit', { name: row.name })) : null,
        row.actions.delete ? button('delete', <DeleteIcon />, t('attachments.row.delete', { name: row.name })) : null,
      ];

  return (
    <ListItem divider data-testid="attachment-row" data-name={row.name} sx={{ alignItems: 'flex-start', gap: 1, pr: 1 }}>
      <ListItemIcon sx={{ minWidth: 36, mt: 1 }} role="img" aria-label={t(`attachments.kinds.${kind}`)}>
        {ICONS[kind]}
      </ListItemIcon>
      <ListItemText
        sx={{ minWidth: 0 }}
        primary={
          deleted ? (
            <Typography sx={{ overflowWrap: 'anywhere' }}>{row.name}</Typography>
          ) : (
            <Link component="button" type="button" onClick={() => onAction('preview', row)} sx={{ textAlign: 'left', overflowWrap: 'anywhere' }} aria-label={t('attachments.row.open', { name: row.name })}>
              {row.name}
            </Link>
          )
        }
        secondary={
          <Stack component="span" spacing={0.25}>
            <span>
              {t('attachments.row.facts', {
                size: formatBytes(row.size),
                kind: t(`attachments.kinds.${kind}`),
                by: row.createdByName ?? t('attachments.row.someone'),
                at: formatDateTime(row.createdAt),
              })}
              {deleted && row.deletedAt !== null ? ` · ${t('attachments.row.deletedAt', { at: formatDateTime(row.deletedAt) })}` : ''}
            </span>
            {row.description ? (
              <Box component="span" sx={{ color: 'text.primary', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {row.description}
              </Box>
            ) : null}
          </Stack>
        }
      />
      <Stack direction="row" sx={{ flexShrink: 0 }}>
        {actions}
      </Stack>
    </ListItem>
  );
}
