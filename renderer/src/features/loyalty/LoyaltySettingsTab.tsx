import { Alert, Box, Button, CircularProgress, Divider, FormControlLabel, IconButton, Paper, Stack, Switch, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PER_ITEM_MAX, type LoyaltySettings } from '../../../../shared/api/loyalty.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { formatNumber } from '../../i18n/format.ts';
import { CURRENCIES } from '../contracts/money.ts';
import { RewardsPanel } from './RewardsPanel.tsx';
import { newRow, parseValues, toValues, type Problem, type Problems, type SettingsValues } from './settings-draft.ts';
import { TiersEditor } from './TiersEditor.tsx';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const NUMERIC = { htmlInput: { inputMode: 'numeric' } } as const;

/**
 * Settings → Loyalty programme (loyalty.manage: the owner). The programme (earning rules, expiry,
 * referral points, tiers) is saved as one; rewards below are saved one by one.
 */
export function LoyaltySettingsTab() {
  const { t } = useTranslation();
  const settings = useCoreQuery('loyalty.settings', {});
  if (settings.isPending) return <CircularProgress aria-label={t('app.loading')} />;
  if (settings.isError) return <Alert severity="error">{errorMessage(t, settings.error)}</Alert>;
  return (
    <Stack spacing={3}>
      {/* Keyed by version: a save (or another window's) starts the form again from what is stored. */}
      <ProgrammeForm key={settings.data.version} stored={settings.data} />
      <RewardsPanel />
    </Stack>
  );
}

/** A problem in the user's words. */
export function useProblemText() {
  const { t } = useTranslation();
  return (problem: Problem | undefined) =>
    problem ? t(`loyaltySettings.problems.${problem.key}`, Object.fromEntries(Object.entries(problem.values ?? {}).map(([name, n]) => [name, formatNumber(n)]))) : undefined;
}

