// "Export tables (.xlsx)": the dashboard of the period on screen, its tables as a workbook handed
// to the browser's downloads. Offered only with `data.export` (DashboardPage checks); the core is the
// judge: the workbook is built from `dashboard.export`'s answer (format xlsx), which checks the
// right, gives the figures as of this moment and writes the export in the audit log — never from
// the figures the screen has cached.
import TableViewIcon from '@mui/icons-material/TableView';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import type { Period } from './period.ts';
import { dashboardTables } from './tables.ts';
import { workbookBytes } from './workbook.ts';

/** `period`: the months on screen (null while they are not a valid period). */
export function ExportXlsxButton({ period, disabled }: { period: Period | null; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!period) return;
    setBusy(true);
    try {
      const result = await invoke('dashboard.export', { from: period.from, to: period.to, format: 'xlsx' });
      if (!result.ok) {
        logError(result.error);
        notify({ message: t('reports.exportFailed', { reason: errorMessage(t, result.error) }), severity: 'error' });
        return;
      }
      const dashboard = result.value;
      const bytes = await workbookBytes(dashboardTables(dashboard, { t, lng: i18n.language }));
      const name = `${t('reports.title')} ${dashboard.period.from}_${dashboard.period.to}.xlsx`;
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })); // the bytes are a plain Uint8Array
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has started by then
      notify({ message: t('reports.exported', { name }) });
    } catch (cause) {
      notify({ message: t('reports.exportFailed', { reason: cause instanceof Error ? cause.message : String(cause) }), severity: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button variant="outlined" startIcon={<TableViewIcon />} disabled={disabled || busy || period === null} onClick={() => void run()}>
      {busy ? t('reports.exporting') : t('reports.exportXlsx')}
    </Button>
  );
}
