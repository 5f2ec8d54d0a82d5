import { Autocomplete, Button, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/auth.ts';
import { GRADES, STAGES, type CustomerFilters as Filters } from '../../../../shared/api/customers.ts';
import type { Facets } from './use-users.ts';

type Props = { filters: Filters; onChange: (next: Filters) => void; facets: Facets; users: User[] };

const FIELD_SX = { minWidth: 150, flex: '1 1 150px', maxWidth: 220 };
// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** Filters are sent to the core (never applied here); each is one control with a visible label. */
export function CustomerFilters({ filters, onChange, facets, users }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };

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
      <TextField
        select
        size="small"
        slotProps={NATIVE_SELECT}
        sx={FIELD_SX}
        label={t('customers.filterGrade')}
        value={filters.grade ?? ''}
        onChange={(e) => set('grade', (e.target.value || undefined) as Filters['grade'])} // values come from GRADES below
      >
        <option value="">{t('common.any')}</option>
        {GRADES.map((g) => (
          <option key={g} value={g}>
            {t(`customer.grades.${g}`)}
          </option>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        slotProps={NATIVE_SELECT}
        sx={FIELD_SX}
        label={t('customers.filterStage')}
        value={filters.stage ?? ''}
        onChange={(e) => set('stage', (e.target.value || undefined) as Filters['stage'])} // values come from STAGES below
      >
        <option value="">{t('common.any')}</option>
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {t(`customer.stages.${s}`)}
          </option>
        ))}
      </TextField>
      {facet('industry', t('customers.filterIndustry'), facets.industries)}
      {facet('region', t('customers.filterRegion'), facets.regions)}
      <TextField
        select
        size="small"
        slotProps={NATIVE_SELECT}
        sx={FIELD_SX}
        label={t('customers.filterOwner')}
        value={filters.ownerId === undefined ? '' : String(filters.ownerId)}
        onChange={(e) => set('ownerId', e.target.value ? Number(e.target.value) : undefined)}
      >
        <option value="">{t('common.any')}</option>
        {users.map((u) => (
          <option key={u.id} value={String(u.id)}>
            {u.displayName || u.username}
          </option>
        ))}
      </TextField>
      {facet('tag', t('customers.filterTag'), facets.tags)}
      {Object.keys(filters).length > 0 ? (
        <Button size="small" onClick={() => onChange({})}>
          {t('customers.clearFilters')}
        </Button>
      ) : null}
    </Stack>
  );
}
