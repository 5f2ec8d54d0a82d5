import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BlockIcon from '@mui/icons-material/Block';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import PrintIcon from '@mui/icons-material/Print';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Event } from '../../../../shared/api/events.ts';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay, formatMoney } from '../contracts/money.ts';
import { EffectPanel } from './EffectPanel.tsx';
import { CancelEventDialog, DeleteEventDialog, useRestoreEvent } from './EventActions.tsx';
import { EventDialog } from './EventDialog.tsx';
import { eventTime } from './event-format.ts';
import { EventStatusChip } from './EventsPage.tsx';
import { InvitationsSection } from './InvitationsSection.tsx';

/** `#/events/:id`: the event's details and counts, its invitations, and after the day its effect. */
export function EventPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const event = useCoreQuery('events.get', { id });
  return (
    <DetailQuery query={event} backText={t('events.back')} onBack={() => navigate({ name: 'events' })}>
      {(data) => <EventView event={data} />}
    </DetailQuery>
  );
}

const COUNT_KEYS = ['invited', 'yes', 'maybe', 'no', 'pending', 'attended'] as const;

function EventView({ event: e }: { event: Event }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [dialog, setDialog] = useState<'edit' | 'cancel' | 'delete' | null>(null);
  const restore = useRestoreEvent();
  const overCapacity = e.capacity !== null && e.counts.yes > e.capacity;
  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1200, mx: 'auto' }}>
      <DetailHeader
        back={
          <Box>
            <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'events' })}>
              {t('events.back')}
            </Button>
          </Box>
        }
        notice={
          e.deletedAt !== null ? (
            <Alert
              severity="warning"
              action={
                e.actions.restore ? (
                  <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(e.id)}>
                    {t('events.restore')}
                  </Button>
                ) : null
              }
            >
              {t('events.inBin')}
            </Alert>
          ) : null
        }
        title={e.title}
        meta={
          <>
            <EventStatusChip event={e} />
            <Typography color="text.secondary">{[formatDay(e.onDay, language), eventTime(e)].filter(Boolean).join(' ')}</Typography>
          </>
        }
        actions={
          <>
            {e.actions.print ? (
              <Button variant="outlined" startIcon={<PrintIcon />} href={hrefOf({ name: 'printEventSignIn', id: e.id })}>
                {t('events.signInSheet')}
              </Button>
            ) : null}
            {e.actions.cancel ? (
              <Button variant="outlined" color="warning" startIcon={<BlockIcon />} onClick={() => setDialog('cancel')}>
                {t('events.cancelEvent')}
              </Button>
            ) : null}
            {e.actions.delete ? (
              <Button variant="outlined" color="error" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
            {e.actions.edit ? (
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Paper component="section" sx={{ p: 3 }} aria-labelledby="event-details-title">
        <Typography variant="h6" component="h2" id="event-details-title" sx={{ mb: 2 }}>
          {t('events.details')}
        </Typography>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('events.field.kind')}>{t(`events.kinds.${e.kind}`)}</DetailField>
          <DetailField label={t('events.field.onDay')}>{formatDay(e.onDay, language)}</DetailField>
          <DetailField label={t('events.field.time')}>{eventTime(e)}</DetailField>
          <DetailField label={t('events.field.capacity')}>{e.capacity === null ? '' : formatNumber(e.capacity)}</DetailField>
          <DetailField label={t('events.field.budget')}>{e.budgetMinor === null ? '' : formatMoney(e.budgetMinor, e.currency, language)}</DetailField>
          <DetailField label={t('events.field.place')} wide>
            {e.place}
          </DetailField>
          {e.notes ? (
            <DetailField label={t('events.field.notes')} wide>
              {e.notes}
            </DetailField>
          ) : null}
        </Box>
        <Box sx={{ ...DETAIL_DL_SX, gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', mt: 2 }} component="dl" data-testid="event-counts">
          {COUNT_KEYS.map((key) => (
            <Box key={key} data-count={key} data-value={e.counts[key]}>
              <Typography component="dt" variant="caption" color="text.secondary">
                {t(`events.counts.${key}`)}
              </Typography>
              <Typography component="dd" variant="h6" sx={{ m: 0 }}>
                {formatNumber(e.counts[key])}
              </Typography>
            </Box>
          ))}
        </Box>
        {overCapacity ? (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('events.overCapacity', { capacity: formatNumber(e.capacity ?? 0) })}
          </Alert>
        ) : null}
      </Paper>
      {e.actions.effect && e.status === 'held' ? <EffectPanel eventId={e.id} /> : null}
      <InvitationsSection event={e} />
      {dialog === 'edit' ? <EventDialog event={e} onClose={() => setDialog(null)} /> : null}
      {dialog === 'cancel' ? <CancelEventDialog event={e} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? <DeleteEventDialog event={e} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
