import { Autocomplete, Button, Chip, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/users.ts';
import { GRADES, STAGES, type CustomerFilters as Filters } from '../../../../shared/api/customers.ts';
import { DrillChips } from '../performance/DrillChips.tsx';
import { customerDrillChips, withoutChip } from '../performance/drill-chips.ts';
import type { Facets } from './use-users.ts';
import { ListSearchField } from '../search/ListSearchField.tsx';

/** `offerNoOwner`: "no responsible staff" is a choice (not for staff who see only their own customers). */
type Props = { filters: Filters; onChange: (next: Filters) => void; facets: Facets; users: User[]; offerNoOwner: boolean };

/** The owner filter's value for "nobody is responsible" (owner ids travel as strings in the DOM). */
const NO_OWNER = 'none';

const FIELD_SX = { minWidth: 150, flex: '1 1 150px', maxWidth: 220 };
// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** Filters are sent to the core (never applied here); each is one control with a visible label. */
export function CustomerFilters({ filters, onChange, facets, users, offerNoOwner }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };

  /** A native select over fixed values; '' means "any". Owner ids travel as strings in the DOM. */
  const choice = (key: 'grade' | 'stage' | 'ownerId', label: string, options: [value: string, text: string][]) => (
    <TextField
      select
      size="small"
      slotProps={NATIVE_SELECT}
      sx={FIELD_SX}
      label={label}
      value={key === 'ownerId' && filters.noOwner ? NO_OWNER : filters[key] === undefined ? '' : String(filters[key])}
      onChange={(e) => {
        const value = e.target.value;
        if (key === 'ownerId') {
          const { ownerId: _id, noOwner: _none, ...rest } = filters; // both are replaced below
          onChange(value === NO_OWNER ? { ...rest, noOwner: true } : value ? { ...rest, ownerId: Number(value) } : rest);
        }
        else if (key === 'grade') set('grade', (value || undefined) as Filters['grade']); // value is one of GRADES
        else set('stage', (value || undefined) as Filters['stage']); // value is one of STAGES
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

  const facet = (key: 'industry' | 'region' | 'tag', label: string, options: string[]) => (
    <Autocomplete
      size="small"
      sx={FIELD_SX}
      options={options}
      value={filters[key] ?? null}
      onChange={(_e, value) => set(key, value ?? undefined)}
      noOptionsText={t('common.noOptions')}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );

  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('customers.filters')}>
      <ListSearchField value={filters.q} onChange={(q) => set('q', q)} sx={{ ...FIELD_SX, maxWidth: 260 }} />
      {choice('grade', t('customers.filterGrade'), GRADES.map((g) => [g, t(`customer.grades.${g}`)]))}
      {choice('stage', t('customers.filterStage'), STAGES.map((st) => [st, t(`customer.stages.${st}`)]))}
      {facet('industry', t('customers.filterIndustry'), facets.industries)}
      {facet('region', t('customers.filterRegion'), facets.regions)}
      {choice('ownerId', t('customers.filterOwner'), [
        ...(offerNoOwner ? [[NO_OWNER, t('customers.noOwner')] as [string, string]] : []),
        ...users.map((u): [string, string] => [String(u.id), u.displayName || u.username]),
      ])}
      {facet('tag', t('customers.filterTag'), facets.tags)}
      {/* Set only by a link (the dashboard's new customers): shown so the list says why it is shorter. */}
      {filters.createdFrom || filters.createdTo ? (
        <Chip
          label={t('customers.filterCreated', { from: filters.createdFrom ?? '…', to: filters.createdTo ?? '…' })}
          onDelete={() => {
            const { createdFrom: _from, createdTo: _to, ...rest } = filters; // both go together
            onChange(rest);
          }}
          data-testid="filter-created"
        />
      ) : null}
      <DrillChips chips={customerDrillChips(t, filters)} onClear={(chip) => onChange(withoutChip(filters, chip))} />
      {Object.keys(filters).length > 0 ? (
        <Button size="small" onClick={() => onChange({})}>
          {t('customers.clearFilters')}
        </Button>
      ) : null}
    </Stack>
  );
}
