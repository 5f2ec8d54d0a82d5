import { Alert, Box, Button, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay, formatMoney } from '../contracts/money.ts';
import { SaleDialog } from './SaleDialog.tsx';
import { useSalePages } from './use-sale-pages.ts';

const PAGE_SIZE = 10;

/** On a customer's page: their sales, newest first, totals per currency, and "New sale" for them. */
export function CustomerSalesSection({ customer: c }: { customer: Pick<Customer, 'id' | 'name' | 'code' | 'deletedAt' | 'actions'> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [adding, setAdding] = useState(false);
  const list = useSalePages({ customerId: c.id, limit: PAGE_SIZE });
  const count = useCoreQuery('sales.count', { customerId: c.id });
  const rows = list.rows;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-sales-title" data-testid="customer-sales">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="customer-sales-title">
          {t('customerSales.title')}
        </Typography>
        {count.data && count.data.count > 0 ? (
          <Typography color="text.secondary" sx={{ flex: 1 }} data-testid="customer-sales-totals">
            {[t('sales.count', { count: count.data.count, formatted: formatNumber(count.data.count) }), ...count.data.totals.map((total) => formatMoney(total.totalMinor, total.currency, language))].join(' · ')}
          </Typography>
        ) : (
          <Box sx={{ flex: 1 }} />
        )}
        {count.data && count.data.count > 0 ? <Link href={hrefOf({ name: 'sales', query: `customerId=${c.id}` })}>{t('customerSales.all')}</Link> : null}
        {/* Entering a sale writes: offered to whoever may edit the customer (customers.write), on a live one. */}
        {c.actions.edit && c.deletedAt === null ? (
          <Button startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            {t('sales.new')}
          </Button>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('customerSales.none')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('customerSales.title')} sx={{ tableLayout: 'fixed', minWidth: 600 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 120 }}>{t('sale.soldOn')}</TableCell>
                <TableCell>{t('sales.columns.summary')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('sale.staff')}</TableCell>
                <TableCell sx={{ width: 150 }} align="right">
                  {t('sale.total')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-sale-id={row.id}>
                  <TableCell>
                    <Link href={hrefOf({ name: 'sale', id: row.id })}>{formatDay(row.soldOn, language)}</Link>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.lineCount > 1 ? t('sales.summary', { summary: row.summary, count: row.lineCount }) : row.summary}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.staffName ?? ''}</TableCell>
                  <TableCell align="right">{formatMoney(row.totalMinor, row.currency, language)}</TableCell>
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
      {adding ? <SaleDialog customer={{ id: c.id, name: c.name, code: c.code }} onClose={() => setAdding(false)} /> : null}
    </Paper>
  );
}
