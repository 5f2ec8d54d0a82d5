import { Autocomplete, Box, Chip, FormControl, FormControlLabel, FormLabel, Paper, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CALENDARS, CUSTOMER_KINDS, GRADES, SIZES, STAGES } from '../../../../shared/api/customers.ts';
import type { User } from '../../../../shared/api/users.ts';
import type { Form } from '../../app/use-form.ts';
import type { CustomerValues } from './draft.ts';
import { LunarDateFields } from './LunarDateFields.tsx';
import type { Facets } from './use-users.ts';

export const GRID_SX = { display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))' } as const;
// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    // No aria-label here: it would make getByLabel() match the section as well as the field.
    <Paper component="section" sx={{ p: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

type Props = {
  form: Form<CustomerValues>;
  /** Masked values shown read-only (customer-form-checks.ts maskedPaths). */
  hidden: ReadonlySet<string>;
  facets: Facets;
  /** Who may be made responsible. */
  users: User[];
  isNew: boolean;
};

/** The customer's own fields, in four sections: basics, contact, classification, other. */
export function CustomerFormFields({ form, hidden, facets, users, isNew }: Props) {
  const { t } = useTranslation();
  const { values, setField, error } = form;

  const text = (key: keyof CustomerValues & string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => {
    const problem = error(key);
    const isHidden = hidden.has(key);
    return (
      <TextField
        label={label}
        name={key}
        value={(values[key] as string | null) ?? ''} // only string fields are passed here
        onChange={(e) => setField(key, e.target.value as never)} // the key names a string field
        error={problem !== undefined}
        helperText={problem ?? (isHidden ? t('form.maskedHint') : extra.helperText)}
        disabled={isHidden}
        fullWidth
        {...extra}
      />
    );
  };

  const suggest = (key: 'industry' | 'region', label: string, options: string[]) => (
    <Autocomplete
      freeSolo
      options={options}
      value={values[key]}
      inputValue={values[key]}
      onInputChange={(_e, value) => setField(key, value)}
      onChange={(_e, value) => setField(key, value ?? '')}
      renderInput={(params) => (
        <TextField {...params} label={label} name={key} error={error(key) !== undefined} helperText={error(key)} />
      )}
    />
  );

  const tagsError = error('tags') ?? values.tags.map((_tag, i) => error(`tags.${i}`)).find(Boolean);
  const dateLabel = values.kind === 'company' ? t('customer.foundingDate') : t('customer.birthday');

  return (
    <>
    <Section title={t('form.sectionBasics')}>
      <Stack spacing={2}>
        <FormControl>
          <FormLabel id="customer-kind-label">{t('customer.kind')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="customer-kind-label"
            name="kind"
            value={values.kind}
            onChange={(e) => setField('kind', e.target.value as CustomerValues['kind'])} // the radios below carry CUSTOMER_KINDS
          >
            {CUSTOMER_KINDS.map((k) => (
              <FormControlLabel key={k} value={k} control={<Radio />} label={t(`customer.kinds.${k}`)} />
            ))}
          </RadioGroup>
        </FormControl>
        <Box sx={GRID_SX}>
          {text('name', t('customer.name'), { autoFocus: isNew, sx: { gridColumn: { sm: 'span 2' } } })}
          {suggest('industry', t('customer.industry'), facets.industries)}
          {suggest('region', t('customer.region'), facets.regions)}
          {text('source', t('customer.source'))}
        </Box>
      </Stack>
    </Section>

    <Section title={t('form.sectionContact')}>
      <Box sx={GRID_SX}>
        {text('phone', t('customer.phone'), { type: 'tel' })}
        {text('email', t('customer.email'), { type: 'email' })}
        {text('website', t('customer.website'))}
        {text('address', t('customer.address'), { sx: { gridColumn: '1 / -1' } })}
      </Box>
    </Section>

    <Section title={t('form.sectionClassification')}>
      <Box sx={GRID_SX}>
        <TextField
          select
          slotProps={NATIVE_SELECT}
          label={t('customer.grade')}
          name="grade"
          value={values.grade}
          onChange={(e) => setField('grade', e.target.value as CustomerValues['grade'])} // options are GRADES
        >
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {t(`customer.grades.${g}`)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          slotProps={NATIVE_SELECT}
          label={t('customer.stage')}
          name="stage"
          value={values.stage}
          onChange={(e) => setField('stage', e.target.value as CustomerValues['stage'])} // options are STAGES
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`customer.stages.${s}`)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          slotProps={NATIVE_SELECT}
          label={t('customer.size')}
          name="size"
          value={values.size ?? ''}
          onChange={(e) => setField('size', (e.target.value || null) as CustomerValues['size'])} // options are SIZES or ''
        >
          <option value="">{t('customer.sizeNone')}</option>
          {SIZES.map((s) => (
            <option key={s} value={s}>
              {t(`customer.sizes.${s}`)}
            </option>
          ))}
        </TextField>
        <Autocomplete
          options={users}
          value={users.find((u) => u.id === values.ownerId) ?? null}
          onChange={(_e, user) => setField('ownerId', user?.id ?? null)}
          getOptionLabel={(u) => u.displayName || u.username}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          noOptionsText={t('common.noOptions')}
          renderInput={(params) => (
            <TextField {...params} label={t('customer.owner')} name="ownerId" error={error('ownerId') !== undefined} helperText={error('ownerId')} />
          )}
        />
      </Box>
    </Section>

    <Section title={t('form.sectionOther')}>
      <Box sx={GRID_SX}>
        <TextField
          select
          slotProps={NATIVE_SELECT}
          label={t('customer.birthdayCalendar')}
          name="birthdayCalendar"
          value={values.birthdayCalendar}
          onChange={(e) => setField('birthdayCalendar', e.target.value as CustomerValues['birthdayCalendar'])} // options are CALENDARS
        >
          {CALENDARS.map((c) => (
            <option key={c} value={c}>
              {t(`customer.calendars.${c}`)}
            </option>
          ))}
        </TextField>
        {/* The calendar first: a lunar date is entered as lunar month, day and (optional) year. */}
        {values.birthdayCalendar === 'lunar' ? (
          <Box role="group" aria-label={dateLabel} sx={{ display: 'contents' }}>
            <LunarDateFields value={values.birthday} onChange={(text) => setField('birthday', text)} error={error('birthday')} />
          </Box>
        ) : (
          text('birthday', dateLabel, { type: 'date', slotProps: { inputLabel: { shrink: true } } })
        )}
        <Autocomplete
          multiple
          freeSolo
          options={facets.tags}
          value={values.tags}
          onChange={(_e, tags) => setField('tags', [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))])}
          renderValue={(tags, getItemProps) =>
            tags.map((tag, index) => {
              const { key, ...itemProps } = getItemProps({ index });
              return <Chip key={key} label={tag} size="small" {...itemProps} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              label={t('customer.tags')}
              name="tags"
              error={tagsError !== undefined}
              helperText={tagsError ?? t('form.tagsHelp')}
            />
          )}
          sx={{ gridColumn: { sm: 'span 2' } }}
        />
        {/* A long note scrolls inside its box (12 lines at most) instead of stretching the form. */}
        {text('notes', t('customer.notes'), { multiline: true, minRows: 3, maxRows: 12, sx: { gridColumn: '1 / -1' } })}
      </Box>
    </Section>
    </>
  );
}
