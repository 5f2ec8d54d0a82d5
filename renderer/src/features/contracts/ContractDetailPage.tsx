import { Alert, Box, Button, CircularProgress, Link, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BlockIcon from '@mui/icons-material/Block';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../../../shared/api/contracts.ts';
import { errorMessage } from '../../app/errors.ts';
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
  if (contract.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }
  if (contract.isError) {
    return (
      <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'contracts' })}>{t('contractDetail.back')}</Button>}>
        {errorMessage(t, contract.error)}
      </Alert>
    );
  }
  return <ContractDetail contract={contract.data} />;
}

/** A term and its value; empty values show a dash so the layout stays stable. */
function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const empty = children === '' || children === null || children === undefined;
  return (
    <Box sx={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {empty ? '—' : children}
      </Typography>
    </Box>
  );
}

const DL_SX = { display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', m: 0 } as const;

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
      <Box>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'contracts' })}>
          {t('contractDetail.back')}
        </Button>
      </Box>
      {c.deletedAt !== null ? (
        <Alert severity="warning" action={canDelete && c.actions.delete ? <RestoreContractButton contract={c} /> : undefined}>
          {t('contractDetail.inRecycleBin')}
        </Alert>
      ) : null}
      <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
        {c.title}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <ContractStatusChip status={c.status} size="medium" />
        <Typography color="text.secondary">{c.number}</Typography>
        <Box sx={{ flex: 1 }} />
        {/* The core says what this caller may do with this contract; the buttons stay together. */}
        <Stack direction="row" spacing={1.5}>
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
        </Stack>
      </Stack>
      <Alert severity={c.status === 'expiring' ? 'warning' : c.status === 'expired' ? 'error' : 'info'} icon={false} data-testid="status-reason">
        {reason}
      </Alert>

      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t('contractDetail.basics')}
        </Typography>
        <Box component="dl" sx={DL_SX}>
          <Field label={t('contract.number')}>{c.number}</Field>
          <Field label={t('contract.customer')}>
            <Link href={hrefOf({ name: 'customer', id: c.customerId })}>{c.customerName}</Link>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
              {c.customerCode}
            </Typography>
          </Field>
          <Field label={t('contract.type')}>{t(`contract.types.${c.type}`)}</Field>
          <Field label={t('contract.amount')}>{c.amount === null ? '' : formatMoney(c.amount, c.currency, currentLanguage())}</Field>
          <Field label={t('contract.signedOn')}>{day(c.signedOn)}</Field>
          <Field label={t('contract.startOn')}>{day(c.startOn)}</Field>
          <Field label={t('contract.endOn')}>{day(c.endOn)}</Field>
          <Field label={t('contract.noticeDays')}>{t('contractDetail.noticeValue', { count: c.noticeDays, date: day(c.noticeOn) || t('common.none') })}</Field>
          <Field label={t('contract.autoRenew')}>{renewal}</Field>
          <Field label={t('contract.owner')}>{c.ownerName ?? ''}</Field>
          <Field label={t('contractDetail.createdAt')}>{formatDateTime(c.createdAt)}</Field>
          <Field label={t('contractDetail.updatedAt')}>{formatDateTime(c.updatedAt)}</Field>
          <Field label={t('contract.notes')} wide>
            {c.notes ? <CollapsibleText text={c.notes} /> : ''}
          </Field>
        </Box>
      </Paper>

      <ContractHistory contract={c} />
      <AttachmentsSection owner={{ kind: 'contract', id: c.id }} />

      {dialog === 'terminate' ? <TerminateDialog contract={c} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? <DeleteContractDialog contract={c} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
