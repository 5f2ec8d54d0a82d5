// "Export tables (.xlsx)": the dashboard of the period on screen, its tables as a workbook handed
// to the browser's downloads. Offered only with `data.export` (DashboardPage checks).
import TableViewIcon from '@mui/icons-material/TableView';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/api/dashboard.ts';
import { useNotify } from '../../app/notify.tsx';
import { dashboardTables } from './tables.ts';
import { workbookBytes } from './workbook.ts';

/** `dashboard`: the figures on screen (null while none are). */
export function ExportXlsxButton({ dashboard, disabled }: { dashboard: Dashboard | null; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!dashboard) return;
    setBusy(true);
    try {
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
    <Button variant="outlined" startIcon={<TableViewIcon />} disabled={disabled || busy || dashboard === null} onClick={() => void run()}>
      {busy ? t('reports.exporting') : t('reports.exportXlsx')}
    </Button>
  );
}
