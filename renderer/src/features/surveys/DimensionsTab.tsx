import { Alert, Box, Button, Chip, IconButton, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIMENSION_NAME_MAX, type Dimension } from '../../../../shared/api/surveys.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { builtInName, dimensionLabel } from './dimension-label.ts';

/**
 * Settings → Survey dimensions (the owner): rename (a built-in one's name emptied goes back to
 * its built-in name), reorder, add, retire and ask again. Answers already given stay with their
 * dimension whatever is done here.
 */
export function DimensionsTab() {
  const { t } = useTranslation();
  const query = useCoreQuery('surveys.dimensions', {});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [adding, setAdding] = useState('');
  const notify = useNotify();
  const run = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
      dataChanged();
      notify({ message: t('surveys.dims.saved') });
      return true;
    } catch (caught) {
      setFailure(caught as AppError); // call() throws the core's error value
      dataChanged(); // a stale version: show the stored one
      return false;
    }
  };
  const list = query.data ?? [];
  const swap = (a: Dimension, b: Dimension) =>
    run(async () => {
      await call('surveys.saveDimension', { id: a.id, name: a.name, position: b.position, version: a.version });
      await call('surveys.saveDimension', { id: b.id, name: b.name, position: a.position, version: b.version });
    });

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="h6" component="h2">
        {t('surveys.dims.title')}
      </Typography>
      <Typography color="text.secondary">{t('surveys.dims.intro')}</Typography>
      {query.error ? <Alert severity="error">{errorMessage(t, query.error)}</Alert> : null}
      {failure ? (
        <Alert severity="warning" role="alert">
          {errorMessage(t, failure)}
        </Alert>
      ) : null}
      <Paper component="ol" sx={{ p: 0, m: 0, listStyle: 'none' }} aria-label={t('surveys.dims.title')}>
        {list.map((d, i) => (
          <DimensionRow key={`${d.id}-${d.version}`} dimension={d} first={i === 0} last={i === list.length - 1} onUp={() => void swap(d, list[i - 1]!)} onDown={() => void swap(d, list[i + 1]!)} run={run} />
        ))}
      </Paper>
      <Stack
        direction="row"
        spacing={1}
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (adding.trim() === '') return;
          void run(() => call('surveys.saveDimension', { name: adding })).then((ok) => ok && setAdding(''));
        }}
        sx={{ alignItems: 'flex-start' }}
      >
        <TextField size="small" label={t('surveys.dims.newName')} value={adding} onChange={(e) => setAdding(e.target.value)} slotProps={{ htmlInput: { maxLength: DIMENSION_NAME_MAX } }} sx={{ width: 320 }} />
        <Button type="submit" variant="outlined" startIcon={<AddIcon />} disabled={adding.trim() === ''}>
          {t('surveys.dims.add')}
        </Button>
      </Stack>
    </Stack>
  );
}

function DimensionRow({ dimension: d, first, last, onUp, onDown, run }: { dimension: Dimension; first: boolean; last: boolean; onUp: () => void; onDown: () => void; run: (work: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(d.name);
  const builtIn = builtInName(t, d.key);
  const label = dimensionLabel(t, d);
  return (
    <Box component="li" sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider', opacity: d.retired ? 0.75 : 1 }} data-dimension-key={d.key}>
      <Stack direction="row">
        <Tooltip title={t('surveys.dims.moveUp')}>
          <span>
            <IconButton size="small" aria-label={`${t('surveys.dims.moveUp')}: ${label}`} disabled={first} onClick={onUp}>
              <ArrowUpwardIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('surveys.dims.moveDown')}>
          <span>
            <IconButton size="small" aria-label={`${t('surveys.dims.moveDown')}: ${label}`} disabled={last} onClick={onDown}>
              <ArrowDownwardIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      </Stack>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => call('surveys.saveDimension', { id: d.id, name, version: d.version }));
        }}
        sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flex: 1, minWidth: 300 }}
      >
        <TextField
          size="small"
          label={t('surveys.dims.name')}
          value={name}
          placeholder={builtIn || undefined}
          onChange={(e) => setName(e.target.value)}
          helperText={builtIn ? t('surveys.dims.builtinHint', { name: builtIn }) : undefined}
          slotProps={{ htmlInput: { maxLength: DIMENSION_NAME_MAX }, inputLabel: { shrink: true } }}
          sx={{ flex: 1 }}
        />
        <Button type="submit" variant="outlined" disabled={name === d.name} sx={{ mt: 0.25, whiteSpace: 'nowrap' }}>
          {t('surveys.dims.rename')}
        </Button>
      </Box>
      <Chip size="small" color={d.retired ? 'default' : 'success'} variant="outlined" label={d.retired ? t('surveys.dims.retired') : t('surveys.dims.active')} />
      <Button size="small" onClick={() => void run(() => call('surveys.retireDimension', { id: d.id, retired: !d.retired }))} sx={{ whiteSpace: 'nowrap' }}>
        {d.retired ? t('surveys.dims.unretire') : t('surveys.dims.retire')}
      </Button>
    </Box>
  );
}
