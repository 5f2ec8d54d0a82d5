import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Radio,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { alpha } from '@mui/material/styles';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { MERGE_FIELDS, type DuplicateCustomer, type DuplicateGroup, type MergeField } from '../../../../shared/api/duplicates.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { linkedParts } from './linked-counts.ts';
import { rawValue, shownValue } from './merge-fields.ts';

export type Merged = { merge: number; kept: { id: number; name: string }; merged: { id: number; name: string; code: string } };

type Choice = 'keep' | 'merge';

/**
 * The kept customer's value unless it has none and the merged one has one: a merge should not
 * lose a phone number only because the kept record left it blank. The user can change every row.
 */
function defaultChoice(kept: Customer, merged: Customer, field: MergeField): Choice {
  return rawValue(kept, field) === '' && rawValue(merged, field) !== '' ? 'merge' : 'keep';
}

/**
 * Merge (合并): which customer is kept (radio; with more than two in the group, also which one
 * merges into it), then field by field whose value the kept customer ends with (rows that differ
 * highlighted, identical ones folded away), what moves, and Merge. A customer changed since the
 * dialog loaded it is a CONFLICT: the dialog says so and reloads both.
 */
export function MergeDialog({ group, onClose, onMerged }: { group: DuplicateGroup; onClose: () => void; onMerged: (merged: Merged) => void }) {
  const { t } = useTranslation();
  const people = group.customers;
  const [keepId, setKeepId] = useState(people[0]!.id); // a group has two or more customers
  const [mergeId, setMergeId] = useState(people[1]!.id);
  const [choices, setChoices] = useState<Partial<Record<MergeField, Choice>>>({});
  const [showSame, setShowSame] = useState(false);
  const [problem, setProblem] = useState<{ stale: boolean; message: string } | null>(null);
  const kept = useCoreQuery('customers.get', { id: keepId });
  const merged = useCoreQuery('customers.get', { id: mergeId });
  const merge = useCoreMutation('duplicates.merge');

  const pick = (id: number, as: Choice) => {
    setChoices({});
    setProblem(null);
    if (as === 'keep') {
      setKeepId(id);
      if (id === mergeId) setMergeId(keepId);
    } else setMergeId(id);
  };

  const rows = useMemo(() => {
    if (!kept.data || !merged.data) return [];
    return MERGE_FIELDS.map((field) => ({ field, differs: rawValue(kept.data, field) !== rawValue(merged.data, field) }));
  }, [kept.data, merged.data]);
  const same = rows.filter((row) => !row.differs).length;
  const choiceOf = (field: MergeField): Choice => choices[field] ?? (kept.data && merged.data ? defaultChoice(kept.data, merged.data, field) : 'keep');

  const mergedRow = people.find((person) => person.id === mergeId);
  const reload = () => {
    setProblem(null);
    setChoices({});
    void kept.refetch();
    void merged.refetch();
  };

  const confirm = () => {
    if (!kept.data || !merged.data) return;
    setProblem(null);
    const fields = Object.fromEntries(rows.filter((row) => row.differs).map((row) => [row.field, choiceOf(row.field)]));
    const keptData = kept.data;
    const mergedData = merged.data;
    merge.mutate(
      { keep: keptData.id, merge: mergedData.id, fields, version: { keep: keptData.version, merge: mergedData.version } },
      {
        onSuccess: (result) =>
          onMerged({
            merge: result.merge,
            kept: { id: keptData.id, name: choiceOf('name') === 'merge' ? mergedData.name : keptData.name },
            merged: { id: mergedData.id, name: mergedData.name, code: mergedData.code },
          }),
        onError: (error: AppFailure) => setProblem({ stale: error.code === 'CONFLICT', message: error.code === 'CONFLICT' ? t('duplicates.mergeDialog.stale') : errorMessage(t, error) }),
      },
    );
  };

  const loadError = kept.error ?? merged.error;
  const ready = kept.data !== undefined && merged.data !== undefined && !kept.isFetching && !merged.isFetching;
  const keptName = kept.data?.name ?? '';

  return (
    <Dialog open onClose={merge.isPending ? undefined : onClose} aria-labelledby="merge-title" fullWidth maxWidth="md">
      <DialogTitle id="merge-title">{t('duplicates.mergeDialog.title')}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2.5}>
          <Box component="section" aria-labelledby="merge-keep-title">
            <Typography id="merge-keep-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {t('duplicates.mergeDialog.keepStep')}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('duplicates.mergeDialog.keepHint')}
            </Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">{t('duplicates.mergeDialog.keep')}</TableCell>
                  {people.length > 2 ? <TableCell padding="checkbox">{t('duplicates.mergeDialog.mergeIn')}</TableCell> : null}
                  <TableCell>{t('duplicates.columns.name')}</TableCell>
                  <TableCell>{t('duplicates.columns.linked')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {people.map((person) => (
                  <TableRow key={person.id} selected={person.id === keepId}>
                    <TableCell padding="checkbox">
                      <Radio
                        checked={person.id === keepId}
                        onChange={() => pick(person.id, 'keep')}
                        name="merge-keep"
                        slotProps={{ input: { 'aria-label': `${t('duplicates.mergeDialog.keep')} ${person.name} (${person.code})` } }}
                      />
                    </TableCell>
                    {people.length > 2 ? (
                      <TableCell padding="checkbox">
                        <Radio
                          checked={person.id === mergeId}
                          disabled={person.id === keepId}
                          onChange={() => pick(person.id, 'merge')}
                          name="merge-in"
                          slotProps={{ input: { 'aria-label': `${t('duplicates.mergeDialog.mergeIn')} ${person.name} (${person.code})` } }}
                        />
                      </TableCell>
                    ) : null}
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      {person.name}{' '}
                      <Typography component="span" variant="body2" color="text.secondary">
                        {person.code}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Typography variant="body2" color="text.secondary">
                        {linkedText(t, person)}
                      </Typography>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>

          <Box component="section" aria-labelledby="merge-fields-title">
            <Typography id="merge-fields-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
              {t('duplicates.mergeDialog.fieldsStep')}
            </Typography>
            {loadError ? <Alert severity="error">{errorMessage(t, loadError)}</Alert> : null}
            {!ready && !loadError ? (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <CircularProgress size={20} />
                <Typography>{t('duplicates.mergeDialog.loading')}</Typography>
              </Stack>
            ) : null}
            {ready && kept.data && merged.data ? (
              <>
                {same === rows.length ? (
                  <Typography color="text.secondary">{t('duplicates.mergeDialog.allSame')}</Typography>
                ) : (
                  <FieldTable kept={kept.data} merged={merged.data} rows={rows.filter((row) => row.differs || showSame)} choiceOf={choiceOf} setChoice={(field, choice) => setChoices((current) => ({ ...current, [field]: choice }))} />
                )}
                {same > 0 && same < rows.length ? (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                    {t('duplicates.mergeDialog.sameHidden', { count: same })}{' '}
                    <Link component="button" type="button" onClick={() => setShowSame((shown) => !shown)}>
                      {showSame ? t('duplicates.mergeDialog.hideSame') : t('duplicates.mergeDialog.showSame')}
                    </Link>
                  </Typography>
                ) : null}
              </>
            ) : null}
          </Box>

          {ready && mergedRow ? (
            <Box component="section" aria-labelledby="merge-summary-title">
              <Typography id="merge-summary-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 0.5, overflowWrap: 'anywhere' }}>
                {t('duplicates.mergeDialog.summary', { name: keptName })}
              </Typography>
              <Typography data-testid="merge-summary" sx={{ overflowWrap: 'anywhere' }}>
                {movesText(t, mergedRow, keptName)}
              </Typography>
            </Box>
          ) : null}

          {problem ? (
            <Alert
              severity={problem.stale ? 'warning' : 'error'}
              action={
                problem.stale ? (
                  <Button color="inherit" onClick={reload}>
                    {t('duplicates.mergeDialog.reload')}
                  </Button>
                ) : undefined
              }
            >
              {problem.message}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={merge.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={confirm} disabled={!ready || merge.isPending || problem?.stale === true}>
          {t('duplicates.mergeDialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

type FieldTableProps = {
  kept: Customer;
  merged: Customer;
  rows: { field: MergeField; differs: boolean }[];
  choiceOf: (field: MergeField) => Choice;
  setChoice: (field: MergeField, choice: Choice) => void;
};

/** One row per field: the kept customer's value and the merged one's, each a radio; rows that differ highlighted. */
function FieldTable({ kept, merged, rows, choiceOf, setChoice }: FieldTableProps) {
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

function listOf(parts: string[]): string {
  return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).format(parts);
}

/** "3 contacts, 2 contracts and 40 records", or "Nothing linked". */
export function linkedText(t: TFunction, customer: DuplicateCustomer): string {
  const parts = linkedParts(t, customer.counts);
  return parts.length === 0 ? t('duplicates.nothingLinked') : listOf(parts);
}

function movesText(t: TFunction, merged: DuplicateCustomer, keptName: string): string {
  const parts = linkedParts(t, merged.counts);
  if (parts.length === 0) return t('duplicates.mergeDialog.movesNothing', { merged: merged.name, code: merged.code, name: keptName });
  return t('duplicates.mergeDialog.moves', { what: listOf(parts), name: keptName, merged: merged.name, code: merged.code });
}
