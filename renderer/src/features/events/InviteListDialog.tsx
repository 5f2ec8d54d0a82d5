import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITE_LIST_LINE_MAX, INVITE_LIST_MAX_LINES, type Event, type InviteListResult } from '../../../../shared/api/events.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';
import { decodeListFile, linesOf, type ListProblem } from './invite-list.ts';

const FILE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Invite from a list: paste customer codes or names (one per line) or pick a .csv/.txt file (its
 * first column). "Check the list" asks the core for a dry run (matched, already invited, repeated,
 * unmatched, ambiguous) and only then may the matched be invited, in one call.
 */
export function InviteListDialog({ event: e, onClose }: { event: Event; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ListProblem | null>(null);
  const [preview, setPreview] = useState<InviteListResult | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (value: string) => {
    setText(value);
    setPreview(null);
    setProblem(null);
  };
  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > FILE_MAX_BYTES) return setProblem('tooMany');
    const decoded = decodeListFile(new Uint8Array(await file.arrayBuffer()));
    if (decoded === null) {
      setPreview(null);
      return setProblem('encoding');
    }
    edit(decoded);
  };
  const ask = async (dryRun: boolean) => {
    const { lines, problem: bad } = linesOf(text);
    setProblem(bad);
    setFailure(null);
    if (bad) return;
    setBusy(true);
    try {
      const result = await call('events.inviteList', { eventId: e.id, lines, dryRun });
      if (dryRun) setPreview(result);
      else {
        dataChanged();
        notify({
          message: [t('invite.done', { invited: formatNumber(result.invited), already: formatNumber(result.alreadyInvited) }), result.overCapacity ? t('invite.overCapacity') : ''].filter(Boolean).join(' '),
          severity: result.overCapacity ? 'warning' : 'success',
        });
        onClose();
      }
    } catch (caught) {
      setFailure(caught as AppError); // call() throws the core's error value
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="invite-list-title">
      <DialogTitle id="invite-list-title">{t('inviteList.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography color="text.secondary">{t('inviteList.hint', { max: formatNumber(INVITE_LIST_MAX_LINES) })}</Typography>
          <TextField label={t('inviteList.lines')} multiline minRows={6} maxRows={12} value={text} onChange={(ev) => edit(ev.target.value)} slotProps={{ htmlInput: { 'data-testid': 'invite-list-text' } }} />
          <Box>
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
              {t('inviteList.file')}
              <input hidden type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="invite-list-file" onChange={(ev) => void pickFile(ev.target.files?.[0])} />
            </Button>
          </Box>
          {problem ? <Alert severity="error">{t(`inviteList.problem.${problem}`, { max: formatNumber(INVITE_LIST_MAX_LINES), length: formatNumber(INVITE_LIST_LINE_MAX) })}</Alert> : null}
          {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
          {preview ? <ListPreview result={preview} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button onClick={() => void ask(true)} disabled={busy}>
          {t('inviteList.check')}
        </Button>
        <Button variant="contained" onClick={() => void ask(false)} disabled={busy || !preview || preview.invited === 0}>
          {t('inviteList.send', { n: formatNumber(preview?.invited ?? 0) })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ListPreview({ result: r }: { result: InviteListResult }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={1} data-testid="invite-list-preview">
      <Alert severity={r.invited > 0 ? 'info' : 'warning'}>
        {t('inviteList.summary', { matched: formatNumber(r.matched), invited: formatNumber(r.invited), already: formatNumber(r.alreadyInvited) })}
        {r.repeated > 0 ? ` ${t('inviteList.repeated', { n: formatNumber(r.repeated) })}` : ''}
        {r.overCapacity ? ` ${t('invite.overCapacity')}` : ''}
      </Alert>
      {r.unmatched.length > 0 ? (
        <Alert severity="warning">
          {t('inviteList.unmatched', { n: formatNumber(r.unmatched.length) })} {r.unmatched.slice(0, 20).join('、')}
          {r.unmatched.length > 20 ? ' …' : ''}
        </Alert>
      ) : null}
      {r.ambiguous.length > 0 ? (
        <Alert severity="warning">
          {t('inviteList.ambiguous', { n: formatNumber(r.ambiguous.length) })} {r.ambiguous.slice(0, 20).join('、')}
          {r.ambiguous.length > 20 ? ' …' : ''}
        </Alert>
      ) : null}
    </Stack>
  );
}
