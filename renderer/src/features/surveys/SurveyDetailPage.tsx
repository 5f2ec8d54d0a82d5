import { Alert, Box, Button, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Survey } from '../../../../shared/api/surveys.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { CollapsibleText } from '../customers/CollapsibleText.tsx';
import { ComplaintNotice, type OpenedComplaint } from './ComplaintNotice.tsx';
import { dimensionLabel } from './dimension-label.ts';
import { forgetOpenedComplaint, openedComplaintOf } from './opened-complaints.ts';

export function SurveyDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const survey = useCoreQuery('surveys.get', { id });
  // The complaint the full form's save opened, said once on arrival (as the quick dialog says it).
  const [opened] = useState(() => openedComplaintOf(id));
  useEffect(() => forgetOpenedComplaint(id), [id]);
  return (
    <DetailQuery query={survey} backText={t('surveys.detail.back')} onBack={() => navigate({ name: 'satisfaction' })}>
      {(data) => <SurveyView survey={data} opened={opened} />}
    </DetailQuery>
  );
}

function useRestoreSurvey() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (id: number) =>
    call('surveys.restore', { id }).then(
      () => {
        dataChanged();
        notify({ message: t('surveys.detail.restored') });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

function SurveyView({ survey: s, opened }: { survey: Survey; opened: OpenedComplaint | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const restore = useRestoreSurvey();
  const [dialog, setDialog] = useState<'delete' | 'purge' | null>(null);
  const remove = useCoreMutation('surveys.delete');
  const purge = useCoreMutation('surveys.purge');
  const live = s.deletedAt === null;

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <DetailHeader
        back={
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap>
            <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customer', id: s.customerId })} sx={{ maxWidth: '100%' }}>
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {s.customerName}
              </Box>
            </Button>
            <Button href={hrefOf({ name: 'satisfaction' })}>{t('surveys.detail.back')}</Button>
          </Stack>
        }
        notice={
          <>
            {opened && opened.id === s.complaintId ? <ComplaintNotice complaint={opened} /> : null}
            {!live ? (
              <Alert
                severity="warning"
                action={
                  s.actions.restore ? (
                    <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(s.id)}>
                      {t('surveys.detail.restore')}
                    </Button>
                  ) : undefined
                }
              >
                {t('surveys.detail.inRecycleBin')}
              </Alert>
            ) : null}
          </>
        }
        title={t('surveys.detail.heading', { customer: s.customerName })}
        meta={
          <>
            <Typography color="text.secondary">{formatDateTime(s.at)}</Typography>
            <Chip size="small" label={t(`surveys.channels.${s.channel}`)} />
            {s.complaintId !== null ? (
              <Link href={`#/complaints/${s.complaintId}`} variant="body2">
                {t('surveys.openComplaint', { id: s.complaintId })}
              </Link>
            ) : null}
          </>
        }
        actions={
          <>
            {s.actions.edit ? (
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => navigate({ name: 'surveyEdit', id: s.id })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {s.actions.delete ? (
              <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
            {s.actions.purge ? (
              <Button color="error" variant="outlined" startIcon={<DeleteForeverIcon />} onClick={() => setDialog('purge')}>
                {t('surveys.detail.purge')}
              </Button>
            ) : null}
          </>
        }
      />
      <Paper component="section" sx={{ p: 3 }} aria-labelledby="survey-scores-title">
        <Typography variant="h6" component="h2" id="survey-scores-title" sx={{ mb: 2 }}>
          {t('surveys.field.scores')}
        </Typography>
        <Box component="dl" sx={DETAIL_DL_SX}>
          {s.scores.map((score) => (
            <DetailField key={score.dimensionId} label={dimensionLabel(t, score) + (score.retired ? ` (${t('surveys.trends.retired')})` : '')}>
              <Typography component="span" sx={{ fontWeight: 600, color: score.score <= 2 ? 'warning.dark' : undefined }}>
                {score.score} / 5
              </Typography>
            </DetailField>
          ))}
          <DetailField label={t('surveys.field.nps')}>{s.nps === null ? t('surveys.detail.noScore') : `${s.nps} / 10`}</DetailField>
        </Box>
      </Paper>
      <Paper component="section" sx={{ p: 3 }}>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('surveys.field.customer')}>
            <Link href={hrefOf({ name: 'customer', id: s.customerId })}>{s.customerName}</Link>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
              {s.customerCode}
            </Typography>
          </DetailField>
          <DetailField label={t('surveys.field.staff')}>{s.staffName ?? ''}</DetailField>
          <DetailField label={t('surveys.field.channel')}>{t(`surveys.channels.${s.channel}`)}</DetailField>
          {s.recordId !== null ? (
            <DetailField label={t('surveys.field.record')}>
              <Link href={hrefOf({ name: 'record', id: s.recordId })}>#{s.recordId}</Link>
            </DetailField>
          ) : null}
          {s.visitId !== null ? (
            <DetailField label={t('surveys.field.visit')}>
              <Link href={`#/visits/${s.visitId}`}>#{s.visitId}</Link>
            </DetailField>
          ) : null}
          <DetailField label={t('surveys.field.comment')} wide>
            {s.comment ? <CollapsibleText text={s.comment} /> : ''}
          </DetailField>
          <DetailField label={t('surveys.detail.createdAt')}>{s.askedByName ? `${formatDateTime(s.createdAt)} · ${s.askedByName}` : formatDateTime(s.createdAt)}</DetailField>
        </Box>
      </Paper>
      {dialog === 'delete' ? (
        <ConfirmDialog
          titleId="delete-survey-title"
          title={t('surveys.detail.deleteTitle')}
          body={t('surveys.detail.deleteBody')}
          problem={remove.error ? errorMessage(t, remove.error) : null}
          confirmLabel={t('common.delete')}
          color="error"
          pending={remove.isPending}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            remove.mutate(
              { id: s.id, version: s.version },
              {
                onSuccess: () => {
                  setDialog(null);
                  notify({ message: t('surveys.detail.deleted'), action: { label: t('common.undo'), onClick: () => void restore(s.id) } });
                },
              },
            )
          }
        />
      ) : null}
      {dialog === 'purge' ? (
        <ConfirmDialog
          titleId="purge-survey-title"
          title={t('surveys.detail.purgeTitle')}
          body={t('surveys.detail.purgeBody')}
          problem={purge.error ? errorMessage(t, purge.error) : null}
          confirmLabel={t('surveys.detail.purge')}
          color="error"
          pending={purge.isPending}
          onClose={() => setDialog(null)}
          onConfirm={() => purge.mutate({ id: s.id }, { onSuccess: () => navigate({ name: 'satisfaction' }, { replace: true }) })}
        />
      ) : null}
    </Stack>
  );
}
