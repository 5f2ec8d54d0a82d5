import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { monospace } from '../../app/theme.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { formatBytes, shortHash } from './backup-format.ts';
import { sortedTables, tableLabel } from './counts.ts';

export type VerifyResult = MethodOutput<'backup.verify'>;

/**
 * What a verified backup holds: its manifest, and its row counts beside what this computer holds
 * now (`current`, null on a new PC), so nobody restores last year's file over today's work unawares.
 */
export function ManifestView({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  const { manifest, current } = result;
  const tables = sortedTables(manifest.counts, current?.counts);
  const now = (value: React.ReactNode) => (current ? <TableCell>{value}</TableCell> : null);
  return (
    <Box>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, minWidth: 0, overflowWrap: 'anywhere' } }}>
        <dt>{t('backup.manifest.createdAt')}</dt>
        <dd>{formatDateTime(manifest.createdAt)}</dd>
        <dt>{t('backup.manifest.createdBy')}</dt>
        <dd>{manifest.createdBy}</dd>
        <dt>{t('backup.manifest.shop')}</dt>
        <dd>{manifest.shopName}</dd>
        <dt>{t('backup.manifest.version')}</dt>
        <dd>{t('backup.manifest.versionValue', { app: manifest.appVersion, schema: manifest.schemaVersion })}</dd>
        <dt>{t('backup.size')}</dt>
        <dd>{formatBytes(result.bytes)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <Box component="span" sx={{ fontFamily: monospace }} title={manifest.sha256}>
            {shortHash(manifest.sha256)}
          </Box>
        </dd>
      </Box>
      <TableContainer sx={{ mt: 2 }}>
        <Table size="small" aria-label={t('backup.compare.label')}>
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell>{t('backup.compare.inBackup')}</TableCell>
              {now(t('backup.compare.now'))}
            </TableRow>
          </TableHead>
          <TableBody>
            {current ? (
              <TableRow>
                <TableCell component="th" scope="row">
                  {t('backup.manifest.shop')}
                </TableCell>
                <TableCell>{manifest.shopName}</TableCell>
                <TableCell>{current.shopName}</TableCell>
              </TableRow>
            ) : null}
            {tables.map((table) => {
              const inBackup = manifest.counts[table];
              const here = current?.counts[table];
              // What would change stands out: a restore brings back the backup's numbers.
              const differs = current !== null && inBackup !== here;
              return (
                <TableRow key={table} sx={differs ? { '& td': { fontWeight: 600 } } : undefined}>
                  <TableCell component="th" scope="row">
                    {tableLabel(t, table)}
                  </TableCell>
                  <TableCell>{inBackup === undefined ? t('common.none') : formatNumber(inBackup)}</TableCell>
                  {now(here === undefined ? t('common.none') : formatNumber(here))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {current === null ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('backup.compare.nothingHere')}
        </Typography>
      ) : null}
    </Box>
  );
}
