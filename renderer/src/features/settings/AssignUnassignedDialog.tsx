import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged } from '../../app/query.ts';
import { useSession } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useUsers } from '../customers/use-users.ts';

export type Unassigned = { count: number; withCreator: number };

// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const NOBODY = '';

/**
 * Turning on "staff see only their customers" while some customers have nobody responsible: those
 * would vanish from every staff member. What a shop owner expects: each goes to whoever created it
 * (when that person can still own customers), and the rest to someone the owner picks.
 * `mode`: 'turnOn' asks while the setting is being turned on (and may turn it on without
 * assigning); 'assign' offers the same when the setting is already on.
 */
export function AssignUnassignedDialog({
  unassigned,
  mode,
  onCancel,
  onDone,
}: {
  unassigned: Unassigned;
  mode: 'turnOn' | 'assign';
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const people = useUsers().filter((user) => user.active && canOwnCustomers(user.role));
  const [othersTo, setOthersTo] = useState<string>(String(session.user.id));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const others = unassigned.count - unassigned.withCreator;

  const assign = async () => {
    setBusy(true);
    setFailure(null);
    const result = await invoke('customers.assignUnassigned', { othersTo: others > 0 && othersTo !== NOBODY ? Number(othersTo) : null });
    setBusy(false);
    if (!result.ok) {
      logError(result.error);
      setFailure(result.error);
      return;
    }
    dataChanged(); // the customer lists and the count of customers without anyone responsible
    notify({ message: t('security.assigned', { count: result.value.toCreator + result.value.toOthers, formatted: formatNumber(result.value.toCreator + result.value.toOthers) }) });
    onDone();
  };

  return (
    <Dialog open onClose={onCancel} aria-labelledby="assign-title" maxWidth="sm" fullWidth>
      <DialogTitle id="assign-title">{t('security.unassignedTitle', { count: unassigned.count, formatted: formatNumber(unassigned.count) })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>{t(mode === 'turnOn' ? 'security.unassignedBody' : 'security.unassignedBodyOn')}</DialogContentText>
          {unassigned.withCreator > 0 ? (
            <DialogContentText>{t('security.toCreator', { count: unassigned.withCreator, formatted: formatNumber(unassigned.withCreator) })}</DialogContentText>
          ) : null}
          {others > 0 ? (
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('security.othersTo', { count: others, formatted: formatNumber(others) })}
              name="othersTo"
              value={othersTo}
              onChange={(e) => setOthersTo(e.target.value)}
              fullWidth
            >
              {people.map((user) => (
                <option key={user.id} value={String(user.id)}>
                  {user.displayName || user.username}
                </option>
              ))}
              <option value={NOBODY}>{t('security.othersToNobody')}</option>
            </TextField>
          ) : null}
          {failure ? (
            <Alert severity="error" role="alert">
              {errorMessage(t, failure)}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        {mode === 'turnOn' ? (
          <Button onClick={onDone} disabled={busy}>
            {t('security.turnOnWithoutAssigning')}
          </Button>
        ) : null}
        <Button variant="contained" onClick={() => void assign()} disabled={busy} startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}>
          {t(mode === 'turnOn' ? 'security.assignAndTurnOn' : 'security.assignConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
