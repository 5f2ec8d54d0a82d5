import { Alert, Button, Chip, IconButton, Link, Stack, Tooltip } from '@mui/material';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision, GradingItem, GradingProposal } from '../../../../shared/api/grading.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { OverflowText } from '../../app/OverflowText.tsx';
import { useCoreMutation, usePagedQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { VirtualTable, type Column } from '../../app/VirtualTable.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatMoney } from '../contracts/money.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { reasonSentence } from './grading-format.ts';

const PAGE_SIZE = 50;
const DECISION_COLOR = { pending: 'default', accepted: 'success', rejected: 'error' } as const;

// One order, the core's (by customer name): no column sorts.
type NoSort = 'name';
const CORE_ORDER = { name: 'asc' } as const;
const noSort = () => undefined;

/** A proposal's items, a page at a time: each with its change, scores, revenue, reason and decision. */
export function ProposalItems({ proposal: p, decision }: { proposal: GradingProposal; decision?: Decision }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const lng = currentLanguage();
  const input = { proposalId: p.id, limit: PAGE_SIZE, ...(decision ? { decision } : {}) };
  const list = usePagedQuery('grading.items', input);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const decide = useCoreMutation('grading.decide');
  const open = p.status === 'open';
  const set = (item: GradingItem, next: Decision) =>
    decide.mutate(
      { proposalId: p.id, customerIds: [item.customerId], decision: item.decision === next ? 'pending' : next },
      { onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }) },
    );

  const columns: Column<GradingItem, NoSort>[] = [
    {
      label: t('grading.columns.customer'),
      width: 210,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    {
      label: t('grading.columns.change'),
      width: 190,
      cell: (row) => (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} component="span" aria-label={t('grading.changeLabel', { from: t(`customer.grades.${row.fromGrade}`), to: t(`customer.grades.${row.toGrade}`) })}>
          <GradeChip grade={row.fromGrade} />
          <ArrowForwardIcon fontSize="small" color="action" />
          <GradeChip grade={row.toGrade} />
        </Stack>
      ),
    },
    { label: t('grading.columns.abc'), width: 50, cell: (row) => row.abc },
    { label: t('grading.columns.rfm'), width: 84, cell: (row) => <span title={t('grading.rfmTip', { r: row.r, f: row.f, m: row.m })}>{`${row.r} / ${row.f} / ${row.m}`}</span> },
    { label: t('grading.columns.revenue'), width: 140, align: 'right', cell: (row) => formatMoney(row.revenueMinor, row.currency, lng) },
    { label: t('grading.columns.reason'), cell: (row) => <OverflowText text={reasonSentence(t, row, p.rules, lng)} /> },
    {
      label: t('grading.columns.decision'),
      width: 190,
      cell: (row) => (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} component="span">
          <Chip size="small" variant="outlined" color={DECISION_COLOR[row.decision]} label={row.outcome ? t(`grading.outcomes.${row.outcome}`) : t(`grading.decisions.${row.decision}`)} />
          {open ? (
            <>
              <Tooltip title={t('grading.accept')}>
                <IconButton size="small" color={row.decision === 'accepted' ? 'success' : 'default'} aria-pressed={row.decision === 'accepted'} aria-label={t('grading.acceptLabel', { name: row.customerName })} onClick={(e) => (e.stopPropagation(), set(row, 'accepted'))}>
                  <CheckIcon fontSize="small" />
                </IconButton>
              </Tooltip>
              <Tooltip title={t('grading.reject')}>
                <IconButton size="small" color={row.decision === 'rejected' ? 'error' : 'default'} aria-pressed={row.decision === 'rejected'} aria-label={t('grading.rejectLabel', { name: row.customerName })} onClick={(e) => (e.stopPropagation(), set(row, 'rejected'))}>
                  <CloseIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </>
          ) : null}
        </Stack>
      ),
    },
  ];
  return (
    <>
      {list.error ? (
        <Alert severity="error" action={<Button color="inherit" onClick={() => void list.refetch()}>{t('common.retry')}</Button>}>
          {errorMessage(t, list.error)}
        </Alert>
      ) : null}
      <VirtualTable
        label={t('grading.itemsLabel')}
        // Fits the content area at 1366×768 (about 1,100 px beside the navigation), no sideways scroll.
        minWidth={1060}
        columns={columns}
        rows={list.rows}
        getRowKey={(row) => row.customerId}
        rowKeyAttribute="data-customer-id"
        onOpen={(row) => navigate({ name: 'customer', id: row.customerId })}
        sort="name"
        direction="asc"
        defaultDirection={CORE_ORDER}
        onSort={noSort}
        scrollKey={JSON.stringify(input)}
        hasMore={hasNextPage}
        loadingMore={(list.isPending && list.isFetching) || isFetchingNextPage}
        loaded={list.data !== undefined}
        failed={list.error !== null}
        loadMore={loadMore}
        emptyText={decision ? t('grading.emptyFiltered') : t('grading.empty')}
      />
    </>
  );
}
