import { Button } from '@mui/material';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/api/visits.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { formatCalendarDate } from '../../i18n/format.ts';

type Named = { id: number; customerName: string };

function useRestore() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (v: Named) =>
    call('visits.restore', { id: v.id }).then(
      () => {
        dataChanged();
        notify({ message: t('visitDetail.restored', { name: v.customerName }) });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

export function RestoreVisitButton({ visit }: { visit: Named }) {
  const { t } = useTranslation();
  const restore = useRestore();
  return (
    <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(visit)}>
      {t('visitDetail.restore')}
    </Button>
  );
}

/** Moves the visit to the recycle bin, with an undo in the notice. */
export function DeleteVisitDialog({ visit: v, onClose }: { visit: Visit; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('visits.delete');
  const restore = useRestore();
  const confirm = () =>
    remove.mutate(
      { id: v.id, version: v.version },
      {
        onSuccess: () => {
          navigate({ name: 'visits' });
          notify({ message: t('visitDetail.deleted', { name: v.customerName }), action: { label: t('common.undo'), onClick: () => void restore(v) } });
        },
        // A stale version: the page shows the stored one behind the dialog, so trying again uses it.
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="delete-visit-title"
      title={t('visitDetail.deleteTitle')}
      body={t('visitDetail.deleteBody', { name: v.customerName, date: formatCalendarDate(v.onDay) })}
      problem={remove.error ? (remove.error.code === 'CONFLICT' ? t('visits.stale') : errorMessage(t, remove.error)) : null}
      confirmLabel={t('common.delete')}
      color="error"
      pending={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
