import { Autocomplete, Box, CircularProgress, TextField, Typography, type SxProps, type Theme } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreQuery } from '../../app/query.ts';
import type { ContractOption } from './record-draft.ts';

const SETTLE_MS = 200;
const LIMIT = 20;

type Props = {
  customerId: number | null;
  value: ContractOption | null;
  onChange: (value: ContractOption | null) => void;
  error?: string;
  sx?: SxProps<Theme>;
};

function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const labelOf = (o: ContractOption) => `${o.number} · ${o.title}`;

/**
 * One of the chosen customer's contracts, searched as you type (number or title) among that
 * customer's only: the core's contract list filtered by the customer, the first matches, never
 * every contract of the shop.
 */
export function ContractPicker({ customerId, value, onChange, error, sx }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState(value ? labelOf(value) : '');
  const typed = input.trim();
  const q = useSettled(typed, SETTLE_MS);
  // The box shows the chosen contract: that is no search.
  const search = value && q === labelOf(value) ? '' : q;
  const matches = useCoreQuery(
    'contracts.list',
    { customerId: customerId ?? 0, ...(search ? { q: search } : {}), sort: 'number', direction: 'asc', limit: LIMIT },
    { enabled: customerId !== null, placeholderData: keepPreviousData },
  );
  const options = useMemo(() => {
    const found: ContractOption[] = (matches.data?.rows ?? []).map((row) => ({ id: row.id, number: row.number, title: row.title }));
    return value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;
  }, [matches.data, value]);
  const pending = typed !== q || matches.isFetching;

  return (
    <Autocomplete
      sx={sx}
      options={options}
      value={value}
      inputValue={input}
      disabled={customerId === null}
      autoHighlight
      filterOptions={(all) => all}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={labelOf}
      onChange={(_e, next) => onChange(next)}
      onInputChange={(_e, next) => setInput(next)}
      loading={pending}
      loadingText={t('customerPicker.searching')}
      noOptionsText={t('recordForm.noContracts')}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 2, alignItems: 'baseline !important' }}>
          <Typography component="span" sx={{ flexShrink: 0 }}>
            {o.number}
          </Typography>
          <Typography component="span" variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {o.title}
          </Typography>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('record.contract')}
          name="contract"
          placeholder={customerId === null ? undefined : t('recordForm.contractSearch')}
          error={error !== undefined}
          helperText={error ?? (customerId === null ? t('recordForm.chooseCustomerFirst') : t('recordForm.contractHint'))}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, maxLength: 100, title: value ? labelOf(value) : undefined },
            inputLabel: { shrink: true },
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {pending && customerId !== null ? <CircularProgress color="inherit" size={18} /> : null}
                  {params.slotProps.input.endAdornment}
                </>
              ),
            },
          }}
        />
      )}
    />
  );
}
