import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, type CustomerFilters } from '../../../../shared/api/customers.ts';
import { EVENT_BATCH_MAX, type Event, type InviteResult } from '../../../../shared/api/events.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';
import { CustomerPicker, type CustomerOption } from '../customers/CustomerPicker.tsx';
import { useFacets, useUsers } from '../customers/use-users.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
type Mode = 'filter' | 'hand';

/**
 * Invite customers to the event: by the customers list's filters (grade, tag, region, responsible
 * staff), with the core's live count of whom that would invite before anything is written; or one
 * by one with the search-as-you-type picker (never a list of every customer).
 */
export function InviteDialog({ event: e, onClose }: { event: Event; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [mode, setMode] = useState<Mode>('filter');
  const [filter, setFilter] = useState<CustomerFilters>({});
  const [chosen, setChosen] = useState<CustomerOption[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const hasFilter = Object.keys(filter).length > 0;
  const preview = useCoreQuery('events.invitePreview', { eventId: e.id, filter }, { enabled: mode === 'filter' && hasFilter, placeholderData: keepPreviousData });
  const toInvite = mode === 'filter' ? (hasFilter && preview.data ? preview.data.count - preview.data.alreadyInvited : 0) : chosen.length;

  const send = async () => {
    setFailure(null);
    setBusy(true);
    try {
      const result: InviteResult = await call('events.invite', mode === 'filter' ? { eventId: e.id, filter } : { eventId: e.id, customerIds: chosen.map((c) => c.id) });
      dataChanged();
      notify({
        message: [t('invite.done', { invited: formatNumber(result.invited), already: formatNumber(result.alreadyInvited) }), result.overCapacity ? t('invite.overCapacity') : ''].filter(Boolean).join(' '),
        severity: result.overCapacity ? 'warning' : 'success',
      });
      onClose();
    } catch (caught) {
      setFailure(caught as AppError); // call() throws the core's error value
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof CustomerFilters>(key: K, value: CustomerFilters[K] | undefined) =>
    setFilter((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  return (
    <Dialog open onClose={onClose} aria-labelledby="invite-title" fullWidth maxWidth="sm">
      <DialogTitle id="invite-title" sx={{ overflowWrap: 'anywhere' }}>
        {t('invite.title')} · {e.title}
      </DialogTitle>
      <DialogContent sx={{ minHeight: 360 }}>
        <Tabs value={mode} onChange={(_ev, value: Mode) => setMode(value)} sx={{ mb: 2 }}>
          <Tab value="filter" label={t('invite.byFilter')} />
          <Tab value="hand" label={t('invite.byHand')} />
        </Tabs>
        {mode === 'filter' ? <FilterFields filter={filter} set={set} /> : <HandPicked chosen={chosen} setChosen={setChosen} />}
        {mode === 'filter' ? (
          <Box sx={{ mt: 2 }} role="status" data-testid="invite-preview" data-count={preview.data?.count} data-already={preview.data?.alreadyInvited}>
            {!hasFilter ? (
              <Typography color="text.secondary">{t('invite.needFilter')}</Typography>
            ) : preview.error ? (
              <Alert severity="error">{errorMessage(t, preview.error)}</Alert>
            ) : preview.data ? (
              <Typography sx={{ fontWeight: 600 }}>
                {preview.data.count === 0 ? t('invite.previewNone') : t('invite.preview', { n: formatNumber(preview.data.count), already: formatNumber(preview.data.alreadyInvited) })}
              </Typography>
            ) : null}
          </Box>
        ) : null}
        {failure ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorMessage(t, failure)}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={busy || toInvite <= 0 || (mode === 'filter' && preview.isPlaceholderData)} onClick={() => void send()}>
          {t('invite.send', { n: formatNumber(Math.max(0, toInvite)) })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function FilterFields({ filter, set }: { filter: CustomerFilters; set: <K extends keyof CustomerFilters>(key: K, value: CustomerFilters[K] | undefined) => void }) {
  const { t } = useTranslation();
  const users = useUsers();
  const facets = useFacets();
  const select = (label: string, value: string, onChange: (value: string) => void, options: { value: string; label: string }[]) => (
    <TextField select size="small" slotProps={NATIVE_SELECT} label={label} value={value} onChange={(ev) => onChange(ev.target.value)}>
      <option value="">{t('invite.any')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '1fr 1fr' } }}>
      {select(t('invite.grade'), filter.grade ?? '', (v) => set('grade', GRADES.find((g) => g === v)), GRADES.map((g) => ({ value: g, label: t(`customer.grades.${g}`) })))}
      {select(t('invite.tag'), filter.tag ?? '', (v) => set('tag', v || undefined), facets.tags.map((tag) => ({ value: tag, label: tag })))}
      {select(t('invite.region'), filter.region ?? '', (v) => set('region', v || undefined), facets.regions.map((region) => ({ value: region, label: region })))}
      {select(
        t('invite.owner'),
        filter.ownerId === undefined ? '' : String(filter.ownerId),
        (v) => set('ownerId', v === '' ? undefined : Number(v)),
        users.map((u) => ({ value: String(u.id), label: u.displayName || u.username })),
      )}
    </Box>
  );
}

function HandPicked({ chosen, setChosen }: { chosen: CustomerOption[]; setChosen: (change: (current: CustomerOption[]) => CustomerOption[]) => void }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      {/* A new picker after each choice: the box is empty again for the next name. */}
      <CustomerPicker
        key={chosen.length}
        label={t('invite.pick')}
        value={null}
        autoFocus
        onChange={(c) => {
          if (c) setChosen((current) => (current.some((x) => x.id === c.id) || current.length >= EVENT_BATCH_MAX ? current : [...current, c]));
        }}
      />
      <Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('invite.chosen')}
        </Typography>
        {chosen.length === 0 ? <Typography color="text.secondary">{t('invite.noneChosen')}</Typography> : null}
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="invite-chosen">
          {chosen.map((c) => (
            <Chip
              key={c.id}
              label={`${c.name} ${c.code}`}
              onDelete={() => setChosen((current) => current.filter((x) => x.id !== c.id))}
              slotProps={{ root: { 'aria-label': c.name } }}
              sx={{ maxWidth: '100%', height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'anywhere', py: 0.5 } }}
            />
          ))}
        </Stack>
      </Box>
    </Stack>
  );
}
