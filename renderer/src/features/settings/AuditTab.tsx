import { Alert, Box, Button, CircularProgress, Paper, Stack } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { useCoreMutation, usePagedQuery } from '../../app/query.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { useUsers } from '../customers/use-users.ts';
import { AuditFilters, NO_FILTERS, toAuditInput, type AuditFilterValues } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import type { AuditFormat } from './audit-format.ts';

const PAGE_SIZE = 100;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Hands the core's CSV to the browser as a download. */
function download(csvText: string): void {
  // The core sends UTF-8 CSV with a BOM (so Excel reads Chinese right); keep exactly one.
  const csv = csvText.startsWith('\uFEFF') ? csvText : `\uFEFF${csvText}`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `audit-${today()}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Settings → Audit log (owner): every change, sign-in, export..., filterable, verifiable, exportable. */
export function AuditTab() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const list = usePagedQuery('audit.list', { ...toAuditInput(filters), limit: PAGE_SIZE });
  // Verifying and exporting only read, so they are mutations only in name: started by a click, with their own state.
  const verify = useCoreMutation('audit.verify');
  const exporter = useCoreMutation('audit.export');
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const format = useMemo<AuditFormat>(() => {
    const names = new Map(users.map((u) => [u.id, u.displayName || u.username]));
    return { t, lng: i18n.language, userName: (id) => names.get(id) ?? null };
  }, [t, i18n.language, users]);

  const failure = list.error ?? verify.error ?? exporter.error;
  const verified = verify.data;

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <AuditFilters filters={filters} onChange={setFilters} users={users} />
        <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }} useFlexGap>
          <Button
            variant="contained"
            startIcon={verify.isPending ? <CircularProgress size={18} color="inherit" /> : <VerifiedIcon />}
            disabled={verify.isPending}
            onClick={() => verify.mutate({})}
          >
            {t('audit.verify')}
          </Button>
          <Button
            variant="outlined"
            startIcon={exporter.isPending ? <CircularProgress size={18} color="inherit" /> : <DownloadIcon />}
            disabled={exporter.isPending}
            onClick={() => exporter.mutate(toAuditInput(filters), { onSuccess: (value) => download(value.csv) })}
          >
            {t('audit.export')}
          </Button>
          <Box sx={{ flex: 1 }} />
          <Button onClick={() => setFilters(NO_FILTERS)} disabled={JSON.stringify(filters) === JSON.stringify(NO_FILTERS)}>
            {t('customers.clearFilters')}
          </Button>
        </Stack>
      </Paper>
      {verified && !verify.isPending ? (
        verified.ok ? (
          <Alert severity="success" role="status">
            {t('audit.intact', { count: verified.checked, formatted: formatNumber(verified.checked) })}
          </Alert>
        ) : (
          <Alert severity="error" role="alert">
            {verified.firstBad ? t('audit.altered', { id: verified.firstBad.id, time: formatDateTime(verified.firstBad.at) }) : t('audit.alteredUnknown')}
          </Alert>
        )
      ) : null}
      {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
      <AuditTable
        entries={list.rows}
        format={format}
        hasMore={list.hasNextPage}
        loading={(list.isPending && list.isFetching) || list.isFetchingNextPage}
        failed={list.error !== null}
        loadMore={loadMore}
        resetKey={JSON.stringify(filters)}
      />
    </Stack>
  );
}
