import { Alert, Box, Button, Chip, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { baseName, formatBytes } from './backup-format.ts';

type Props = { onVerify: (file: string) => void; onRestore: (file: string) => void };

/** Backups in the data folder's backups/ and the configured folders, newest first. */
export function BackupList({ onVerify, onRestore }: Props) {
  const { t } = useTranslation();
  const list = useCoreQuery('backup.list', {});
  const entries = list.data ?? null;
  const failure = list.error;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="backup-list-title">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography id="backup-list-title" variant="h6" component="h2">
          {t('backup.list.title')}
        </Typography>
        <Button startIcon={<RefreshIcon />} onClick={() => void list.refetch()}>
          {t('backup.list.refresh')}
        </Button>
      </Stack>
      {failure ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {errorMessage(t, failure)}
        </Alert>
      ) : null}
      {entries === null && !failure ? (
        <Box sx={{ display: 'grid', placeItems: 'center', p: 2 }}>
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      ) : null}
      {entries?.length === 0 ? (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {t('backup.list.empty')}
        </Typography>
      ) : null}
      {entries && entries.length > 0 ? (
        <TableContainer sx={{ mt: 1, maxHeight: 420 }}>
          <Table size="small" stickyHeader aria-label={t('backup.list.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('backup.list.date')}</TableCell>
                <TableCell>{t('backup.fileName')}</TableCell>
                <TableCell align="right">{t('backup.size')}</TableCell>
                <TableCell>{t('backup.list.kind')}</TableCell>
                <TableCell align="right">{t('backup.list.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.file} hover>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.createdAt)}</TableCell>
                  <TableCell title={entry.file} sx={{ overflowWrap: 'anywhere' }}>
                    {baseName(entry.file)}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {formatBytes(entry.bytes)}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" label={entry.automatic ? t('backup.list.automatic') : t('backup.list.manual')} />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => onVerify(entry.file)} aria-label={`${t('backup.verify')}: ${baseName(entry.file)}`}>
                      {t('backup.verify')}
                    </Button>
                    <Button size="small" color="warning" onClick={() => onRestore(entry.file)} aria-label={`${t('backup.restore')}: ${baseName(entry.file)}`}>
                      {t('backup.restore')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
    </Paper>
  );
}
