import { Alert, Box, Button, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../../../shared/api/records.ts';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate, type Route } from '../../app/router.ts';
import { routeSpecs } from '../../app/area.ts';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';
import { AttachmentsSection } from '../attachments/AttachmentsSection.tsx';
import { CollapsibleText } from '../customers/CollapsibleText.tsx';
import { useFollowUpDone } from './FollowUpsTab.tsx';
import { DeleteRecordDialog, PurgeRecordDialog, RestoreRecordButton } from './RecordDialogs.tsx';
import { kindLabel, recordTitle } from './record-format.ts';
import { PrintReportButton } from '../print/PrintButtons.tsx';
import { SurveyButton } from '../surveys/SurveyButton.tsx';

export function RecordDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const record = useCoreQuery('records.get', { id });
  return (
    <DetailQuery query={record} backText={t('recordDetail.back')} onBack={() => navigate({ name: 'service' })}>
      {(data) => <RecordView record={data} />}
    </DetailQuery>
  );
}

function RecordView({ record: r }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'delete' | 'purge' | null>(null);
  const followUpDone = useFollowUpDone();
  const service = r.kind === 'service';
  const live = r.deletedAt === null;
  const long = (text: string) => (text ? <CollapsibleText text={text} /> : '');
  const visitHref = r.visitId !== null && routeSpecs().some((spec) => spec.name === 'visit') ? hrefOf({ name: 'visit', id: r.visitId } as Route) : null; // the visits area's page takes { id }

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <DetailHeader
        back={
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap>
            <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customer', id: r.customerId })} sx={{ maxWidth: '100%' }}>
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {r.customerName}
              </Box>
            </Button>
            <Button href={hrefOf({ name: 'service' })}>{t('recordDetail.back')}</Button>
          </Stack>
        }
        notice={
          !live ? (
            <Alert severity="warning" action={r.actions.restore ? <RestoreRecordButton id={r.id} /> : undefined} data-testid="record-deleted">
              {t('recordDetail.inRecycleBin')}
            </Alert>
          ) : null
        }
        title={t('recordDetail.heading', { kind: kindLabel(t, r.kind), customer: r.customerName })}
        meta={
          <>
            <Typography color="text.secondary">{formatDateTime(r.at)}</Typography>
            <Chip size="small" label={recordTitle(t, r)} />
            {r.status ? <Chip size="small" color={r.status === 'done' ? 'success' : 'warning'} label={t(`record.statuses.${r.status}`)} /> : null}
            {r.source !== 'app' ? <Chip size="small" variant="outlined" label={t(`record.sources.${r.source}`)} /> : null}
            {visitHref ? (
              <Link href={visitHref} variant="body2">
                {t('recordDetail.fromVisit')}
              </Link>
            ) : null}
          </>
        }
        // The core says what this caller may do with this record.
        actions={
          <>
            {r.deletedAt === null ? <PrintReportButton recordId={r.id} /> : null}
            <SurveyButton target={{ customer: { id: r.customerId, name: r.customerName, code: r.customerCode }, recordId: r.id }} live={r.deletedAt === null} />
            {r.actions.followUpDone ? (
              <Button variant="outlined" startIcon={<CheckIcon />} onClick={() => void followUpDone(r)}>
                {t('followUps.markDone')}
              </Button>
            ) : null}
            {r.actions.edit ? (
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => navigate({ name: 'recordEdit', id: r.id })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {r.actions.delete ? (
              <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
            {r.actions.purge ? (
              <Button color="error" variant="outlined" startIcon={<DeleteForeverIcon />} onClick={() => setDialog('purge')}>
                {t('recordDetail.purge')}
              </Button>
            ) : null}
          </>
        }
      />

      <Paper component="section" sx={{ p: 3 }} aria-labelledby="record-details-title">
        <Typography variant="h6" component="h2" id="record-details-title" sx={{ mb: 2 }}>
          {t('recordDetail.details')}
        </Typography>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('record.customer')}>
            <Link href={hrefOf({ name: 'customer', id: r.customerId })}>{r.customerName}</Link>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
              {r.customerCode}
            </Typography>
          </DetailField>
          <DetailField label={t('record.at')}>{formatDateTime(r.at)}</DetailField>
          <DetailField label={t('record.staff')}>{r.staffName ?? ''}</DetailField>
          {service ? (
            <>
              <DetailField label={t('record.serviceKind')}>{r.serviceKind ? t(`record.serviceKinds.${r.serviceKind}`) : ''}</DetailField>
              <DetailField label={t('record.phase')}>{r.phase ? t(`record.phases.${r.phase}`) : ''}</DetailField>
              <DetailField label={t('record.status')}>{r.status ? t(`record.statuses.${r.status}`) : ''}</DetailField>
              <DetailField label={t('record.duration')}>{r.durationMinutes === null ? '' : t('record.durationValue', { count: r.durationMinutes })}</DetailField>
              <DetailField label={t('record.contract')}>
                {r.contractId !== null ? <Link href={hrefOf({ name: 'contract', id: r.contractId })}>{`${r.contractNumber ?? ''} · ${r.contractTitle ?? ''}`}</Link> : ''}
              </DetailField>
            </>
          ) : (
            <>
              <DetailField label={t('record.channel')}>{r.channel ? t(`record.channels.${r.channel}`) : ''}</DetailField>
              <DetailField label={t('record.followUpOn')}>
                {r.followUpOn ? (r.followUpDoneAt !== null ? t('recordDetail.followUpDoneOn', { date: formatCalendarDate(r.followUpOn), done: formatDateTime(r.followUpDoneAt) }) : formatCalendarDate(r.followUpOn)) : ''}
              </DetailField>
              <DetailField label={t('record.participants')} wide>
                {r.participants.length > 0 ? (
                  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} component="span">
                    {r.participants.map((p, i) => (
                      <Chip key={i} size="small" label={p.name} variant={p.userId !== null ? 'outlined' : 'filled'} />
                    ))}
                  </Stack>
                ) : (
                  ''
                )}
              </DetailField>
            </>
          )}
          <DetailField label={t('record.content')} wide>
            {long(r.content)}
          </DetailField>
          {service ? (
            <>
              <DetailField label={t('record.result')} wide>
                {long(r.result)}
              </DetailField>
              <DetailField label={t('record.feedback')} wide>
                {long(r.feedback)}
              </DetailField>
            </>
          ) : (
            <DetailField label={t('record.agreements')} wide>
              {long(r.agreements)}
            </DetailField>
          )}
          <DetailField label={t('recordDetail.createdAt')}>{r.createdByName ? t('recordDetail.byWhom', { at: formatDateTime(r.createdAt), name: r.createdByName }) : formatDateTime(r.createdAt)}</DetailField>
          <DetailField label={t('recordDetail.updatedAt')}>{formatDateTime(r.updatedAt)}</DetailField>
        </Box>
      </Paper>

      {service && live ? <AttachmentsSection owner={{ kind: 'service', id: r.id }} /> : null}

      {dialog === 'delete' ? <DeleteRecordDialog record={r} onClose={() => setDialog(null)} /> : null}
      {dialog === 'purge' ? <PurgeRecordDialog record={r} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
