import { Alert, Box, Button, Link, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import DeleteIcon from '@mui/icons-material/Delete';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import EditIcon from '@mui/icons-material/Edit';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES, type Complaint, type ComplaintEvent } from '../../../../shared/api/complaints.ts';
import { routeSpecs } from '../../app/area.ts';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate, type Route } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { CollapsibleText } from '../customers/CollapsibleText.tsx';
import { OverdueChip, SeverityChip, StatusChip } from './complaint-format.tsx';
import { DeleteComplaintDialog, PurgeComplaintDialog, RestoreComplaintButton } from './ComplaintDialogs.tsx';
import { StatusDialog, type StatusStep } from './StatusDialog.tsx';

export function ComplaintDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const complaint = useCoreQuery('complaints.get', { id });
  return (
    <DetailQuery query={complaint} backText={t('complaintDetail.back')} onBack={() => navigate({ name: 'complaints' })}>
      {(data) => <ComplaintView complaint={data} />}
    </DetailQuery>
  );
}

const STEP_ICONS: Record<StatusStep, ReactNode> = { start: <PlayArrowIcon />, resolve: <CheckIcon />, close: <DoneAllIcon />, reopen: <ReplayIcon /> };
const STEPS: readonly StatusStep[] = ['start', 'resolve', 'close', 'reopen'];

