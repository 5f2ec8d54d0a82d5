import { Button } from '@mui/material';
import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportEntity } from '../../../../shared/api/exports.ts';
import { useCan } from '../../app/session.tsx';
import { ExportDialog, type FilterOf } from './ExportDialog.tsx';

type Props<E extends ExportEntity> = {
  entity: E;
  /** The list's query exactly as the page sends it to its list method. */
  filter: FilterOf<E>;
  /** The rows it matches, when the page has that count anyway; else the dialog says "the rows matching". */
  count?: number | null;
};

/** A list page's Export button (导出): shown to those with the export right (data.export), as the core allows. */
export function ExportButton<E extends ExportEntity>({ entity, filter, count = null }: Props<E>) {
  const { t } = useTranslation();
  const canExport = useCan('data.export');
  const [open, setOpen] = useState(false);
  if (!canExport) return null;
  return (
    <>
      <Button startIcon={<FileDownloadOutlinedIcon />} onClick={() => setOpen(true)}>
        {t('exports.button')}
      </Button>
      {open ? <ExportDialog entity={entity} filter={filter} count={count} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
