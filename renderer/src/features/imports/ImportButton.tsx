import { Button } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../../../shared/api/imports.ts';
import { hrefOf } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';

/** "Import" on a list page's toolbar: offered only to those the core lets import (data.import). */
export function ImportButton({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  if (!useCan('data.import')) return null;
  return (
    <Button startIcon={<UploadFileIcon />} href={hrefOf({ name: 'importWizard', kind })}>
      {t('imports.button')}
    </Button>
  );
}
