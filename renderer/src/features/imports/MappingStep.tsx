import { Alert, Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Mapping } from '../../../../shared/api/imports.ts';
import { columnLabel } from './import-format.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
/** A sample value beside a column's name is cut here, so the options stay readable. */
const SAMPLE_CHARS = 24;

type Props = {
  fields: readonly string[];
  required: readonly string[];
  headers: readonly string[];
  sample: readonly { cells: readonly string[] }[];
  mapping: Mapping;
  mappingSaved: boolean;
  onChange: (columns: Mapping['columns']) => void;
};

/** The first non-empty value of a column in the sample rows, shortened. */
function sampleOf(sample: Props['sample'], index: number): string {
  const value = sample.map((row) => (row.cells[index] ?? '').trim()).find((cell) => cell !== '') ?? '';
  return value.length > SAMPLE_CHARS ? `${value.slice(0, SAMPLE_CHARS)}…` : value;
}

/** Step 3: one select per target field, the auto-matched (or saved) columns chosen already. */
export function MappingStep({ fields, required, headers, sample, mapping, mappingSaved, onChange }: Props) {
  const { t } = useTranslation();
  const width = Math.max(headers.length, ...sample.map((row) => row.cells.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  const missing = required.filter((field) => mapping.columns[field] === null || mapping.columns[field] === undefined);
  return (
    <Box>
      {mappingSaved ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="import-mapping-saved">
          {t('imports.mapping.saved')}
        </Alert>
      ) : null}
      {missing.length > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('imports.mapping.missing', { fields: missing.map((field) => t(`imports.fields.${field}`)).join(t('imports.separator')) })}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))', xl: 'repeat(4, minmax(0, 1fr))' } }}>
        {fields.map((field) => {
          const isRequired = required.includes(field);
          const chosen = mapping.columns[field];
          return (
            <TextField
              key={field}
              select
              size="small"
              slotProps={NATIVE_SELECT}
              required={isRequired}
              error={isRequired && (chosen === null || chosen === undefined)}
              label={t(`imports.fields.${field}`)}
              value={chosen === null || chosen === undefined ? '' : String(chosen)}
              onChange={(event) => onChange({ ...mapping.columns, [field]: event.target.value === '' ? null : Number(event.target.value) })}
            >
              <option value="">{t('imports.mapping.none')}</option>
              {columns.map((i) => {
                const value = sampleOf(sample, i);
                const label = columnLabel(t, headers, i);
                return (
                  <option key={i} value={String(i)}>
                    {value === '' ? label : t('imports.mapping.withSample', { column: label, sample: value })}
                  </option>
                );
              })}
            </TextField>
          );
        })}
      </Box>
    </Box>
  );
}

/** True when every required field has a column. */
export function mappingComplete(required: readonly string[], mapping: Mapping): boolean {
  return required.every((field) => typeof mapping.columns[field] === 'number');
}