function ProgrammeForm({ stored }: { stored: LoyaltySettings }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const text = useProblemText();
  const save = useCoreMutation('loyalty.saveSettings');
  const catalogue = useCoreQuery('catalogue.list', { includeInactive: true });
  const [values, setValues] = useState<SettingsValues>(() => toValues(stored));
  const [problems, setProblems] = useState<Problems>({});
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string | null>(null);
  const set = <K extends keyof SettingsValues>(key: K, value: SettingsValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const problemOf = (path: string) => text(problems[path]) ?? serverProblems[path];
  const field = (path: string) => ({ error: problemOf(path) !== undefined, helperText: problemOf(path) });
  const items = catalogue.data?.rows ?? [];
  const currencies = [...new Set([...CURRENCIES, values.currency])];

  const refused = (error: AppFailure) => {
    const found: Record<string, string> = {};
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) found[path.replace(/^settings\./, '')] = issueMessage(t, issue);
    setServerProblems(found);
    // Reasons on the whole list (tiers out of order, an item twice) have no single field: said above the button.
    const placed = Object.keys(found).some((path) => path !== 'tiers' && path !== 'earn.perItem');
    setOther(placed ? (found.tiers ?? found['earn.perItem'] ?? null) : errorMessage(t, error));
  };
  const submit = () => {
    setServerProblems({});
    setOther(null);
    const parsed = parseValues(values);
    if (!parsed.ok) {
      setProblems(parsed.problems);
      setOther(t('loyaltySettings.problems.fix', { count: Object.keys(parsed.problems).length }));
      return;
    }
    setProblems({});
    save.mutate({ settings: parsed.data, version: stored.version }, { onSuccess: () => notify({ message: t('loyaltySettings.saved') }), onError: refused });
  };

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="form" aria-labelledby="loyalty-programme-title" onSubmit={(e) => { e.preventDefault(); submit(); }} data-testid="loyalty-programme">
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2" id="loyalty-programme-title" sx={{ flex: 1 }}>
            {t('loyaltySettings.title')}
          </Typography>
          <FormControlLabel control={<Switch checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />} label={t('loyaltySettings.enabled')} />
        </Stack>
        <Typography color="text.secondary">{t('loyaltySettings.intro')}</Typography>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('loyaltySettings.earning')}
        </Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField select label={t('loyaltySettings.currency')} slotProps={NATIVE_SELECT} sx={{ width: 130 }} value={values.currency} onChange={(e) => set('currency', e.target.value)}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </TextField>
          <TextField label={t('loyaltySettings.perAmount', { currency: values.currency })} sx={{ width: 200 }} value={values.perAmount} onChange={(e) => set('perAmount', e.target.value)} slotProps={{ htmlInput: { inputMode: 'decimal' } }} {...field('earn.perAmountMinor')} />
          <TextField label={t('loyaltySettings.points')} sx={{ width: 180 }} value={values.points} onChange={(e) => set('points', e.target.value)} slotProps={NUMERIC} {...field('earn.points')} />
          <TextField label={t('loyaltySettings.expiryMonths')} sx={{ width: 220 }} value={values.expiryMonths} onChange={(e) => set('expiryMonths', e.target.value)} slotProps={NUMERIC} {...field('expiryMonths')} />
          <TextField label={t('loyaltySettings.referralPoints')} sx={{ width: 220 }} value={values.referralPoints} onChange={(e) => set('referralPoints', e.target.value)} slotProps={NUMERIC} {...field('referralPoints')} />
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('loyaltySettings.earningHelp')}
        </Typography>
        <Divider />
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
            {t('loyaltySettings.perItem')}
          </Typography>
          <Button
            startIcon={<AddIcon />}
            disabled={values.perItem.length >= PER_ITEM_MAX || items.length === 0}
            onClick={() => set('perItem', [...values.perItem, { row: newRow(), itemId: null, points: '' }])}
          >
            {t('loyaltySettings.addItem')}
          </Button>
        </Stack>
        {values.perItem.length === 0 ? <Typography color="text.secondary">{items.length === 0 ? t('loyaltySettings.noCatalogue') : t('loyaltySettings.noPerItem')}</Typography> : null}
        {values.perItem.map((p, i) => (
          <Stack key={p.row} direction="row" spacing={2} sx={{ alignItems: 'flex-start' }} data-per-item={i}>
            <TextField
              select
              label={t('loyaltySettings.item')}
              slotProps={NATIVE_SELECT}
              sx={{ flex: 1, minWidth: 0 }}
              value={p.itemId === null ? '' : String(p.itemId)}
              onChange={(e) => set('perItem', values.perItem.map((q) => (q.row === p.row ? { ...q, itemId: e.target.value === '' ? null : Number(e.target.value) } : q)))}
              {...field(`earn.perItem.${i}.itemId`)}
            >
              <option value="">{t('loyaltySettings.chooseItem')}</option>
              {items.filter((item) => item.active || item.id === p.itemId).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </TextField>
            <TextField label={t('loyaltySettings.itemPoints')} sx={{ width: 180 }} value={p.points} onChange={(e) => set('perItem', values.perItem.map((q) => (q.row === p.row ? { ...q, points: e.target.value } : q)))} slotProps={NUMERIC} {...field(`earn.perItem.${i}.points`)} />
            <Tooltip title={t('loyaltySettings.removeItem')}>
              <IconButton aria-label={t('loyaltySettings.removeItemN', { n: i + 1 })} onClick={() => set('perItem', values.perItem.filter((q) => q.row !== p.row))} sx={{ mt: 1 }}>
                <DeleteIcon />
              </IconButton>
            </Tooltip>
          </Stack>
        ))}
        <Divider />
        <TiersEditor tiers={values.tiers} onChange={(tiers) => set('tiers', tiers)} field={field} listProblem={text(problems.tiers)} />
        {other ? <Alert severity="error">{other}</Alert> : null}
        <Box>
          <Button type="submit" variant="contained" disabled={save.isPending}>
            {t('loyaltySettings.save')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
