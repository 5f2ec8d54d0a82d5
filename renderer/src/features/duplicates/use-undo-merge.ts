import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { detailsOf, reasonOf } from '../../../../shared/error-details.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';

/**
 * Undo a merge (撤销合并), from the snackbar after merging or from the merge history. A refusal is
 * said in words: the kept customer was edited since in a field the merge set (named), or the merge
 * was already undone.
 */
export function useUndoMerge() {
  const { t } = useTranslation();
  const notify = useNotify();
  return async (merge: number, mergedName: string): Promise<boolean> => {
    try {
      await call('duplicates.undoMerge', { merge });
      dataChanged();
      notify({ message: t('duplicates.undone', { merged: mergedName }) });
      return true;
    } catch (caught) {
      const error = caught as AppFailure; // call() throws the core's error value
      dataChanged();
      notify({ message: undoRefusal(t, error), severity: 'error' });
      return false;
    }
  };
}

export function undoRefusal(t: TFunction, error: AppFailure): string {
  const reason = reasonOf(error, 'CONFLICT');
  if (reason === 'undone') return t('duplicates.undoAlready');
  if (reason === 'editedSince') {
    const details = detailsOf(error, 'CONFLICT');
    const names = details && 'customers' in details ? details.customers.map((customer) => customer.name).join(t('errors.holders.separator')) : '';
    return t('duplicates.undoEditedSince', { names });
  }
  return errorMessage(t, error);
}
