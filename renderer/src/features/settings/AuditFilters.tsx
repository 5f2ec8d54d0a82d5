import { Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/api/audit.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type MethodInput } from '../../../../shared/api/contract.ts';
import type { User } from '../../../../shared/api/users.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** The audit log's filters as the fields hold them ('' is "any"); the core filters, never the page. */
export type AuditFilterValues = { userId: string; action: string; entity: string; from: string; to: string };
export const NO_FILTERS: AuditFilterValues = { userId: '', action: '', entity: '', from: '', to: '' };

/** Local calendar day `YYYY-MM-DD` → the first or last millisecond of that day. */
function dayBound(day: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]; // three parts, checked above
  return end ? new Date(y, m - 1, d, 23, 59, 59, 999).getTime() : new Date(y, m - 1, d).getTime();
}

export function toAuditInput(filters: AuditFilterValues): MethodInput<'audit.export'> {
  return {
    ...(filters.userId ? { userId: Number(filters.userId) } : {}),
    ...(filters.action ? { action: filters.action as AuditEntry['action'] } : {}), // options are AUDIT_ACTIONS
    ...(filters.entity ? { entity: filters.entity as AuditEntry['entity'] } : {}), // options are AUDIT_ENTITIES
    ...(dayBound(filters.from, false) !== undefined ? { from: dayBound(filters.from, false) } : {}),
    ...(dayBound(filters.to, true) !== undefined ? { to: dayBound(filters.to, true) } : {}),
  };
}

type Props = { filters: AuditFilterValues; onChange: (filters: AuditFilterValues) => void; users: User[] };

export function AuditFilters({ filters, onChange, users }: Props) {
  const { t } = useTranslation();
  const set = (key: keyof AuditFilterValues, value: string) => onChange({ ...filters, [key]: value });
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))' }}>
      <TextField select slotProps={NATIVE_SELECT} size="small" label={t('audit.user')} name="userId" value={filters.userId} onChange={(e) => set('userId', e.target.value)}>
        <option value="">{t('common.any')}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName ? `${u.displayName} (${u.username})` : u.username}
          </option>
        ))}
      </TextField>
      <TextField select slotProps={NATIVE_SELECT} size="small" label={t('audit.action')} name="action" value={filters.action} onChange={(e) => set('action', e.target.value)}>
        <option value="">{t('common.any')}</option>
        {AUDIT_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t(`audit.actions.${a}`)}
          </option>
        ))}
      </TextField>
      <TextField select slotProps={NATIVE_SELECT} size="small" label={t('audit.entity')} name="entity" value={filters.entity} onChange={(e) => set('entity', e.target.value)}>
        <option value="">{t('common.any')}</option>
        {AUDIT_ENTITIES.map((en) => (
          <option key={en} value={en}>
            {t(`audit.entities.${en}`)}
          </option>
        ))}
      </TextField>
      <TextField type="date" size="small" label={t('audit.from')} name="from" value={filters.from} onChange={(e) => set('from', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField type="date" size="small" label={t('audit.to')} name="to" value={filters.to} onChange={(e) => set('to', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
    </Box>
  );
}
