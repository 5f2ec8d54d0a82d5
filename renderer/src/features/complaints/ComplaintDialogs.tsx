import { Button } from '@mui/material';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../../shared/api/complaints.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';

/** Restores a complaint from the recycle bin, saying so (or why not) in a notice. */
function useRestoreComplaint() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (id: number) =>
    call('complaints.restore', { id }).then(
      () => {
        dataChanged();
        notify({ message: t('complaintDetail.restored') });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

export function RestoreComplaintButton({ id }: { id: number }) {
  const { t } = useTranslation();
  const restore = useRestoreComplaint();
  return (
    <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(id)}>
      {t('complaintDetail.restore')}
    </Button>
  );
}

/** Moves the complaint to the recycle bin, with an undo in the notice. */
export function DeleteComplaintDialog({ complaint: c, onClose }: { complaint: Complaint; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('complaints.delete');
  const restore = useRestoreComplaint();
  const confirm = () =>
    remove.mutate(
      { id: c.id, version: c.version },
      {
        onSuccess: () => {
          onClose();
          notify({ message: t('complaintDetail.deleted'), action: { label: t('common.undo'), onClick: () => void restore(c.id) } });
        },
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="delete-complaint-title"
      title={t('complaintDetail.deleteTitle')}
      body={t('complaintDetail.deleteBody', { id: c.id, customer: c.customerName })}
      problem={remove.error ? (remove.error.code === 'FORBIDDEN' ? t('complaintDetail.deleteForbidden') : errorMessage(t, remove.error)) : null}
      confirmLabel={t('common.delete')}
      color="error"
      pending={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}

/** Removes a complaint in the recycle bin for good, with its history. */
export function PurgeComplaintDialog({ complaint: c, onClose }: { complaint: Complaint; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const purge = useCoreMutation('complaints.purge');
  const confirm = () =>
    purge.mutate(
      { id: c.id },
      {
        onSuccess: () => {
          navigate({ name: 'complaints' });
          notify({ message: t('complaintDetail.purged') });
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="purge-complaint-title"
      title={t('complaintDetail.purgeTitle')}
      body={t('complaintDetail.purgeBody')}
      problem={purge.error ? errorMessage(t, purge.error) : null}
      confirmLabel={t('complaintDetail.purge')}
      color="error"
      pending={purge.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
