import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHURN_DISMISS_REASON_MAX, type ChurnReason, type ChurnRow } from '../../../../shared/api/churn.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation } from '../../app/query.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { churnSentence } from './churn-sentences.ts';

/** Dismiss one rule's warning with a reason: hidden until its facts change. The refusal stays in the dialog. */
export function DismissDialog({ row, reason, onClose }: { row: ChurnRow; reason: ChurnReason; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const dismiss = useCoreMutation('churn.dismiss');
  const trimmed = text.trim();
  const problem = trimmed === '' ? t('churn.dismissReasonRequired') : trimmed.length > CHURN_DISMISS_REASON_MAX ? t('churn.dismissReasonTooLong') : null;
  const submit = () => {
    setTouched(true);
    if (problem) return;
    dismiss.mutate(
      { customerId: row.customerId, rule: reason.rule, reason: trimmed },
      {
        onSuccess: () => {
          notify({ message: t('churn.dismissed', { name: row.customerName }) });
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="churn-dismiss-title" fullWidth maxWidth="sm">
      <DialogTitle id="churn-dismiss-title">{t('churn.dismissTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ overflowWrap: 'anywhere' }}>{t('churn.dismissBody', { name: row.customerName, sentence: churnSentence(t, reason, currentLanguage()) })}</DialogContentText>
        <DialogContentText variant="body2" sx={{ mt: 1 }}>
          {t('churn.dismissHint')}
        </DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          sx={{ mt: 2 }}
          label={t('churn.dismissReason')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={touched && problem !== null}
          helperText={touched && problem ? problem : t('churn.dismissReasonHelp')}
        />
        {dismiss.error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorMessage(t, dismiss.error)}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color="warning" disabled={dismiss.isPending} onClick={submit}>
          {t('churn.dismissConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
