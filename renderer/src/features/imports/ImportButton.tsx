import { Button, IconButton, Tooltip } from '@mui/material';
import HistoryIcon from '@mui/icons-material/History';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../../../shared/api/imports.ts';
import { hrefOf } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';

/**
 * "Import" on a list page's toolbar, with the import history beside it (where a batch is undone):
 * offered only to those the core lets import (data.import).
 */
export function ImportButton({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  if (!useCan('data.import')) return null;
  return (
    <>
      <Button startIcon={<UploadFileIcon />} href={hrefOf({ name: 'importWizard', kind })}>
        {t('imports.button')}
      </Button>
      <Tooltip title={t('imports.history.title')}>
        <IconButton href={hrefOf({ name: 'importHistory' })} aria-label={t('imports.history.title')} color="primary">
          <HistoryIcon />
        </IconButton>
      </Tooltip>
    </>
  );
}
