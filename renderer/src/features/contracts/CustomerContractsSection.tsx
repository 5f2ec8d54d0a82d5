import { Alert, Box, Button, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { errorMessage } from '../../app/errors.ts';
import { usePagedQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ContractStatusChip } from './ContractChips.tsx';
import { formatDay, formatMoney } from './money.ts';

const PAGE_SIZE = 20;

/** On a customer's page: that customer's contracts (soonest end first), and "New contract" for them. */
export function CustomerContractsSection({ customer }: { customer: Pick<Customer, 'id' | 'deletedAt'> }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const list = usePagedQuery('contracts.list', { customerId: customer.id, sort: 'end', direction: 'asc', limit: PAGE_SIZE });
  const language = currentLanguage();
  const rows = list.rows;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-contracts-title">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" id="customer-contracts-title" sx={{ flex: 1 }}>
          {t('customerContracts.title')}
        </Typography>
        {canWrite && customer.deletedAt === null ? (
          <Button startIcon={<AddIcon />} onClick={() => navigate({ name: 'contractNew', customerId: customer.id })}>
            {t('contracts.new')}
          </Button>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('customerContracts.none')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('customerContracts.title')} sx={{ tableLayout: 'fixed', minWidth: 640 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 150 }}>{t('contracts.columns.number')}</TableCell>
                <TableCell>{t('contract.title')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('contract.status')}</TableCell>
                <TableCell sx={{ width: 130 }}>{t('contract.endOn')}</TableCell>
                <TableCell sx={{ width: 160 }} align="right">
                  {t('contract.amount')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-contract-id={row.id}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'contract', id: row.id })}>{row.number}</Link>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.title}</TableCell>
                  <TableCell>
                    <ContractStatusChip status={row.status} />
                  </TableCell>
                  <TableCell>{row.endOn ? formatDay(row.endOn, language) : t('common.none')}</TableCell>
                  <TableCell align="right">{row.amount === null ? t('common.none') : formatMoney(row.amount, row.currency, language)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {list.hasNextPage ? (
        <Box sx={{ textAlign: 'center', mt: 1 }}>
          <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Box>
      ) : null}
    </Paper>
  );
}
