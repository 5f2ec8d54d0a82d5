import { Alert, Box, Button, Link, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BlockIcon from '@mui/icons-material/Block';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../../../shared/api/contracts.ts';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { AttachmentsSection } from '../attachments/AttachmentsSection.tsx';
import { CollapsibleText } from '../customers/CollapsibleText.tsx';
import { ContractStatusChip, useStatusReason } from './ContractChips.tsx';
import { ContractHistory } from './ContractHistory.tsx';
import { DeleteContractDialog, RestoreContractButton, TerminateDialog } from './ContractDialogs.tsx';
import { formatMoney } from './money.ts';

export function ContractDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const contract = useCoreQuery('contracts.get', { id });
  return (
    <DetailQuery query={contract} backText={t('contractDetail.back')} onBack={() => navigate({ name: 'contracts' })}>
      {(data) => <ContractDetail contract={data} />}
    </DetailQuery>
  );
}

function ContractDetail({ contract: c }: { contract: Contract }) {
  const { t } = useTranslation();
  const canDelete = useCan('customers.delete');
  const reason = useStatusReason(c);
  const [dialog, setDialog] = useState<'terminate' | 'delete' | null>(null);
  const day = (value: string | null) => (value ? formatCalendarDate(value) : '');
  const renewal = c.autoRenew ? t('contractDetail.autoRenewOn', { count: c.renewalMonths ?? 0 }) : t('contractDetail.autoRenewOff');
  const canTerminate = c.actions.terminate && c.status !== 'terminated' && c.deletedAt === null;

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <DetailHeader
        back={
          <Box>
            <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'contracts' })}>
              {t('contractDetail.back')}
            </Button>
          </Box>
        }
        notice={
          c.deletedAt !== null ? (
            <Alert severity="warning" action={canDelete && c.actions.delete ? <RestoreContractButton contract={c} /> : undefined}>
              {t('contractDetail.inRecycleBin')}
            </Alert>
          ) : null
        }
        title={c.title}
        meta={
          <>
            <ContractStatusChip status={c.status} size="medium" />
            <Typography color="text.secondary">{c.number}</Typography>
          </>
        }
        // The core says what this caller may do with this contract.
        actions={
          <>
            {c.actions.edit && c.deletedAt === null ? (
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => navigate({ name: 'contractEdit', id: c.id })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {canTerminate ? (
              <Button color="warning" variant="outlined" startIcon={<BlockIcon />} onClick={() => setDialog('terminate')}>
                {t('contractDetail.terminate')}
              </Button>
            ) : null}
            {c.actions.delete && c.deletedAt === null ? (
              <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
          </>
        }
      />
      <Alert severity={c.status === 'expiring' ? 'warning' : c.status === 'expired' ? 'error' : 'info'} icon={false} data-testid="status-reason">
        {reason}
      </Alert>

      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t('contractDetail.basics')}
        </Typography>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('contract.number')}>{c.number}</DetailField>
          <DetailField label={t('contract.customer')}>
            <Link href={hrefOf({ name: 'customer', id: c.customerId })}>{c.customerName}</Link>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
              {c.customerCode}
            </Typography>
          </DetailField>
          <DetailField label={t('contract.type')}>{t(`contract.types.${c.type}`)}</DetailField>
          <DetailField label={t('contract.amount')}>{c.amount === null ? '' : formatMoney(c.amount, c.currency, currentLanguage())}</DetailField>
          <DetailField label={t('contract.signedOn')}>{day(c.signedOn)}</DetailField>
          <DetailField label={t('contract.startOn')}>{day(c.startOn)}</DetailField>
          <DetailField label={t('contract.endOn')}>{day(c.endOn)}</DetailField>
          <DetailField label={t('contract.noticeDays')}>{t('contractDetail.noticeValue', { count: c.noticeDays, date: day(c.noticeOn) || t('common.none') })}</DetailField>
          <DetailField label={t('contract.autoRenew')}>{renewal}</DetailField>
          <DetailField label={t('contract.owner')}>{c.ownerName ?? ''}</DetailField>
          <DetailField label={t('contractDetail.createdAt')}>{formatDateTime(c.createdAt)}</DetailField>
          <DetailField label={t('contractDetail.updatedAt')}>{formatDateTime(c.updatedAt)}</DetailField>
          <DetailField label={t('contract.notes')} wide>
            {c.notes ? <CollapsibleText text={c.notes} /> : ''}
          </DetailField>
        </Box>
      </Paper>

      <ContractHistory contract={c} />
      <AttachmentsSection owner={{ kind: 'contract', id: c.id }} />

      {dialog === 'terminate' ? <TerminateDialog contract={c} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? <DeleteContractDialog contract={c} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
