import { IconButton, InputAdornment, TextField } from '@mui/material';
import ClearIcon from '@mui/icons-material/Clear';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchText } from '../../../../shared/search-query.ts';

type Props = { value: string | undefined; onChange: (q: string | undefined) => void; sx?: object };

/** How long typing pauses before the list (a fresh keyset walk and a count) follows. */
const SETTLE_MS = 250;

/**
 * The customer list's own search: the same matches as the search box (the core's `q` filter),
 * shown as the whole list in its sort order. Text the core would refuse is said here instead.
 */
export function ListSearchField({ value, onChange, sx }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  // The address (Back, "see all results") can change the filter under us.
  useEffect(() => setText(value ?? ''), [value]);

  // The parent passes a new function on every render; the pause must not start again each time.
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  }, [onChange]);

  const trimmed = text.trim();
  const valid = trimmed === '' || SearchText.safeParse(trimmed).success;
  useEffect(() => {
    if (!valid || trimmed === (value ?? '')) return;
    const timer = setTimeout(() => report.current(trimmed === '' ? undefined : trimmed), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [trimmed, valid, value]);

  return (
    <TextField
      size="small"
      sx={sx}
      label={t('customers.searchInList')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      error={!valid}
      helperText={valid ? undefined : t('search.invalid')}
      slotProps={{
        htmlInput: { maxLength: 100, type: 'search' },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
          endAdornment: text ? (
            <InputAdornment position="end">
              <IconButton size="small" aria-label={t('customers.clearSearch')} onClick={() => { setText(''); onChange(undefined); }} edge="end">
                <ClearIcon fontSize="small" />
              </IconButton>
            </InputAdornment>
          ) : null,
        },
      }}
    />
  );
}
