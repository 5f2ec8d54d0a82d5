// The event page's cancel, delete and restore: each a call the core allows by the event's
// `actions` (events.manage), said in a notice; a delete offers Undo (the restore).
import { useTranslation } from 'react-i18next';
import type { Event } from '../../../../shared/api/events.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';

/** Restores an event from the recycle bin, saying so (or why not) in a notice. */
export function useRestoreEvent() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (id: number) =>
    call('events.restore', { id }).then(
      () => {
        dataChanged();
        notify({ message: t('events.restored') });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

/** Marks the event cancelled (its invitations stay): the core's events.cancel. */
export function CancelEventDialog({ event: e, onClose }: { event: Event; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const cancel = useCoreMutation('events.cancel');
  const confirm = () =>
    cancel.mutate(
      { id: e.id, version: e.version },
      {
        onSuccess: () => {
          onClose();
          notify({ message: t('events.cancelled') });
        },
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="cancel-event-title"
      title={t('events.cancelTitle')}
      body={t('events.cancelBody', { title: e.title })}
      problem={cancel.error ? errorMessage(t, cancel.error) : null}
      confirmLabel={t('events.cancelConfirm')}
      color="warning"
      pending={cancel.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}

/** Moves the event to the recycle bin, back to the list, with Undo in the notice. */
export function DeleteEventDialog({ event: e, onClose }: { event: Event; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('events.delete');
  const restore = useRestoreEvent();
  const confirm = () =>
    remove.mutate(
      { id: e.id },
      {
        onSuccess: () => {
          onClose();
          navigate({ name: 'events' });
          notify({ message: t('events.deleted'), action: { label: t('common.undo'), onClick: () => void restore(e.id) } });
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="delete-event-title"
      title={t('events.deleteTitle')}
      body={t('events.deleteBody', { title: e.title })}
      problem={remove.error ? errorMessage(t, remove.error) : null}
      confirmLabel={t('common.delete')}
      color="error"
      pending={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
