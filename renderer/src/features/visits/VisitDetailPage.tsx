import { Alert, AlertTitle, Box, Button, Link, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import EventIcon from '@mui/icons-material/Event';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinute, type Visit } from '../../../../shared/api/visits.ts';
import { SCOPED_ROLES } from '../../../../shared/roles.ts';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';
import { CollapsibleText } from '../customers/CollapsibleText.tsx';
import { SurveyButton } from '../surveys/SurveyButton.tsx';
import { intersects } from './agenda-query.ts';
import { CompleteVisitDialog } from './CompleteVisitDialog.tsx';
import { MoveVisitDialog } from './MoveVisitDialog.tsx';
import { VisitStatusChip } from './VisitChips.tsx';
import { DeleteVisitDialog, RestoreVisitButton } from './VisitDialogs.tsx';
import { VisitStatusButtons } from './VisitStatusButtons.tsx';

export function VisitDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const visit = useCoreQuery('visits.get', { id });
  return (
    <DetailQuery query={visit} backText={t('visitDetail.back')} onBack={() => navigate({ name: 'visits' })}>
      {(data) => <VisitDetail visit={data} />}
    </DetailQuery>
  );
}

/** The same person's other visits that day whose times intersect this one's (a warning, never a refusal). */
function OverlapAlert({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const { session } = useSession();
  // A scoped staff member may not read another's agenda (the core refuses it): then nothing is asked or said here.
  const scopedOut = session.settings.staffScope && SCOPED_ROLES.includes(session.user.role) && v.staffId !== session.user.id;
  const relevant = v.deletedAt === null && v.status !== 'cancelled' && !scopedOut;
  const day = useCoreQuery('visits.agenda', { from: v.onDay, to: v.onDay, staffId: v.staffId }, { enabled: relevant });
  const others = (day.data?.visits ?? []).filter((o) => o.id !== v.id && intersects(o, v));
  if (!relevant || others.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="overlap-alert">
      <AlertTitle>{t('visitDetail.overlapTitle', { name: v.staffName })}</AlertTitle>
      {others.map((o) => (
        <Box key={o.id}>
          <Link href={hrefOf({ name: 'visit', id: o.id })}>
            {t('visit.timeRange', { start: formatMinute(o.startMinute), end: formatMinute((o.startMinute + o.durationMinutes) % 1440) })} {o.customerName}
          </Link>
        </Box>
      ))}
    </Alert>
  );
}

function VisitDetail({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'complete' | 'delete' | 'move' | null>(null);
  const live = v.deletedAt === null;
  const time = t('visit.timeRange', { start: formatMinute(v.startMinute), end: formatMinute((v.startMinute + v.durationMinutes) % 1440) });
  const phones = [v.contactPhones.mobile, v.contactPhones.phone].filter(Boolean).join(' / ');

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <DetailHeader
        back={
          <Box>
            <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'visits' })}>
              {t('visitDetail.back')}
            </Button>
          </Box>
        }
        notice={!live ? <Alert severity="warning" action={v.actions.restore ? <RestoreVisitButton visit={v} /> : undefined}>{t('visitDetail.inRecycleBin')}</Alert> : null}
        title={v.customerName}
        meta={
          <>
            <VisitStatusChip status={v.status} size="medium" />
            <Typography color="text.secondary" data-testid="visit-when">
              {formatCalendarDate(v.onDay)} {time}
            </Typography>
          </>
        }
        // The core says what this caller may do with this visit.
        actions={
          <>
            <SurveyButton target={{ customer: { id: v.customerId, name: v.customerName, code: v.customerCode }, visitId: v.id, channel: 'visit' }} live={v.deletedAt === null} />
            {v.actions.complete ? (
              <Button variant="contained" color="success" startIcon={<CheckCircleIcon />} onClick={() => setDialog('complete')}>
                {t('visitDetail.complete')}
              </Button>
            ) : null}
            {v.actions.edit ? (
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => navigate({ name: 'visitEdit', id: v.id })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {v.actions.reschedule ? (
              <Button variant="outlined" startIcon={<EventIcon />} onClick={() => setDialog('move')}>
                {t('visits.moveTo')}
              </Button>
            ) : null}
            {v.actions.edit ? <VisitStatusButtons visit={v} /> : null}
            {v.actions.delete ? (
              <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
          </>
        }
      />
      <OverlapAlert visit={v} />
      {v.recordId !== null ? (
        <Alert severity="success" data-testid="visit-record">
          {t('visitDetail.record')}: <Link href={hrefOf({ name: 'record', id: v.recordId })}>{t('visitDetail.openRecord')}</Link>
        </Alert>
      ) : null}

      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t('visitDetail.basics')}
        </Typography>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('visit.customer')}>
            <Link href={hrefOf({ name: 'customer', id: v.customerId })}>{v.customerName}</Link>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
              {v.customerCode}
            </Typography>
          </DetailField>
          <DetailField label={t('visit.contact')}>{v.contactName}</DetailField>
          <DetailField label={t('visitDetail.phones')}>{phones}</DetailField>
          <DetailField label={t('visit.staff')}>{v.staffName}</DetailField>
          <DetailField label={t('visit.onDay')}>{formatCalendarDate(v.onDay)}</DetailField>
          <DetailField label={t('visit.time')}>{time}</DetailField>
          <DetailField label={t('visit.duration')}>{t('visit.durationShort', { count: v.durationMinutes })}</DetailField>
          <DetailField label={t('visitDetail.createdAt')}>{formatDateTime(v.createdAt)}</DetailField>
          <DetailField label={t('visit.address')} wide>
            {v.address}
          </DetailField>
          <DetailField label={t('visit.purpose')} wide>
            {v.purpose}
          </DetailField>
          <DetailField label={t('visit.agenda')} wide>
            {v.agenda ? <CollapsibleText text={v.agenda} /> : ''}
          </DetailField>
          {v.status === 'done' ? (
            <DetailField label={t('visit.outcome')} wide>
              {v.outcome ? <CollapsibleText text={v.outcome} /> : ''}
            </DetailField>
          ) : null}
          <DetailField label={t('visitDetail.lastVisit')} wide>
            {v.lastVisitNote ? (
              <Link href={hrefOf({ name: 'visit', id: v.lastVisitNote.visitId })} color="inherit">
                {t('visitDetail.lastVisitNote', { date: formatCalendarDate(v.lastVisitNote.onDay), outcome: v.lastVisitNote.outcome })}
              </Link>
            ) : (
              t('visitDetail.noLastVisit')
            )}
          </DetailField>
        </Box>
      </Paper>

      {dialog === 'complete' ? <CompleteVisitDialog visit={v} onClose={() => setDialog(null)} onCompleted={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? <DeleteVisitDialog visit={v} onClose={() => setDialog(null)} /> : null}
      {dialog === 'move' ? <MoveVisitDialog visit={{ ...v, overlaps: false }} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
