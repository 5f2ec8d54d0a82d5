import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../../../../shared/api/contracts.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import type { ContractStatusName } from './list-query.ts';

type ChipLook = { color: 'warning' | 'error' | 'default' | 'success'; variant: 'filled' | 'outlined' };

// Expiring asks for attention, expired is a problem, terminated is over, a draft is not in force yet.
const LOOKS: Record<ContractStatusName, ChipLook> = {
  expiring: { color: 'warning', variant: 'filled' },
  expired: { color: 'error', variant: 'filled' },
  terminated: { color: 'default', variant: 'filled' },
  draft: { color: 'default', variant: 'outlined' },
  renewed: { color: 'success', variant: 'outlined' },
  active: { color: 'success', variant: 'filled' },
};

export function ContractStatusChip({ status, size = 'small' }: { status: ContractStatusName; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  const look = LOOKS[status];
  return <Chip label={t(`contract.statuses.${status}`)} color={look.color} variant={look.variant} size={size} data-status={status} />;
}

/** One sentence saying why the contract has its status ("Ends …, within the 30-day notice period"). */
export function useStatusReason(c: Contract): string {
  const { t } = useTranslation();
  const date = (day: string | null) => (day ? formatCalendarDate(day) : '');
  switch (c.status) {
    case 'terminated':
      return c.terminationReason
        ? t('contract.why.terminatedBecause', { date: date(c.terminatedOn), reason: c.terminationReason })
        : t('contract.why.terminated', { date: date(c.terminatedOn) });
    case 'draft':
      return t('contract.why.draft');
    case 'expired':
      return t('contract.why.expired', { date: date(c.endOn) });
    case 'expiring':
      return t('contract.why.expiring', { date: date(c.endOn), days: c.noticeDays, notice: date(c.noticeOn) });
    case 'renewed':
      return t('contract.why.renewed', { count: c.renewals, date: date(c.endOn) });
    case 'active':
      return c.endOn ? t('contract.why.active', { date: date(c.endOn), notice: date(c.noticeOn) }) : t('contract.why.activeOpen');
  }
}
