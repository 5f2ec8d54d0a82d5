import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { detailsOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { useCoreMutation } from '../../app/query.ts';
import { useNotify } from '../../app/notify.tsx';
import type { ImportKind } from '../../../../shared/api/imports.ts';
import { formatNumber } from '../../i18n/format.ts';
import { importError } from './import-format.ts';

/** At most this many edited customers are named; the rest are counted. */
const NAMES_SHOWN = 10;

/** Why an undo was refused: which customers were edited since, or that it was undone already. */
export function undoError(t: TFunction, error: AppError, kind: ImportKind = 'customers'): string {
  const conflict = detailsOf(error, 'CONFLICT');
  if (conflict && 'reason' in conflict && conflict.reason === 'editedSince') {
    const names = conflict.customers.slice(0, NAMES_SHOWN).map((customer) => customer.name).join(t('imports.separator'));
    const more = conflict.customers.length - NAMES_SHOWN;
    // A sales batch names the customers whose imported sales were edited or deleted since.
    // Full key names (not built from parts) so the i18n test sees every key in use.
    const key = kind === 'sales' ? 'imports.undo.salesEditedSince' : 'imports.undo.editedSince';
    const moreKey = kind === 'sales' ? 'imports.undo.salesEditedSinceMore' : 'imports.undo.editedSinceMore';
    return more > 0 ? t(moreKey, { names, count: more, formatted: formatNumber(more) }) : t(key, { names });
  }
  if (conflict && 'reason' in conflict && conflict.reason === 'undone') return t('imports.undo.undone');
  return importError(t, error);
}

type Props = { batch: number; kind?: ImportKind; fileName: string; onClose: () => void; onUndone?: () => void };

/** "Undo this import?": what it removes and puts back; a refusal stays in the dialog, naming the customers edited since. */
export function UndoImportDialog({ batch, kind = 'customers', fileName, onClose, onUndone }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const undo = useCoreMutation('imports.undo');
  return (
    <ConfirmDialog
      titleId="undo-import-title"
      title={t('imports.undo.title')}
      body={t(kind === 'sales' ? 'imports.undo.salesBody' : 'imports.undo.body', { file: fileName })}
      problem={undo.error ? undoError(t, undo.error, kind) : null}
      confirmLabel={t('imports.undo.confirm')}
      color="warning"
      pending={undo.isPending}
      onClose={onClose}
      onConfirm={() =>
        undo.mutate(
          { batch },
          {
            onSuccess: (value) => {
              notify({ message: t('imports.undo.done', { removed: formatNumber(value.removed), restored: formatNumber(value.restored) }) });
              onUndone?.();
              onClose();
            },
          },
        )
      }
    />
  );
}
