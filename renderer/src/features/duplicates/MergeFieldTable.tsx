import { Radio, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { MergeField } from '../../../../shared/api/duplicates.ts';
import { shownValue } from './merge-fields.ts';

export type Choice = 'keep' | 'merge';

type FieldTableProps = {
  kept: Customer;
  merged: Customer;
  rows: { field: MergeField; differs: boolean }[];
  choiceOf: (field: MergeField) => Choice;
  setChoice: (field: MergeField, choice: Choice) => void;
};

/** One row per field: the kept customer's value and the merged one's, each a radio; rows that differ highlighted. */
export function MergeFieldTable({ kept, merged, rows, choiceOf, setChoice }: FieldTableProps) {
  const { t } = useTranslation();
  const cell = (customer: Customer, field: MergeField, as: Choice, differs: boolean) => {
    const shown = shownValue(t, customer, field);
    const fieldName = t(`duplicates.fields.${field}`);
    return (
      <TableCell sx={{ width: '40%', verticalAlign: 'top' }}>
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          <Radio
            size="small"
            checked={choiceOf(field) === as}
            disabled={!differs}
            onChange={() => setChoice(field, as)}
            name={`merge-field-${field}`}
            sx={{ mt: -0.75 }}
            slotProps={{ input: { 'aria-label': `${fieldName}: ${shown === '' ? t('duplicates.mergeDialog.empty') : shown}` } }}
          />
          <Typography
            variant="body2"
            color={shown === '' ? 'text.secondary' : undefined}
            sx={{ overflowWrap: 'anywhere', whiteSpace: field === 'notes' ? 'pre-wrap' : undefined, maxHeight: 120, overflow: 'auto' }}
          >
            {shown === '' ? t('duplicates.mergeDialog.empty') : shown}
          </Typography>
        </Stack>
      </TableCell>
    );
  };
  return (
    <Table size="small" aria-labelledby="merge-fields-title">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '20%' }}>{t('duplicates.mergeDialog.field')}</TableCell>
          <TableCell sx={{ overflowWrap: 'anywhere' }}>{t('duplicates.mergeDialog.keptValue', { name: kept.name })}</TableCell>
          <TableCell sx={{ overflowWrap: 'anywhere' }}>{t('duplicates.mergeDialog.mergedValue', { name: merged.name })}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ field, differs }) => (
          <TableRow key={field} data-differs={differs} sx={differs ? { bgcolor: (theme) => alpha(theme.palette.warning.main, 0.08) } : undefined}>
            <TableCell component="th" scope="row" sx={{ verticalAlign: 'top', fontWeight: differs ? 600 : undefined }}>
              {t(`duplicates.fields.${field}`)}
            </TableCell>
            {cell(kept, field, 'keep', differs)}
            {cell(merged, field, 'merge', differs)}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
