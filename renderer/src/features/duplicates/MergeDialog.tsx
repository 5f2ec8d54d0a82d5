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
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MERGE_FIELDS, type DuplicateGroup, type MergeField } from '../../../../shared/api/duplicates.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { linkedText, movesText } from './linked-counts.ts';
import { MergeFieldTable, type Choice } from './MergeFieldTable.tsx';
import { defaultChoice, rawValue } from './merge-fields.ts';

export type Merged = { merge: number; kept: { id: number; name: string }; merged: { id: number; name: string; code: string } };

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
                  <TableCell padding="checkbox" sx={{ whiteSpace: 'nowrap' }}>
                    {t('duplicates.mergeDialog.keep')}
                  </TableCell>
                  {people.length > 2 ? (
                    <TableCell padding="checkbox" sx={{ whiteSpace: 'nowrap' }}>
                      {t('duplicates.mergeDialog.mergeIn')}
                    </TableCell>
                  ) : null}
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
                  <MergeFieldTable kept={kept.data} merged={merged.data} rows={rows.filter((row) => row.differs || showSame)} choiceOf={choiceOf} setChoice={(field, choice) => setChoices((current) => ({ ...current, [field]: choice }))} />
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

        </Stack>
      </DialogContent>
      {/* Outside the scrolling content, so the refusal is seen beside the buttons. */}
      {problem ? (
        <Alert
          severity={problem.stale ? 'warning' : 'error'}
          sx={{ mx: 3, mt: 2 }}
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
