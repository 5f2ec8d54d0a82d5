import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The title's id (`delete-record-title`), unique on the page: the dialog is labelled by it. */
  titleId: string;
  title: string;
  body: ReactNode;
  /** Why the last try was refused, in the user's words, or null. */
  problem: string | null;
  confirmLabel: string;
  color: 'error' | 'warning';
  /** The call is running: the confirm button waits. */
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/**
 * A yes/no question before a delete or purge (records, visits, contracts): Cancel has the focus, so
 * Enter never removes anything by accident; a refusal stays in the dialog, so the user can try again.
 */
export function ConfirmDialog({ titleId, title, body, problem, confirmLabel, color, pending, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ overflowWrap: 'anywhere' }}>{body}</DialogContentText>
        {problem !== null ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {problem}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color={color} variant="contained" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
