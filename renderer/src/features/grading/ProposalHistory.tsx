import { Alert, Chip, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { usePagedQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatNumber, formatShortDateTime } from '../../i18n/format.ts';

const STATUS_COLOR = { open: 'info', applied: 'success', discarded: 'default' } as const;

/** Past proposals, newest first: when, by whom, what they proposed and what was applied. */
export function ProposalHistory() {
  const { t } = useTranslation();
  const list = usePagedQuery('grading.proposals', { limit: 20 });
  return (
    <>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={t('grading.historyLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('grading.historyColumns.made')}</TableCell>
              <TableCell>{t('grading.historyColumns.period')}</TableCell>
              <TableCell>{t('grading.historyColumns.status')}</TableCell>
              <TableCell align="right">{t('grading.historyColumns.items')}</TableCell>
              <TableCell align="right">{t('grading.historyColumns.applied')}</TableCell>
              <TableCell align="right">{t('grading.historyColumns.skipped')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.rows.map((p) => (
              <TableRow key={p.id} hover data-proposal-id={p.id}>
                <TableCell>
                  <Link href={hrefOf({ name: 'gradingProposal', id: p.id })}>{t('grading.madeBy', { date: formatShortDateTime(p.createdAt), name: p.createdBy?.name ?? t('grading.monthlyAuto') })}</Link>
                </TableCell>
                <TableCell>{t('grading.period', { from: p.period.from, to: p.period.to })}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" color={STATUS_COLOR[p.status]} label={t(`grading.statuses.${p.status}`)} />
                </TableCell>
                <TableCell align="right">{formatNumber(p.counts.items)}</TableCell>
                <TableCell align="right">{formatNumber(p.counts.applied)}</TableCell>
                <TableCell align="right">{formatNumber(p.counts.skipped)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <LoadMoreFooter list={list} shown={list.rows.length} emptyText={t('grading.historyEmpty')} />
    </>
  );
}
