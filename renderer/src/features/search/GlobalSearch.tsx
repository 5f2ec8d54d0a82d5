import { Autocomplete, Box, InputAdornment, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import DescriptionIcon from '@mui/icons-material/Description';
import PeopleIcon from '@mui/icons-material/People';
import HandymanIcon from '@mui/icons-material/Handyman';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import LightbulbIcon from '@mui/icons-material/LightbulbOutlined';
import CelebrationIcon from '@mui/icons-material/Celebration';
import AutoStoriesIcon from '@mui/icons-material/AutoStories';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AnySearchHit, SearchHit } from '../../../../shared/api/search.ts';
import { logError } from '../../app/errors.ts';
import { navigate } from '../../app/router.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { DEFAULT_QUERY, formatListQuery } from '../customers/list-query.ts';
import { ContractStatusChip } from '../contracts/ContractChips.tsx';
import { DEFAULT_QUERY as DEFAULT_CONTRACT_QUERY, formatContractQuery } from '../contracts/list-query.ts';
import { formatNeedQuery } from '../needs/list-query.ts';
import { formatDay } from '../contracts/money.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useSearch, type SearchAnswer } from './use-search.ts';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** A hit, or the last entries: every matching customer in the customer list, every matching contract in the contract list. */
type Option = { kind: 'hit'; hit: AnySearchHit } | { kind: 'all'; of: 'customer' | 'contract'; query: string; total: number; more?: boolean };

/** Height of a "see all" entry: two of them stack at the bottom of the list, the upper one this far up. */
const SEE_ALL_HEIGHT = 40;

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
  const options: Option[] = answer.hits.map((hit) => ({ kind: 'hit', hit }));
  const shown = (kind: AnySearchHit['kind']) => answer.hits.filter((hit) => hit.kind === kind).length;
  if (answer.total > shown('customer')) options.push({ kind: 'all', of: 'customer', query: answer.query, total: answer.total });
  if (answer.contractTotal > shown('contract')) options.push({ kind: 'all', of: 'contract', query: answer.query, total: answer.contractTotal, more: answer.contractTotalCapped });
  return options;
}

const KIND_ICONS = {
  customer: PeopleIcon,
  contract: DescriptionIcon,
  record: HandymanIcon,
  sale: PointOfSaleIcon,
  competitor: CompareArrowsIcon,
  need: LightbulbIcon,
  event: CelebrationIcon,
  story: AutoStoriesIcon,
} as const;
const KIND_COLORS = {
  customer: 'primary.main',
  contract: 'secondary.main',
  record: 'success.main',
  sale: 'warning.main',
  competitor: 'error.main',
  need: 'info.main',
  event: 'secondary.dark',
  story: 'success.dark',
} as const;

/** What kind of thing a hit is, as an icon over its word ("Customer", "Contract", "Record"). */
function KindMark({ kind }: { kind: AnySearchHit['kind'] }) {
  const { t } = useTranslation();
  const Icon = KIND_ICONS[kind];
  return (
    <Box sx={{ width: 44, flexShrink: 0, display: 'flex', flexDirection: 'column', alignItems: 'center', color: KIND_COLORS[kind] }} data-kind={kind}>
      <Icon fontSize="small" />
      <Typography variant="caption" sx={{ lineHeight: 1.2 }} noWrap>
        {t(`search.kind.${kind}`)}
      </Typography>
    </Box>
  );
}

/** What the box reads when a hit is chosen: its name, title, or text. */
function hitLabel(hit: AnySearchHit): string {
  return hit.kind === 'customer' || hit.kind === 'competitor' ? hit.name : hit.kind === 'record' || hit.kind === 'sale' ? hit.snippet : hit.title;
}

/**
 * Where a chosen hit leads: most kinds to their own page; a need to the needs list filtered to its
 * customer and title (needs have no page of their own), a story to its customer's page (its
 * stories section: the case sheet is printed from there).
 */
function openHit(hit: AnySearchHit): void {
  if (hit.kind === 'need') navigate({ name: 'needs', query: formatNeedQuery({ customerId: hit.customerId, q: hit.title }) });
  else if (hit.kind === 'story') navigate({ name: 'customer', id: hit.customerId });
  else navigate({ name: hit.kind, id: hit.id });
}

