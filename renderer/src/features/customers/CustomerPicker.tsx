import { Autocomplete, Box, CircularProgress, TextField, Typography, type SxProps, type Theme } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchText } from '../../../../shared/search-query.ts';
import { useCoreQuery } from '../../app/query.ts';

/** A chosen customer: enough to show it without asking the core again. */
export type CustomerOption = { id: number; name: string; code: string };

/** How long typing pauses before the core is asked, and how many matches one answer offers. */
const SETTLE_MS = 200;
const LIMIT = 20;

type Props = {
  value: CustomerOption | null;
  onChange: (value: CustomerOption | null) => void;
  label?: string;
  /** The field's problem, in words. */
  error?: string;
  helperText?: string;
  /** Shown, not changeable (a contract opened from its customer's page). */
  readOnly?: boolean;
  required?: boolean;
  size?: 'small' | 'medium';
  name?: string;
  autoFocus?: boolean;
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

/**
 * Search-as-you-type for one customer: the core's customer search (`customers.list` with `q`: name,
 * code, phone fragment, contacts, pinyin) answers the first matches of what was typed, never a list
 * of every customer. Arrow keys and Enter choose; Esc closes; the first match is highlighted.
 */
export function CustomerPicker({ value, onChange, label, error, helperText, readOnly, required, size, name, autoFocus, sx }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState(value?.name ?? '');
  const typed = input.trim();
  const q = useSettled(typed, SETTLE_MS);
  // The box shows the chosen customer's name: that is no search.
  const wanted = q !== '' && q !== value?.name && SearchText.safeParse(q).success;
  const matches = useCoreQuery('customers.list', { q, limit: LIMIT, sort: 'name', direction: 'asc' }, { enabled: wanted && !readOnly, placeholderData: keepPreviousData });
  const options = useMemo(() => {
    const found: CustomerOption[] = wanted ? (matches.data?.rows ?? []).map((row) => ({ id: row.id, name: row.name, code: row.code })) : [];
    // The chosen one stays an option, so the box can show it while other matches are listed.
    return value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;
  }, [wanted, matches.data, value]);
  const pending = typed !== q || (wanted && matches.isFetching);

  return (
    <Autocomplete
      sx={sx}
      size={size}
      options={options}
      value={value}
      inputValue={input}
      readOnly={readOnly}
      forcePopupIcon={!readOnly}
      autoHighlight
      // The core filtered and ordered them already.
      filterOptions={(all) => all}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(o) => o.name}
      onChange={(_e, next) => onChange(next)}
      onInputChange={(_e, next) => setInput(next)}
      loading={pending && typed !== ''}
      loadingText={t('customerPicker.searching')}
      noOptionsText={typed === '' ? t('customerPicker.typeToSearch') : t('customerPicker.noMatch', { q: typed })}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 2, alignItems: 'baseline !important' }}>
          <Typography component="span" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {o.name}
          </Typography>
          <Typography component="span" variant="body2" color="text.secondary" sx={{ flexShrink: 0 }}>
            {o.code}
          </Typography>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label ?? t('customerPicker.label')}
          name={name}
          required={required}
          autoFocus={autoFocus}
          error={error !== undefined}
          helperText={error ?? helperText ?? (value ? value.code : undefined)}
          slotProps={{
            ...params.slotProps,
            // The whole name on hover, where a long one is cut off in the box.
            htmlInput: { ...params.slotProps.htmlInput, maxLength: 100, title: value?.name },
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {pending && typed !== '' ? <CircularProgress color="inherit" size={18} /> : null}
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
