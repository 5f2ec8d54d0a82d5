import { Alert, Box, Button, IconButton, LinearProgress, List, ListItem, ListItemText, Stack, Tooltip, Typography } from '@mui/material';
import CancelIcon from '@mui/icons-material/Close';
import CheckIcon from '@mui/icons-material/CheckCircleOutlined';
import ErrorIcon from '@mui/icons-material/ErrorOutlined';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { attachmentError, formatBytes, localRefusal } from './attachment-format.ts';
import type { UploadItem } from './use-uploads.ts';

type Props = {
  items: readonly UploadItem[];
  limitBytes: number;
  onCancel: (key: number) => void;
  onCancelAll: () => void;
  onDismiss: () => void;
};

const moving = (item: UploadItem) => item.state === 'waiting' || item.state === 'sending' || item.state === 'adding';

/** The files of the current batch: each one's progress or outcome, and the whole batch's progress. */
export function UploadList({ items, limitBytes, onCancel, onCancelAll, onDismiss }: Props) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const active = items.filter(moving);
  const counted = items.filter((item) => moving(item) || item.state === 'done');
  const total = counted.reduce((sum, item) => sum + item.size, 0);
  const sent = counted.reduce((sum, item) => sum + (item.state === 'done' ? item.size : item.sent), 0);
  const percent = total > 0 ? Math.round((sent / total) * 100) : 100;

  const reason = (item: UploadItem) => {
    if (!item.refusal) return '';
    return 'local' in item.refusal ? localRefusal(t, item.refusal.local, limitBytes) : attachmentError(t, item.refusal.error);
  };

  return (
    <Box data-testid="attachment-uploads" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }} aria-live="polite">
          {active.length > 0
            ? t('attachments.upload.progress', { percent: formatNumber(percent), sent: formatBytes(sent), total: formatBytes(total), count: active.length })
            : t('attachments.upload.finished')}
        </Typography>
        {active.length > 0 ? (
          <Button size="small" onClick={onCancelAll}>
            {t('attachments.upload.cancelAll')}
          </Button>
        ) : (
          <Button size="small" onClick={onDismiss}>
            {t('attachments.upload.dismiss')}
          </Button>
        )}
      </Stack>
      {active.length > 0 ? <LinearProgress variant="determinate" value={percent} aria-label={t('attachments.upload.total')} sx={{ my: 1 }} /> : null}
      <List dense disablePadding>
        {items.map((item) => (
          <ListItem
            key={item.key}
            disableGutters
            data-testid="attachment-upload"
            data-state={item.state}
            secondaryAction={
              item.state === 'waiting' || item.state === 'sending' ? (
                <Tooltip title={t('attachments.upload.cancel', { name: item.name })}>
                  <IconButton edge="end" aria-label={t('attachments.upload.cancel', { name: item.name })} onClick={() => onCancel(item.key)}>
                    <CancelIcon />
                  </IconButton>
                </Tooltip>
              ) : item.state === 'done' ? (
                <CheckIcon color="success" aria-label={t('attachments.upload.state.done')} />
              ) : item.state === 'failed' ? (
                <ErrorIcon color="error" aria-label={t('attachments.upload.state.failed')} />
              ) : null
            }
          >
            <ListItemText
              primary={item.name}
              slotProps={{ primary: { noWrap: true, title: item.name }, secondary: { component: 'div' } }}
              secondary={
                item.state === 'failed' ? (
                  <Alert severity="error" sx={{ py: 0, mt: 0.5 }} role="alert">
                    {reason(item)}
                  </Alert>
                ) : (
                  <Stack spacing={0.5}>
                    <span>{t(`attachments.upload.state.${item.state}`, { sent: formatBytes(item.sent), size: formatBytes(item.size) })}</span>
                    {item.state === 'sending' ? <LinearProgress variant="determinate" value={item.size > 0 ? (item.sent / item.size) * 100 : 0} aria-label={item.name} /> : null}
                  </Stack>
                )
              }
              sx={{ pr: 6 }}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
