import { Autocomplete, Box, InputAdornment, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SearchHit } from '../../../../shared/api/search.ts';
import { logError } from '../../app/errors.ts';
import { navigate } from '../../app/router.ts';
import { formatNumber } from '../../i18n/format.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { DEFAULT_QUERY, formatListQuery } from '../customers/list-query.ts';
import { useSearch, type SearchAnswer } from './use-search.ts';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** A hit, or the last entry: every match in the customer list. */
type Option = { kind: 'hit'; hit: SearchHit } | { kind: 'all'; query: string; total: number };

/** Marks the moment a query's results are on screen (the search UI benchmark reads it). */
export const RESULTS_MARK = 'clientele:search-results';

/** What the result line says about where a hit matched, when the list row does not show it. */
function matchedLine(t: TFunction, hit: SearchHit): string {
  switch (hit.matchedIn) {
    case 'name':
    case 'code':
    case 'phone':
      return '';
    default:
      return t(`search.matched.${hit.matchedIn}`, { text: hit.matchedText, contact: hit.contactName ?? '' });
  }
}

function optionsOf(answer: SearchAnswer | null): Option[] {
  if (!answer) return [];
  const hits: Option[] = answer.hits.map((hit) => ({ kind: 'hit', hit }));
  return answer.total > answer.hits.length ? [...hits, { kind: 'all', query: answer.query, total: answer.total }] : hits;
}

/**
 * One box to find any customer: results as you type (the core searches name, code, phone
 * fragment, pinyin, contacts, e-mail, WeChat); Enter or a click opens the customer, the last entry
 * lists every match. Only results of the text in the box are ever shown, and Enter pressed before
 * they arrive waits for them. Ctrl/Cmd+K focuses it from anywhere.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const query = text.trim();
  const { answer, pending, whenAnswered } = useSearch(query);

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
    if (!answer) return;
    if (answer.error) logError(answer.error);
    // After the next frame the results are painted: that is what "results on screen" means.
    const frame = requestAnimationFrame(() => performance.mark(RESULTS_MARK, { detail: answer.query }));
    return () => cancelAnimationFrame(frame);
  }, [answer]);

  const choose = (option: Option) => {
    setOpen(false);
    setText('');
    inputRef.current?.blur();
    if (option.kind === 'hit') navigate({ name: 'customer', id: option.hit.id });
    else navigate({ name: 'customers', query: formatListQuery({ ...DEFAULT_QUERY, filters: { q: option.query } }) });
  };

  const options = optionsOf(answer);
  const invalid = answer?.error?.code === 'VALIDATION';
  const failed = answer?.error && !invalid;

  return (
    <Autocomplete<Option, false, false, false>
      sx={{ width: { xs: 200, sm: 320, md: 440 } }}
      size="small"
      options={options}
      // The core already ranked and filtered; never filter again here.
      filterOptions={(list) => list}
      getOptionLabel={(option) => (option.kind === 'hit' ? option.hit.name : option.query)}
      getOptionKey={(option) => (option.kind === 'hit' ? option.hit.id : 'all')}
      isOptionEqualToValue={(a, b) => (a.kind === 'hit' && b.kind === 'hit' ? a.hit.id === b.hit.id : a.kind === b.kind)}
      inputValue={text}
      onInputChange={(_e, value, reason) => {
        if (reason !== 'reset') setText(value);
      }}
      value={null}
      onChange={(_e, option) => {
        if (option) choose(option);
      }}
      onKeyDown={(e) => {
        // Enter before this text's results are in: act on them when they arrive, never on the
        // previous text's (MUI would pick whatever list is on screen).
        if (e.key === 'Enter' && pending && !e.nativeEvent.isComposing) {
          (e as typeof e & { defaultMuiPrevented?: boolean }).defaultMuiPrevented = true; // MUI's documented opt-out of its own key handling
          e.preventDefault();
          whenAnswered(query, (arrived) => {
            const first = arrived.hits[0];
            if (first) choose({ kind: 'hit', hit: first });
          });
        }
      }}
      open={open && query !== ''}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      autoHighlight
      blurOnSelect
      clearOnEscape
      loading={pending}
      loadingText={t('search.searching')}
      noOptionsText={invalid ? t('search.invalid') : failed ? t('search.failed') : t('search.noResults')}
      // No padding under the sticky "see all" entry, or rows would show through below it.
      slotProps={{ listbox: { 'data-query': answer?.query ?? '', 'aria-busy': pending, style: { paddingBottom: 0 } } as object }} // data-* attributes are not in MUI's listbox prop types
      renderOption={({ key, ...props }, option) =>
        option.kind === 'all' ? (
          // Sticky at the bottom of the list: the count and the way to every match stay in view.
          <Box
            component="li"
            key={key}
            {...props}
            data-testid="search-see-all"
            sx={{ position: 'sticky', bottom: 0, zIndex: 1, bgcolor: 'background.paper', borderTop: 1, borderColor: 'divider' }}
          >
            <Typography color="primary" sx={{ fontWeight: 500 }}>
              {t('search.seeAll', { count: option.total, formatted: formatNumber(option.total) })}
            </Typography>
          </Box>
        ) : (
          <li key={key} {...props}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, width: '100%', minWidth: 0 }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography noWrap sx={{ fontWeight: 500 }}>
                  {option.hit.name}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div" noWrap>
                  {[option.hit.code, option.hit.phone, matchedLine(t, option.hit)].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
              <GradeChip grade={option.hit.grade} />
            </Box>
          </li>
        )
      }
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={inputRef}
          hiddenLabel
          variant="filled"
          placeholder={isMac ? t('search.placeholderMac') : t('search.placeholder')}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, 'aria-label': t('search.label'), 'aria-busy': pending },
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
