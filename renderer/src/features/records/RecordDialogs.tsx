import { Button } from '@mui/material';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../../../shared/api/records.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { kindLabel } from './record-format.ts';

/** Restores a record from the recycle bin, saying so (or why not) in a notice. */
export function useRestoreRecord() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (id: number) =>
    call('records.restore', { id }).then(
      () => {
        dataChanged();
        notify({ message: t('recordDetail.restored') });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

export function RestoreRecordButton({ id }: { id: number }) {
  const { t } = useTranslation();
  const restore = useRestoreRecord();
  return (
    <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(id)}>
      {t('recordDetail.restore')}
    </Button>
  );
}

/** Moves the record to the recycle bin (it stays in the timeline, marked), with an undo in the notice. */
export function DeleteRecordDialog({ record: r, onClose }: { record: RecordDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('records.delete');
  const restore = useRestoreRecord();
  const confirm = () =>
    remove.mutate(
      { id: r.id, version: r.version },
      {
        onSuccess: () => {
          onClose();
          notify({ message: t('recordDetail.deleted'), action: { label: t('common.undo'), onClick: () => void restore(r.id) } });
        },
        // A stale version: show the stored one behind the dialog, so trying again uses it.
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="delete-record-title"
      title={t('recordDetail.deleteTitle')}
      body={t('recordDetail.deleteBody', { kind: kindLabel(t, r.kind), date: formatDateTime(r.at), customer: r.customerName })}
      // Staff may delete only the records they entered: say so rather than "no permission".
      problem={remove.error ? (remove.error.code === 'FORBIDDEN' ? t('recordDetail.deleteForbidden') : errorMessage(t, remove.error)) : null}
      confirmLabel={t('common.delete')}
      color="error"
      pending={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}

/** Removes a record in the recycle bin for good, with its files. */
export function PurgeRecordDialog({ record: r, onClose }: { record: RecordDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const purge = useCoreMutation('records.purge');
  const confirm = () =>
    purge.mutate(
      { id: r.id },
      {
        onSuccess: () => {
          navigate({ name: 'customer', id: r.customerId });
          notify({ message: t('recordDetail.purged') });
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="purge-record-title"
      title={t('recordDetail.purgeTitle')}
      body={t('recordDetail.purgeBody')}
      problem={purge.error ? errorMessage(t, purge.error) : null}
      confirmLabel={t('recordDetail.purge')}
      color="error"
      pending={purge.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
