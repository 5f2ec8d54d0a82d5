import { Link } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../../../shared/api/customers.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { VirtualTable, type Column } from '../../app/VirtualTable.tsx';
import { formatShortDateTime } from '../../i18n/format.ts';
import { GradeChip, StageChip } from './CustomerChips.tsx';
import { DEFAULT_DIRECTION, type ListQuery, type Sort } from './list-query.ts';

type Props = {
  rows: CustomerRow[];
  query: ListQuery;
  onSort: (sort: Sort) => void;
  hasMore: boolean;
  loadingMore: boolean;
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

/** The customer table (100k customers): virtualised and paged by VirtualTable; a row opens its customer. */
export function CustomerTable({ rows, query, onSort, ...paging }: Props) {
  const { t } = useTranslation();
  // Fixed widths hold each column's longest short value (chips, dates, codes) in both languages;
  // free text (names, industry, region, owner) is cut with an ellipsis and told whole by a tooltip.
  const columns: Column<CustomerRow, Sort>[] = [
    { label: t('customers.columns.code'), width: 92, sort: 'code', cell: (row) => row.code },
    {
      label: t('customers.sorts.name'),
      sort: 'name',
      cell: (row) => (
        <OverflowText text={row.name}>
          <Link href={hrefOf({ name: 'customer', id: row.id })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.name}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('customers.sorts.grade'), width: 104, sort: 'grade', cell: (row) => <GradeChip grade={row.grade} /> },
    { label: t('customers.columns.stage'), width: 96, sort: 'stage', cell: (row) => <StageChip stage={row.stage} /> },
    { label: t('customer.industry'), width: 100, cell: (row) => <OverflowText text={row.industry} /> },
    { label: t('customer.region'), width: 108, sort: 'region', cell: (row) => <OverflowText text={row.region} /> },
    { label: t('customer.phone'), width: 170, cell: (row) => <OverflowText text={row.phone} /> },
    { label: t('customers.columns.owner'), width: 96, cell: (row) => <OverflowText text={row.ownerName ?? ''} /> },
    // The widest short date and time, "12/31/26, 10:59 PM" (en-US), is about 137 px; 152 left it no room inside the padding.
    { label: t('customers.sorts.updated'), width: 168, sort: 'updated', cell: (row) => formatShortDateTime(row.updatedAt) },
  ];
  return (
    <VirtualTable
      label={t('customers.tableLabel')}
      minWidth={1050}
      columns={columns}
      rows={rows}
      getRowKey={(row) => row.id}
      rowKeyAttribute="data-customer-id"
      onOpen={(row) => navigate({ name: 'customer', id: row.id })}
      sort={query.sort}
      direction={query.direction}
      defaultDirection={DEFAULT_DIRECTION}
      onSort={onSort}
      scrollKey={JSON.stringify(query)}
      {...paging}
    />
  );
}
