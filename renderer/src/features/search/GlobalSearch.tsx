import { Autocomplete, Box, InputAdornment, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/api/search.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { navigate } from '../../app/router.ts';
import { useDebounced } from '../../app/use-debounced.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * One box to find any customer: results as you type (the core searches name, code, phone fragment,
 * pinyin, contacts); Enter or a click opens the customer. Ctrl/Cmd+K focuses it from anywhere.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState(false);
  const query = useDebounced(text.trim(), 150);
  const latest = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!query) {
      setHits([]);
      setLoading(false);
      return;
    }
    // Answers can arrive out of order: only the newest query may fill the list.
    const ticket = ++latest.current;
    setLoading(true);
    void invoke('search.query', { q: query, limit: 20 }).then((result) => {
      if (ticket !== latest.current) return;
      setLoading(false);
      if (result.ok) setHits(result.value.hits);
      else {
        logError(result.error);
        setHits([]);
      }
    });
  }, [query]);

  const pending = loading || text.trim() !== query;

  return (
    <Autocomplete<SearchHit, false, false, false>
      sx={{ width: { xs: 200, sm: 320, md: 440 } }}
      size="small"
      options={hits}
      // The core already ranked and filtered; never filter again here.
      filterOptions={(options) => options}
      getOptionLabel={(hit) => hit.name}
      getOptionKey={(hit) => hit.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      inputValue={text}
      onInputChange={(_e, value, reason) => {
        if (reason !== 'reset') setText(value);
      }}
      value={null}
      onChange={(_e, hit) => {
        if (!hit) return;
        setOpen(false);
        setText('');
        inputRef.current?.blur();
        navigate({ name: 'customer', id: hit.id });
      }}
      open={open && text.trim() !== ''}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      autoHighlight
      blurOnSelect
      clearOnEscape
      loading={pending}
      loadingText={t('search.searching')}
      noOptionsText={t('search.noResults')}
      renderOption={({ key, ...props }, hit) => (
        <li key={key} {...props}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, width: '100%', minWidth: 0 }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography noWrap sx={{ fontWeight: 500 }}>
                {hit.name}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div" noWrap>
                {[hit.code, hit.phone, hit.contactName ? t('search.contact', { name: hit.contactName }) : '']
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            </Box>
            <GradeChip grade={hit.grade} />
          </Box>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={inputRef}
          hiddenLabel
          variant="filled"
          placeholder={isMac ? t('search.placeholderMac') : t('search.placeholder')}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, 'aria-label': t('search.label') },
            input: {
              ...params.slotProps.input,
              disableUnderline: true,
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
          sx={{ '& .MuiFilledInput-root': { bgcolor: 'background.paper', borderRadius: 1, '&:hover, &.Mui-focused': { bgcolor: 'background.paper' } } }}
        />
      )}
    />
  );
}
