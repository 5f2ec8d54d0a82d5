import { Chip, Link } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RecordRow } from '../../../../shared/api/records.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { VirtualTable, type Column } from '../../app/VirtualTable.tsx';
import { formatShortDateTime } from '../../i18n/format.ts';
import { recordTitle } from './record-format.ts';

type Props = {
  rows: RecordRow[];
  scrollKey: string;
  hasMore: boolean;
  loadingMore: boolean;
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

// The list has one order (newest first, the core's keyset): no column sorts.
type NoSort = 'at';
const NEWEST_FIRST = { at: 'desc' } as const;
const noSort = () => undefined;

/** The shop's records, virtualised and paged by VirtualTable; a row opens its record. */
export function RecordTable({ rows, scrollKey, ...paging }: Props) {
  const { t } = useTranslation();
  // Fixed widths hold each column's longest short value in both languages; free text (customer,
  // content, staff) is cut with an ellipsis and told whole by a tooltip.
  const columns: Column<RecordRow, NoSort>[] = [
    { label: t('records.columns.at'), width: 150, cell: (row) => formatShortDateTime(row.at) },
    { label: t('records.columns.kind'), width: 130, cell: (row) => t(`record.kinds.${row.kind}`) },
    {
      label: t('record.customer'),
      width: 230,
      cell: (row) => (
        <OverflowText text={row.customerName}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.customerName}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('records.columns.title'), width: 150, cell: (row) => <OverflowText text={recordTitle(t, row)} /> },
    { label: t('records.columns.content'), cell: (row) => <OverflowText text={row.excerpt} /> },
    { label: t('record.staff'), width: 120, cell: (row) => <OverflowText text={row.staffName ?? ''} /> },
    {
      label: t('record.status'),
      width: 96,
      cell: (row) => (row.status ? <Chip size="small" color={row.status === 'done' ? 'success' : 'warning'} variant="outlined" label={t(`record.statuses.${row.status}`)} /> : ''),
    },
  ];
  return (
    <VirtualTable
      label={t('records.tableLabel')}
      minWidth={1060}
      columns={columns}
      rows={rows}
      getRowKey={(row) => row.id}
      rowKeyAttribute="data-record-id"
      onOpen={(row) => navigate({ name: 'record', id: row.id })}
      sort="at"
      direction="desc"
      defaultDirection={NEWEST_FIRST}
      onSort={noSort}
      scrollKey={scrollKey}
      {...paging}
    />
  );
}
