import { Button, Stack, TextField } from '@mui/material';
import { useEffect, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRACT_STATUSES, CONTRACT_TYPES } from '../../../../shared/api/contracts.ts';
import type { User } from '../../../../shared/api/users.ts';
import { useCoreQuery } from '../../app/query.ts';
import { CustomerPicker, type CustomerOption } from '../customers/CustomerPicker.tsx';
import { amountProblem, type ContractListFilters as Filters } from './list-query.ts';
import { CURRENCIES } from './money.ts';

type Props = { filters: Filters; onChange: (next: Filters) => void; users: User[] };

// Widths that hold each label whole in both languages (a cut label is a guess for the user).
const WIDTH = { q: 200, status: 130, type: 140, customer: 240, ownerId: 140, within: 185, signed: 165, amount: 130, currency: 110 } as const;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

/**
 * Text that becomes a filter when the user is done with it (Enter or leaving the field), not on
 * every key: each change is a fresh keyset walk and summary in the core.
 */
function CommitField({ value, onCommit, invalid, ...rest }: { value: string | undefined; onCommit: (text: string | undefined) => void; invalid?: (text: string) => boolean } & Omit<ComponentProps<typeof TextField>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed !== (value ?? '')) onCommit(trimmed === '' ? undefined : trimmed);
  };
  const bad = invalid?.(text.trim()) ?? false;
  return (
    <TextField
      size="small"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      error={bad || rest.error}
      {...rest}
    />
  );
}

/** The customer filter: the picker, showing the chosen customer's name from the core. */
function CustomerFilter({ id, onChange }: { id: number | undefined; onChange: (id: number | undefined) => void }) {
  const { t } = useTranslation();
  const customer = useCoreQuery('customers.get', { id: id ?? 0 }, { enabled: id !== undefined });
  const value: CustomerOption | null = id !== undefined && customer.data ? { id, name: customer.data.name, code: customer.data.code } : null;
  // Keyed by the id: the picker's typed text starts again from the chosen name.
  return (
    <CustomerPicker
      key={`${id ?? 'none'}-${value ? 'named' : 'pending'}`}
      size="small"
      label={t('contracts.filterCustomer')}
      value={value}
      onChange={(next) => onChange(next?.id)}
      helperText=""
      sx={{ width: WIDTH.customer }}
    />
  );
}

/** Filters are sent to the core (never applied here); each is one control with a visible label. */
export function ContractFilters({ filters, onChange, users }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const choice = (key: 'status' | 'type' | 'ownerId' | 'currency', label: string, options: [value: string, text: string][]) => (
    <TextField
      select
      size="small"
      slotProps={NATIVE_SELECT}
      sx={{ width: WIDTH[key] }}
      label={label}
      value={filters[key] === undefined ? '' : String(filters[key])}
      onChange={(e) => {
        const value = e.target.value;
        if (key === 'ownerId') set('ownerId', value ? Number(value) : undefined);
        else set(key, (value || undefined) as Filters[typeof key]); // one of the options below
      }}
    >
      <option value="">{t('common.any')}</option>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </TextField>
  );
  const amount = (key: 'amountMin' | 'amountMax', label: string) => (
    <CommitField
      label={label}
      value={filters[key]}
      onCommit={(text) => set(key, text)}
      invalid={(text) => amountProblem(text || undefined, filters.currency)}
      helperText={amountProblem(filters[key], filters.currency) ? t('contract.amountInvalid') : undefined}
      slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 24 } }}
      sx={{ width: WIDTH.amount }}
    />
  );

  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} role="group" aria-label={t('contracts.filters')}>
      <CommitField label={t('contracts.search')} value={filters.q} onCommit={(q) => set('q', q)} type="search" sx={{ width: WIDTH.q }} slotProps={{ htmlInput: { maxLength: 100 } }} />
      {choice('status', t('contract.status'), CONTRACT_STATUSES.map((s) => [s, t(`contract.statuses.${s}`)]))}
      {choice('type', t('contract.type'), CONTRACT_TYPES.map((ty) => [ty, t(`contract.types.${ty}`)]))}
      <CustomerFilter id={filters.customerId} onChange={(id) => set('customerId', id)} />
      {choice('ownerId', t('contract.owner'), users.map((u): [string, string] => [String(u.id), u.displayName || u.username]))}
      <CommitField
        label={t('contracts.expiringWithin')}
        value={filters.expiringWithinDays === undefined ? undefined : String(filters.expiringWithinDays)}
        onCommit={(text) => set('expiringWithinDays', text !== undefined && /^\d{1,4}$/.test(text) && Number(text) <= 3650 ? Number(text) : undefined)}
        invalid={(text) => text !== '' && !(/^\d{1,4}$/.test(text) && Number(text) <= 3650)}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
        sx={{ width: WIDTH.within }}
      />
      <TextField type="date" size="small" label={t('contracts.signedFrom')} value={filters.signedFrom ?? ''} onChange={(e) => set('signedFrom', e.target.value)} slotProps={SHRINK} sx={{ width: WIDTH.signed }} />
      <TextField type="date" size="small" label={t('contracts.signedTo')} value={filters.signedTo ?? ''} onChange={(e) => set('signedTo', e.target.value)} slotProps={SHRINK} sx={{ width: WIDTH.signed }} />
      {amount('amountMin', t('contracts.amountMin'))}
      {amount('amountMax', t('contracts.amountMax'))}
      {choice('currency', t('contract.currency'), CURRENCIES.map((c) => [c, c]))}
      {Object.keys(filters).length > 0 ? (
        <Button size="small" onClick={() => onChange({})} sx={{ mt: 0.75 }}>
          {t('contracts.clearFilters')}
        </Button>
      ) : null}
    </Stack>
  );
}
