import { Alert, Button, IconButton, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { TIERS_MAX } from '../../../../shared/api/loyalty.ts';
import { newTierKey, type TierValues } from './settings-draft.ts';

type Props = {
  tiers: TierValues[];
  onChange: (tiers: TierValues[]) => void;
  /** The field's error state and words, by the core's path (`tiers.1.threshold`). */
  field: (path: string) => { error: boolean; helperText: string | undefined };
  listProblem: string | undefined;
};

/**
 * The member tiers, lowest first: name, qualifying points from which a member is in it (the first
 * is 0), the points multiplier and the benefits. A tier's key stays with it when renamed or moved:
 * tier history names it.
 */
export function TiersEditor({ tiers, onChange, field, listProblem }: Props) {
  const { t } = useTranslation();
  const change = (key: string, patch: Partial<TierValues>) => onChange(tiers.map((tier) => (tier.key === key ? { ...tier, ...patch } : tier)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...tiers];
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(i + by, 0, moved);
    onChange(next);
  };
  const add = () => {
    const last = tiers.at(-1);
    onChange([...tiers, { key: newTierKey(tiers), name: '', threshold: last ? '' : '0', multiplier: last?.multiplier ?? '1', benefits: '' }]);
  };

  return (
    <Stack spacing={2} role="group" aria-labelledby="loyalty-tiers-title">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h3" id="loyalty-tiers-title" sx={{ fontWeight: 600, flex: 1 }}>
          {t('loyaltySettings.tiers')}
        </Typography>
        <Button startIcon={<AddIcon />} onClick={add} disabled={tiers.length >= TIERS_MAX}>
          {t('loyaltySettings.addTier')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('loyaltySettings.tiersHelp')}
      </Typography>
      {listProblem ? <Alert severity="error">{listProblem}</Alert> : null}
      {tiers.map((tier, i) => (
        <Paper key={tier.key} variant="outlined" sx={{ p: 2 }} data-tier={i}>
          <Stack spacing={1.5}>
            <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <TextField
                label={t('loyaltySettings.tierName', { n: i + 1 })}
                sx={{ flex: '1 1 200px' }}
                value={tier.name}
                onChange={(e) => change(tier.key, { name: e.target.value })}
                {...field(`tiers.${i}.name`)}
              />
              <TextField
                label={t('loyaltySettings.threshold')}
                sx={{ width: 200 }}
                value={tier.threshold}
                onChange={(e) => change(tier.key, { threshold: e.target.value })}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                {...field(`tiers.${i}.threshold`)}
              />
              <TextField
                label={t('loyaltySettings.multiplier')}
                sx={{ width: 150 }}
                value={tier.multiplier}
                onChange={(e) => change(tier.key, { multiplier: e.target.value })}
                slotProps={{ htmlInput: { inputMode: 'decimal' } }}
                {...field(`tiers.${i}.multiplierPermille`)}
              />
              <Stack direction="row" sx={{ mt: 1 }}>
                <Tooltip title={t('loyaltySettings.moveUp')}>
                  <span>
                    <IconButton aria-label={t('loyaltySettings.moveUpN', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)}>
                      <ArrowUpwardIcon />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title={t('loyaltySettings.moveDown')}>
                  <span>
                    <IconButton aria-label={t('loyaltySettings.moveDownN', { n: i + 1 })} disabled={i === tiers.length - 1} onClick={() => move(i, 1)}>
                      <ArrowDownwardIcon />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title={t('loyaltySettings.removeTier')}>
                  <span>
                    <IconButton aria-label={t('loyaltySettings.removeTierN', { n: i + 1 })} disabled={tiers.length === 1} onClick={() => onChange(tiers.filter((x) => x.key !== tier.key))}>
                      <DeleteIcon />
                    </IconButton>
                  </span>
                </Tooltip>
              </Stack>
            </Stack>
            <TextField
              label={t('loyaltySettings.benefits')}
              multiline
              minRows={1}
              value={tier.benefits}
              onChange={(e) => change(tier.key, { benefits: e.target.value })}
              {...field(`tiers.${i}.benefits`)}
            />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