function ComplaintView({ complaint: c }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<StatusStep | 'delete' | 'purge' | null>(null);
  const live = c.deletedAt === null;
  // The survey that opened it, when the satisfaction area offers a page for it.
  const surveyHref = c.surveyId !== null && routeSpecs().some((spec) => spec.name === 'survey') ? hrefOf({ name: 'survey', id: c.surveyId } as Route) : null; // the surveys area's page takes { id }

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <DetailHeader
        back={
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap>
            <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customer', id: c.customerId })} sx={{ maxWidth: '100%' }}>
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {c.customerName}
              </Box>
            </Button>
            <Button href={hrefOf({ name: 'complaints' })}>{t('complaintDetail.back')}</Button>
          </Stack>
        }
        notice={
          !live ? (
            <Alert severity="warning" action={c.actions.restore ? <RestoreComplaintButton id={c.id} /> : undefined} data-testid="complaint-deleted">
              {t('complaintDetail.inRecycleBin')}
            </Alert>
          ) : null
        }
        title={t('complaintDetail.heading', { id: c.id, customer: c.customerName })}
        meta={
          <>
            <StatusChip status={c.status} size="medium" />
            <SeverityChip severity={c.severity} />
            {c.overdue ? <OverdueChip /> : null}
            <Typography color={c.overdue ? 'error' : 'text.secondary'} data-testid="complaint-due">
              {t(c.overdue ? 'complaintDetail.overdueSince' : 'complaintDetail.dueIn', { date: formatDateTime(c.dueAt) })}
            </Typography>
          </>
        }
        // The core says which steps of the workflow (and which edits) this caller may take now.
        actions={
          <>
            {STEPS.filter((step) => c.actions[step]).map((step) => (
              <Button key={step} variant={step === 'resolve' ? 'contained' : 'outlined'} startIcon={STEP_ICONS[step]} onClick={() => setDialog(step)}>
                {t(`complaintDetail.${step}`)}
              </Button>
            ))}
            {c.actions.edit ? (
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => navigate({ name: 'complaintEdit', id: c.id })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {c.actions.delete ? (
              <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
            {c.actions.purge ? (
              <Button color="error" variant="outlined" startIcon={<DeleteForeverIcon />} onClick={() => setDialog('purge')}>
                {t('complaintDetail.purge')}
              </Button>
            ) : null}
          </>
        }
      />

      <Paper component="section" sx={{ p: 3 }} aria-labelledby="complaint-details-title">
        <Typography variant="h6" component="h2" id="complaint-details-title" sx={{ mb: 2 }}>
          {t('complaintDetail.details')}
        </Typography>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('complaint.customer')}>
            <Link href={hrefOf({ name: 'customer', id: c.customerId })}>{c.customerName}</Link>
            <Stack direction="row" spacing={1} component="span" sx={{ alignItems: 'center', mt: 0.5 }}>
              <GradeChip grade={c.customerGrade} />
              <Typography component="span" variant="body2" color="text.secondary">
                {c.customerCode}
              </Typography>
            </Stack>
          </DetailField>
          <DetailField label={t('complaint.category')}>{t(`complaint.categories.${c.category}`)}</DetailField>
          <DetailField label={t('complaint.source')}>
            {surveyHref ? <Link href={surveyHref}>{t('complaint.sources.survey')}</Link> : t(`complaint.sources.${c.source}`)}
          </DetailField>
          <DetailField label={t('complaint.assignee')}>{c.assigneeName ?? t('complaint.nobody')}</DetailField>
          <DetailField label={t('complaint.openedAt')}>{formatDateTime(c.openedAt)}</DetailField>
          <DetailField label={t('complaint.dueAt')}>{formatDateTime(c.dueAt)}</DetailField>
          <DetailField label={t('complaint.status')}>{t(`complaint.statuses.${c.status}`)}</DetailField>
          <DetailField label={t('complaint.afterScore')}>{c.afterScore !== null ? t('complaint.afterScoreValue', { score: c.afterScore }) : ''}</DetailField>
          <DetailField label={t('complaint.description')} wide>
            <CollapsibleText text={c.description} />
          </DetailField>
          <DetailField label={t('complaint.resolution')} wide>
            {c.resolution ? <CollapsibleText text={c.resolution} /> : ''}
          </DetailField>
          <DetailField label={t('complaintDetail.createdAt')}>{c.createdByName ? `${formatDateTime(c.createdAt)} · ${c.createdByName}` : formatDateTime(c.createdAt)}</DetailField>
          <DetailField label={t('complaintDetail.updatedAt')}>{formatDateTime(c.updatedAt)}</DetailField>
        </Box>
      </Paper>

      <HistorySection events={c.events} />

      {dialog === 'delete' ? <DeleteComplaintDialog complaint={c} onClose={() => setDialog(null)} /> : null}
      {dialog === 'purge' ? <PurgeComplaintDialog complaint={c} onClose={() => setDialog(null)} /> : null}
      {dialog !== null && dialog !== 'delete' && dialog !== 'purge' ? <StatusDialog complaint={c} step={dialog} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

const isStatus = (value: string | null) => COMPLAINT_STATUSES.find((s) => s === value);

/** What an event of the history says: a status change's statuses, an assignment's names, a deadline's instants. */
function eventText(t: ReturnType<typeof useTranslation>['t'], e: ComplaintEvent): string {
  if (e.kind === 'status') {
    const from = isStatus(e.from);
    const to = isStatus(e.to);
    return t('complaintDetail.events.status', { from: from ? t(`complaint.statuses.${from}`) : '—', to: to ? t(`complaint.statuses.${to}`) : '—' });
  }
  const label = t(`complaintDetail.events.${e.kind}`);
  if (e.kind === 'assigned') return `${label}: ${e.from ?? t('complaint.nobody')} → ${e.to ?? t('complaint.nobody')}`;
  if (e.kind === 'deadline') {
    const instant = (text: string | null) => (text !== null && /^\d+$/.test(text) ? formatDateTime(Number(text)) : '—');
    return `${label}: ${instant(e.from)} → ${instant(e.to)}`;
  }
  return label;
}

/** Every change, oldest first: who, when, what, and the note given with it. */
function HistorySection({ events }: { events: ComplaintEvent[] }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="complaint-history-title">
      <Typography variant="h6" component="h2" id="complaint-history-title" sx={{ mb: 2 }}>
        {t('complaintDetail.history')}
      </Typography>
      {events.length === 0 ? (
        <Typography color="text.secondary">{t('complaintDetail.noEvents')}</Typography>
      ) : (
        <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="complaint-history">
          {events.map((e) => (
            <Box component="li" key={e.id} data-event-kind={e.kind} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '190px 1fr' }, gap: { xs: 0, sm: 2 }, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
              <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(e.at)}
              </Typography>
              <Box sx={{ minWidth: 0 }}>
                <Typography component="span" variant="subtitle2">
                  {eventText(t, e)}
                </Typography>
                {e.userName ? (
                  <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                    {t('complaintDetail.by', { name: e.userName })}
                  </Typography>
                ) : null}
                {e.note ? (
                  <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', mt: 0.25 }}>
                    {e.note}
                  </Typography>
                ) : null}
              </Box>
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}
