import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors.ts';
import { FIELDS_REFUSED, type EditFormSave } from './use-edit-form-save.ts';
import type { Form } from './use-form.ts';

type Props<V> = {
  /** The page's h1. */
  title: string;
  form: Form<V>;
  save: EditFormSave;
  /** Where Cancel goes (after asking, when something was typed). */
  onLeave: () => void;
  /** Prefix of the dialogs' title ids (`contract` → `contract-conflict-title`), unique on the page. */
  idPrefix: string;
  /** The conflict dialog's texts, translated by the page (its own keys). */
  conflictTexts: { title: string; body: string; reload: string };
  /** A field shows a problem the form does not hold itself (a contract's taken number). */
  fieldFlagged?: boolean;
  children: ReactNode;
};

/**
 * The page around an edit form (contracts, records, visits): the header with Cancel (asking before
 * dropping typed changes) and Save, the failure banner, and the conflict and leave dialogs, so
 * every form says and does these the same way.
 */
export function EditFormPage<V>({ title, form, save, onLeave, idPrefix, conflictTexts, fieldFlagged = false, children }: Props<V>) {
  const { t } = useTranslation();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const { saving, failure } = save;
  // "Check the highlighted fields" only when one is: the core's reasons about fields this form
  // does not show are listed below on their own.
  const showFailure = failure && !(failure === FIELDS_REFUSED && form.otherErrors.length > 0 && !form.hasServerFieldErrors && !fieldFlagged);

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save.save();
      }}
      sx={{ maxWidth: 1100, mx: 'auto' }}
    >
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {title}
          </Typography>
          <Button onClick={() => (form.dirty ? setConfirmLeave(true) : onLeave())} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Stack>

        {showFailure ? (
          <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
            {errorMessage(t, failure)}
          </Alert>
        ) : null}
        {form.otherErrors.map((message) => (
          <Alert key={message} severity="warning" role="alert">
            {message}
          </Alert>
        ))}

        {children}
      </Stack>

      <Dialog open={save.conflict} onClose={save.closeConflict} aria-labelledby={`${idPrefix}-conflict-title`}>
        <DialogTitle id={`${idPrefix}-conflict-title`}>{conflictTexts.title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{conflictTexts.body}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={save.closeConflict}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void save.reloadKeepingEdits()} autoFocus>
            {conflictTexts.reload}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={confirmLeave} onClose={() => setConfirmLeave(false)} aria-labelledby={`${idPrefix}-leave-title`}>
        <DialogTitle id={`${idPrefix}-leave-title`}>{t('form.leaveTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('form.leaveBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmLeave(false)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="warning" onClick={onLeave}>
            {t('form.leaveConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
