import { Link } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ContractRow, ContractSort } from '../../../../shared/api/contracts.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { VirtualTable, type Column } from '../../app/VirtualTable.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ContractStatusChip } from './ContractChips.tsx';
import { DEFAULT_DIRECTION, type ContractListQuery } from './list-query.ts';
import { formatDay, formatMoney } from './money.ts';

type Props = {
  rows: ContractRow[];
  query: ContractListQuery;
  onSort: (sort: ContractSort) => void;
  hasMore: boolean;
  loadingMore: boolean;
  loaded: boolean;
  failed: boolean;
  loadMore: () => void;
  emptyText: string;
};

/** The contract table: virtualised and paged by VirtualTable; a row opens its contract. */
export function ContractTable({ rows, query, onSort, ...paging }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // Fixed widths hold each column's longest short value (numbers, dates, chips, amounts) in both
  // languages; free text (title, customer, owner) is cut with an ellipsis and told whole by a tooltip.
  const columns: Column<ContractRow, ContractSort>[] = [
    {
      label: t('contracts.columns.number'),
      width: 124,
      sort: 'number',
      cell: (row) => (
        <OverflowText text={row.number}>
          <Link href={hrefOf({ name: 'contract', id: row.id })} underline="hover" onClick={(e) => e.stopPropagation()}>
            {row.number}
          </Link>
        </OverflowText>
      ),
    },
    { label: t('contract.title'), cell: (row) => <OverflowText text={row.title} /> },
    { label: t('contract.customer'), width: 170, cell: (row) => <OverflowText text={row.customerName} /> },
    { label: t('contract.type'), width: 96, cell: (row) => t(`contract.types.${row.type}`) },
    {
      label: t('contract.amount'),
      width: 136,
      sort: 'amount',
      align: 'right',
      cell: (row) => (row.amount === null ? '' : <OverflowText text={formatMoney(row.amount, row.currency, language)} />),
    },
    { label: t('contract.signedOn'), width: 108, sort: 'signed', cell: (row) => (row.signedOn ? formatDay(row.signedOn, language) : '') },
    { label: t('contract.endOn'), width: 108, sort: 'end', cell: (row) => (row.endOn ? formatDay(row.endOn, language) : '') },
    { label: t('contract.status'), width: 96, cell: (row) => <ContractStatusChip status={row.status} /> },
    { label: t('contract.owner'), width: 100, cell: (row) => <OverflowText text={row.ownerName ?? ''} /> },
  ];
  return (
    <VirtualTable
      label={t('contracts.tableLabel')}
      minWidth={1060}
      columns={columns}
      rows={rows}
      getRowKey={(row) => row.id}
      rowKeyAttribute="data-contract-id"
      onOpen={(row) => navigate({ name: 'contract', id: row.id })}
      sort={query.sort}
      direction={query.direction}
      defaultDirection={DEFAULT_DIRECTION}
      onSort={onSort}
      scrollKey={JSON.stringify(query)}
      {...paging}
    />
  );
}
