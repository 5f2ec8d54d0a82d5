import { Alert, Box, Button, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatQuantity, type Sale } from '../../../../shared/api/sales.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { DETAIL_DL_SX, DetailField, DetailHeader, DetailQuery } from '../../app/DetailPage.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay, formatMoney } from '../contracts/money.ts';
import { SaleDialog } from './SaleDialog.tsx';

export function SaleDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const sale = useCoreQuery('sales.get', { id });
  return (
    <DetailQuery query={sale} backText={t('saleDetail.back')} onBack={() => navigate({ name: 'sales' })}>
      {(data) => <SaleView sale={data} />}
    </DetailQuery>
  );
}

/** Restores a sale from the recycle bin, saying so (or why not) in a notice. */
function useRestoreSale() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (id: number) =>
    call('sales.restore', { id }).then(
      () => {
        dataChanged();
        notify({ message: t('saleDetail.restored') });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

function SaleView({ sale: s }: { sale: Sale }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const restore = useRestoreSale();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const money = (minor: number) => formatMoney(minor, s.currency, language);

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
            <Button href={hrefOf({ name: 'sales' })}>{t('saleDetail.back')}</Button>
          </Stack>
        }
        notice={
          s.deletedAt !== null ? (
            <Alert
              severity="warning"
              data-testid="sale-deleted"
              action={
                s.actions.restore ? (
                  <Button color="inherit" startIcon={<RestoreIcon />} onClick={() => void restore(s.id)}>
                    {t('saleDetail.restore')}
                  </Button>
                ) : undefined
              }
            >
              {t('saleDetail.inRecycleBin')}
            </Alert>
          ) : null
        }
        title={t('saleDetail.heading', { customer: s.customerName, date: formatDay(s.soldOn, language) })}
        meta={
          <Typography variant="h6" component="p" data-testid="sale-detail-total">
            {money(s.totalMinor)}
          </Typography>
        }
        // The core says what this caller may do with this sale (staff delete only what they entered).
        actions={
          <>
            {s.actions.edit ? (
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            ) : null}
            {s.actions.delete ? (
              <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setDialog('delete')}>
                {t('common.delete')}
              </Button>
            ) : null}
          </>
        }
      />
      <Paper sx={{ p: 3 }}>
        <Box component="dl" sx={DETAIL_DL_SX}>
          <DetailField label={t('sale.customer')}>
            <Link href={hrefOf({ name: 'customer', id: s.customerId })}>{s.customerName}</Link> <Typography component="span" color="text.secondary">{s.customerCode}</Typography>
          </DetailField>
          <DetailField label={t('sale.soldOn')}>{formatDay(s.soldOn, language)}</DetailField>
          <DetailField label={t('sale.staff')}>{s.staffName ?? t('common.none')}</DetailField>
          <DetailField label={t('sale.contract')}>{s.contractId !== null ? <Link href={hrefOf({ name: 'contract', id: s.contractId })}>{s.contractNumber}</Link> : t('common.none')}</DetailField>
          <DetailField label={t('saleDetail.entered')}>{t('saleDetail.enteredBy', { name: s.createdByName ?? t('common.none'), at: formatDateTime(s.createdAt) })}</DetailField>
          {s.notes ? (
            <DetailField label={t('sale.notes')} wide>
              <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s.notes}</Typography>
            </DetailField>
          ) : null}
        </Box>
      </Paper>
      <Paper sx={{ p: 3 }}>
        <TableContainer>
          <Table size="small" aria-label={t('sale.lines')} sx={{ tableLayout: 'fixed', minWidth: 640 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('sale.line.name')}</TableCell>
                <TableCell sx={{ width: 100 }} align="right">
                  {t('sale.line.quantity')}
                </TableCell>
                <TableCell sx={{ width: 140 }} align="right">
                  {t('sale.line.unitPrice')}
                </TableCell>
                <TableCell sx={{ width: 120 }} align="right">
                  {t('sale.line.discount')}
                </TableCell>
                <TableCell sx={{ width: 150 }} align="right">
                  {t('sale.line.amount')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {s.lines.map((line) => (
                <TableRow key={line.id} data-sale-line-id={line.id}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{line.name}</TableCell>
                  <TableCell align="right">{formatQuantity(line.quantityMilli)}</TableCell>
                  <TableCell align="right">{money(line.unitPriceMinor)}</TableCell>
                  <TableCell align="right">{line.discountMinor > 0 ? money(line.discountMinor) : ''}</TableCell>
                  <TableCell align="right">{money(line.amountMinor)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell colSpan={4} align="right" sx={{ fontWeight: 600 }}>
                  {t('sale.total')}
                </TableCell>
                <TableCell align="right" sx={{ fontWeight: 600 }}>
                  {money(s.totalMinor)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </TableContainer>
      </Paper>
      {dialog === 'edit' ? <SaleDialog sale={s} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? <DeleteSaleDialog sale={s} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

/** Moves the sale to the recycle bin (its revenue leaves every figure), with an undo in the notice. */
function DeleteSaleDialog({ sale: s, onClose }: { sale: Sale; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const language = currentLanguage();
  const remove = useCoreMutation('sales.delete');
  const restore = useRestoreSale();
  const confirm = () =>
    remove.mutate(
      { id: s.id },
      {
        onSuccess: () => {
          onClose();
          notify({ message: t('saleDetail.deleted'), action: { label: t('common.undo'), onClick: () => void restore(s.id) } });
        },
      },
    );
  return (
    <ConfirmDialog
      titleId="delete-sale-title"
      title={t('saleDetail.deleteTitle')}
      body={t('saleDetail.deleteBody', { customer: s.customerName, date: formatDay(s.soldOn, language), total: formatMoney(s.totalMinor, s.currency, language) })}
      problem={remove.error ? errorMessage(t, remove.error) : null}
      confirmLabel={t('common.delete')}
      color="error"
      pending={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
