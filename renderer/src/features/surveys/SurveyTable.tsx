import { Box, Chip, Link } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Dimension, SurveyRow } from '../../../../shared/api/surveys.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { VirtualTable, type Column } from '../../app/VirtualTable.tsx';
import { formatShortDateTime } from '../../i18n/format.ts';
import { dimensionLabel } from './dimension-label.ts';

type Props = {
  rows: SurveyRow[];
  scrollKey: string;
  hasMore: boolean;
  loadingMore: boolean;
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

type NoSort = 'at';
const NEWEST_FIRST = { at: 'desc' } as const;
const noSort = () => undefined;
const NO_DIMENSIONS: Dimension[] = [];

/** Low answers stand out: a score of 2 or less, an NPS of 6 or less (the default thresholds). */
const lowScore = (score: number) => score <= 2;

/** The surveys the caller sees, newest first; a row opens its survey. */
export function SurveyTable({ rows, scrollKey, ...paging }: Props) {
  const { t } = useTranslation();
  const dimensions = useCoreQuery('surveys.dimensions', {}).data ?? NO_DIMENSIONS;
  const byId = new Map(dimensions.map((d) => [d.id, d]));
  const scoreText = (row: SurveyRow) =>
    row.scores
      .map((s) => {
        const d = byId.get(s.dimensionId);
        return `${d ? dimensionLabel(t, d) : '#'} ${s.score}`;
      })
      .join(' · ');
  const columns: Column<SurveyRow, NoSort>[] = [
    { label: t('surveys.columns.at'), width: 150, cell: (row) => formatShortDateTime(row.at) },
    {
      label: t('surveys.columns.customer'),
      width: 230,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    {
      label: t('surveys.columns.scores'),
      width: 190,
      // Only the digits, in the dimensions' order (each names its dimension on hover and to screen readers).
      cell: (row) => (
        <Box component="span" sx={{ display: 'inline-flex', gap: 0.5 }} title={scoreText(row)}>
          {row.scores.map((s) => {
            const d = byId.get(s.dimensionId);
            const name = d ? dimensionLabel(t, d) : '';
            return (
              <Chip
                key={s.dimensionId}
                size="small"
                variant={lowScore(s.score) ? 'filled' : 'outlined'}
                color={lowScore(s.score) ? 'warning' : 'default'}
                label={s.score}
                aria-label={`${name} ${s.score}`}
                sx={{ minWidth: 28 }}
              />
            );
          })}
        </Box>
      ),
    },
    { label: t('surveys.columns.comment'), cell: (row) => <OverflowText text={row.excerpt} /> },
    { label: t('surveys.columns.nps'), width: 70, cell: (row) => (row.nps === null ? '' : <Chip size="small" color={row.nps <= 6 ? 'warning' : row.nps >= 9 ? 'success' : 'default'} label={row.nps} />) },
    { label: t('surveys.columns.staff'), width: 120, cell: (row) => <OverflowText text={row.staffName ?? ''} /> },
    { label: t('surveys.columns.channel'), width: 100, cell: (row) => t(`surveys.channels.${row.channel}`) },
    {
      label: t('surveys.columns.complaint'),
      width: 90,
      cell: (row) =>
        row.complaintId !== null ? (
          <Link href={`#/complaints/${row.complaintId}`} underline="hover" onClick={(e) => e.stopPropagation()}>
            #{row.complaintId}
          </Link>
        ) : (
          ''
        ),
    },
  ];
  return (
    <VirtualTable
      label={t('surveys.tableLabel')}
      minWidth={1060}
      columns={columns}
      rows={rows}
      getRowKey={(row) => row.id}
      rowKeyAttribute="data-survey-id"
      onOpen={(row) => navigate({ name: 'survey', id: row.id })}
      sort="at"
      direction="desc"
      defaultDirection={NEWEST_FIRST}
      onSort={noSort}
      scrollKey={scrollKey}
      {...paging}
    />
  );
}