/** The lines of a hit: what it is called, and what else identifies it. */
function HitLines({ hit }: { hit: AnySearchHit }) {
  const { t } = useTranslation();
  const [title, details] =
    hit.kind === 'customer'
      ? [hit.name, [hit.code, hit.phone, matchedLine(t, hit)]]
      : hit.kind === 'contract'
        ? [hit.title, [hit.number, t('search.contractOf', { customer: hit.customerName })]]
        : hit.kind === 'sale'
          ? [hit.snippet, [t('search.saleOf', { customer: hit.customerName }), formatDay(hit.soldOn, currentLanguage())]]
          : hit.kind === 'competitor'
            ? [hit.name, [hit.products, hit.active ? '' : t('competitor.retired')]]
            : hit.kind === 'need'
              ? [hit.title, [t('search.needOf', { customer: hit.customerName }), t(`need.statuses.${hit.status}`), hit.snippet]]
              : hit.kind === 'event'
                ? [hit.title, [formatDay(hit.onDay, currentLanguage()), hit.place, hit.cancelled ? t('search.eventCancelled') : '']]
                : hit.kind === 'story'
                  ? [hit.title, [t('search.storyOf', { customer: hit.customerName }), formatDay(hit.storyOn, currentLanguage())]]
                  : [hit.snippet, [t(`search.recordKind.${hit.recordKind}`), hit.customerName, formatDateTime(hit.at)]];
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography noWrap sx={{ fontWeight: 500 }}>
        {title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div" noWrap>
        {details.filter(Boolean).join(' · ')}
      </Typography>
    </Box>
  );
}

/**
 * One box to find any customer, contract or record: results as you type (the core searches a
 * customer's name, code, phone fragment, pinyin, contacts, e-mail, WeChat, a contract's number and
 * title, and the beginning of a service or communication record's texts), each saying what kind of thing it is; Enter or a click opens it, the last entries list
 * every matching customer and every matching contract. Only results of the text in the box are ever shown, and Enter pressed before
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
    if (option.kind === 'hit') openHit(option.hit);
    else if (option.of === 'contract') navigate({ name: 'contracts', query: formatContractQuery({ ...DEFAULT_CONTRACT_QUERY, filters: { q: option.query } }) });
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
      getOptionLabel={(option) => (option.kind === 'all' ? option.query : hitLabel(option.hit))}
      getOptionKey={(option) => (option.kind === 'hit' ? `${option.hit.kind}-${option.hit.id}` : `all-${option.of}`)}
      isOptionEqualToValue={(a, b) => (a.kind === 'hit' && b.kind === 'hit' ? a.hit.kind === b.hit.kind && a.hit.id === b.hit.id : a.kind === 'all' && b.kind === 'all' && a.of === b.of)}
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
          // Sticky at the bottom of the list: the counts and the ways to every match stay in view
          // (the customers' entry above the contracts' when there are both).
          <Box
            component="li"
            key={key}
            {...props}
            data-testid={option.of === 'contract' ? 'search-see-all-contracts' : 'search-see-all'}
            sx={{
              position: 'sticky',
              bottom: option.of === 'customer' && options.some((other) => other.kind === 'all' && other.of === 'contract') ? SEE_ALL_HEIGHT : 0,
              height: SEE_ALL_HEIGHT,
              minHeight: SEE_ALL_HEIGHT,
              boxSizing: 'border-box',
              zIndex: 1,
              bgcolor: 'background.paper',
              borderTop: 1,
              borderColor: 'divider',
            }}
          >
            <Typography color="primary" noWrap sx={{ fontWeight: 500 }}>
              {t(option.of === 'contract' ? 'search.seeAllContracts' : 'search.seeAll', { count: option.total, formatted: formatNumber(option.total) + (option.more ? '+' : '') })}
            </Typography>
          </Box>
        ) : (
          <li key={key} {...props} data-kind={option.hit.kind}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, width: '100%', minWidth: 0 }}>
              <KindMark kind={option.hit.kind} />
              <HitLines hit={option.hit} />
              {option.hit.kind === 'customer' ? <GradeChip grade={option.hit.grade} /> : option.hit.kind === 'contract' ? <ContractStatusChip status={option.hit.status} /> : null}
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
