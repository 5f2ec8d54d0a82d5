import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Paper, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POINTS_MAX, REWARD_NAME_MAX, type Reward } from '../../../../shared/api/loyalty.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { formatNumber } from '../../i18n/format.ts';
import { parseWhole } from './settings-draft.ts';

/** The rewards members redeem points for (loyalty.manage). A reward is withdrawn, never deleted: coupons name it. */
export function RewardsPanel() {
  const { t } = useTranslation();
  const rewards = useCoreQuery('loyalty.rewards', {});
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const rows = rewards.data?.rows ?? [];
  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby="loyalty-rewards-title" data-testid="loyalty-rewards">
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2" id="loyalty-rewards-title" sx={{ flex: 1 }}>
            {t('loyaltyRewards.title')}
          </Typography>
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {t('loyaltyRewards.add')}
          </Button>
        </Stack>
        {rewards.error ? <Alert severity="error">{errorMessage(t, rewards.error)}</Alert> : null}
        {rewards.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('loyaltyRewards.empty')}</Typography> : null}
        {rows.length > 0 ? (
          <TableContainer>
            <Table size="small" aria-label={t('loyaltyRewards.title')} sx={{ tableLayout: 'fixed', minWidth: 600 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('loyaltyRewards.name')}</TableCell>
                  <TableCell sx={{ width: 130 }} align="right">
                    {t('loyaltyRewards.points')}
                  </TableCell>
                  <TableCell sx={{ width: 130 }} align="right">
                    {t('loyaltyRewards.stock')}
                  </TableCell>
                  <TableCell sx={{ width: 110 }}>{t('loyaltyRewards.status')}</TableCell>
                  <TableCell sx={{ width: 100 }} />
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((reward) => (
                  <TableRow key={reward.id} data-reward-id={reward.id} sx={reward.active ? undefined : { '& td': { color: 'text.disabled' } }}>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{reward.name}</TableCell>
                    <TableCell align="right">{formatNumber(reward.points)}</TableCell>
                    <TableCell align="right">{reward.stock === null ? t('loyaltyRewards.unlimited') : formatNumber(reward.stock)}</TableCell>
                    <TableCell>{reward.active ? t('loyaltyRewards.active') : <Chip size="small" label={t('loyaltyRewards.inactive')} />}</TableCell>
                    <TableCell align="right">
                      <Button size="small" onClick={() => setEditing(reward)}>
                        {t('common.edit')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : null}
      </Stack>
      {editing !== null ? <RewardDialog reward={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}

type RewardProblems = Partial<Record<'name' | 'points' | 'stock', string>> & { other?: string };

function RewardDialog({ reward, onClose }: { reward: Reward | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useCoreMutation('loyalty.saveReward');
  const [name, setName] = useState(reward?.name ?? '');
  const [points, setPoints] = useState(reward ? String(reward.points) : '');
  const [stock, setStock] = useState(reward?.stock === null || reward === null ? '' : String(reward.stock));
  const [active, setActive] = useState(reward?.active ?? true);
  const [problems, setProblems] = useState<RewardProblems>({});

  const refused = (error: AppFailure) => {
    const found: RewardProblems = {};
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) if (path === 'name' || path === 'points' || path === 'stock') found[path] = issueMessage(t, issue);
    if (Object.keys(found).length === 0) found.other = errorMessage(t, error);
    setProblems(found);
  };
  const submit = () => {
    const found: RewardProblems = {};
    const cost = parseWhole(points);
    const left = stock.trim() === '' ? null : parseWhole(stock);
    if (name.trim() === '') found.name = t('loyaltySettings.problems.required');
    else if (name.trim().length > REWARD_NAME_MAX) found.name = t('loyaltySettings.problems.tooLong', { max: REWARD_NAME_MAX });
    if (points.trim() === '') found.points = t('loyaltySettings.problems.required');
    else if (cost === null) found.points = t('loyaltySettings.problems.whole');
    else if (cost < 1 || cost > POINTS_MAX) found.points = t('loyaltySettings.problems.range', { min: 1, max: POINTS_MAX });
    if (stock.trim() !== '' && left === null) found.stock = t('loyaltySettings.problems.whole');
    else if (left !== null && left > POINTS_MAX) found.stock = t('loyaltySettings.problems.range', { min: 0, max: POINTS_MAX });
    if (Object.keys(found).length > 0 || cost === null) return setProblems(found);
    const draft = { name, points: cost, stock: left, active };
    save.mutate(reward ? { ...draft, id: reward.id, version: reward.version } : draft, {
      onSuccess: (saved) => {
        notify({ message: t('loyaltyRewards.saved', { name: saved.name }) });
        onClose();
      },
      onError: refused,
    });
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} aria-labelledby="reward-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="reward-dialog-title">{reward ? t('loyaltyRewards.editTitle') : t('loyaltyRewards.addTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <TextField autoFocus required label={t('loyaltyRewards.name')} value={name} onChange={(e) => setName(e.target.value)} error={problems.name !== undefined} helperText={problems.name} />
          <Stack direction="row" spacing={2}>
            <TextField required label={t('loyaltyRewards.points')} sx={{ flex: 1 }} value={points} onChange={(e) => setPoints(e.target.value)} error={problems.points !== undefined} helperText={problems.points} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
            <TextField
              label={t('loyaltyRewards.stock')}
              sx={{ flex: 1 }}
              value={stock}
              onChange={(e) => setStock(e.target.value)}
              error={problems.stock !== undefined}
              helperText={problems.stock ?? t('loyaltyRewards.stockHelp')}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          </Stack>
          <FormControlLabel control={<Switch checked={active} onChange={(e) => setActive(e.target.checked)} />} label={t('loyaltyRewards.offered')} />
          {problems.other ? <Alert severity="error">{problems.other}</Alert> : null}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={submit} disabled={save.isPending}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
