import { Alert, Box, Button, Chip, FormControlLabel, FormLabel, LinearProgress, Paper, Radio, RadioGroup, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MATCH_ON, ON_DUPLICATE, type ImportAction, type ImportKind, type ImportPreview, type MatchOn, type OnDuplicate, type OnError } from '../../../../shared/api/imports.ts';
import { formatNumber } from '../../i18n/format.ts';
import { RowErrors } from './RowErrors.tsx';
import type { Progress } from './import-job.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const CELL = { maxWidth: 220, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;
const ACTION_COLOR: Record<ImportAction, 'success' | 'info' | 'default' | 'error'> = { create: 'success', update: 'info', skip: 'default', error: 'error' };

export type Policy = { matchOn: MatchOn; onDuplicate: OnDuplicate; onError: OnError };

type Props = {
  /** Sales: no duplicate policy (every sale is new); counts in sales and lines. */
  kind?: ImportKind;
  policy: Policy;
  onPolicy: (policy: Policy) => void;
  /** The fields mapped to a column, in the mapping's order: the sample rows' columns. */
  fields: readonly string[];
  preview: ImportPreview | null;
  /** The preview is being made: its progress in rows. */
  checking: Progress | null;
  problem: string | null;
  onCancel: () => void;
  /** Checks again after a stop or a failure. */
  onRetry: () => void;
};

/** One figure of the preview: a label over a number. */
export function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1, minWidth: 110 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" data-testid={testId}>
        {formatNumber(value)}
      </Typography>
    </Paper>
  );
}

export function ProgressLine({ progress, label }: { progress: Progress; label: string }) {
  const { t } = useTranslation();
  const percent = progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : null;
  return (
    <Stack spacing={0.5}>
      <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? 0} aria-label={label} />
      <Typography variant="body2" color="text.secondary" aria-live="polite">
        {progress.total > 0 ? t('imports.rowsOf', { done: formatNumber(progress.done), total: formatNumber(progress.total) }) : label}
      </Typography>
    </Stack>
  );
}

/** Step 4: what a run would do with these choices, each error by row and field, the sample rows' actions. */
export function CheckStep({ kind = 'customers', policy, onPolicy, fields, preview, checking, problem, onCancel, onRetry }: Props) {
  const { t } = useTranslation();
  // Sales lines are never matched against existing rows: each file's sales are new ones.
  const sales = kind === 'sales';
  return (
    <Stack spacing={2}>
      {sales ? (
        <Typography variant="body2" color="text.secondary">
          {t('imports.check.salesHint')}
        </Typography>
      ) : null}
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        {sales ? null : (
          <>
        <TextField
          select
          size="small"
          slotProps={NATIVE_SELECT}
          sx={{ width: 220 }}
          label={t('imports.check.matchOn')}
          value={policy.matchOn}
          onChange={(event) => {
            const matchOn = MATCH_ON.find((option) => option === event.target.value);
            if (matchOn) onPolicy({ ...policy, matchOn });
          }}
        >
          {MATCH_ON.map((option) => (
            <option key={option} value={option}>
              {t(`imports.matchOn.${option}`)}
            </option>
          ))}
        </TextField>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <FormLabel id="import-on-duplicate">{t('imports.check.onDuplicate')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="import-on-duplicate"
            value={policy.onDuplicate}
            onChange={(event) => {
              const onDuplicate = ON_DUPLICATE.find((option) => option === event.target.value);
              if (onDuplicate) onPolicy({ ...policy, onDuplicate });
            }}
          >
            {ON_DUPLICATE.map((option) => (
              <FormControlLabel key={option} value={option} control={<Radio size="small" />} label={t(`imports.onDuplicate.${option}`)} />
            ))}
          </RadioGroup>
        </Stack>
          </>
        )}
        <FormControlLabel
          control={<Switch checked={policy.onError === 'abort'} onChange={(event) => onPolicy({ ...policy, onError: event.target.checked ? 'abort' : 'skipRow' })} />}
          label={t('imports.check.allOrNothing')}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {policy.onError === 'abort' ? t('imports.check.abortHint') : t('imports.check.skipHint')}
      </Typography>
      {checking ? (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Box sx={{ flex: 1 }}>
            <ProgressLine progress={checking} label={t('imports.check.checking')} />
          </Box>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Stack>
      ) : null}
      {problem !== null ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={onRetry}>
              {t('imports.check.again')}
            </Button>
          }
        >
          {problem}
        </Alert>
      ) : null}
      {preview ? (
        <>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="import-counts">
            <Figure label={t('imports.counts.rows')} value={preview.rows} testId="import-count-rows" />
            <Figure label={t('imports.counts.valid')} value={preview.valid} testId="import-count-valid" />
            {sales ? (
              <>
                <Figure label={t('imports.counts.sales')} value={preview.create} testId="import-count-create" />
                <Figure label={t('imports.counts.lines')} value={preview.lines ?? 0} testId="import-count-lines" />
              </>
            ) : (
              <>
                <Figure label={t('imports.counts.create')} value={preview.create} testId="import-count-create" />
                <Figure label={t('imports.counts.update')} value={preview.update} testId="import-count-update" />
                <Figure label={t('imports.counts.skip')} value={preview.skip} testId="import-count-skip" />
              </>
            )}
            <Figure label={t('imports.counts.errors')} value={preview.errorCount} testId="import-count-errors" />
          </Stack>
          {preview.errorCount > 0 ? (
            <Stack spacing={1}>
              <Typography variant="subtitle1" component="h2">
                {t('imports.errors.title')}
              </Typography>
              <RowErrors errors={preview.errors} errorCount={preview.errorCount} />
            </Stack>
          ) : null}
          <Typography variant="subtitle1" component="h2">
            {t('imports.check.sampleTitle', { count: preview.sampleRows.length, formatted: formatNumber(preview.sampleRows.length) })}
          </Typography>
          <TableContainer sx={{ maxHeight: 320, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            <Table size="small" stickyHeader aria-label={t('imports.check.sampleTable')} data-testid="import-sample-rows">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 64 }}>{t('imports.errors.row')}</TableCell>
                  <TableCell sx={{ width: 96 }}>{t('imports.check.action')}</TableCell>
                  {fields.map((field) => (
                    <TableCell key={field} sx={CELL}>
                      {t(`imports.fields.${field}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.sampleRows.map((row) => (
                  <TableRow key={row.row}>
                    <TableCell>{row.row}</TableCell>
                    <TableCell>
                      <Chip size="small" color={ACTION_COLOR[row.action]} label={t(`imports.actions.${row.action}`)} />
                    </TableCell>
                    {fields.map((field) => (
                      <TableCell key={field} sx={CELL} title={row.values[field] ?? ''}>
                        {row.values[field] ?? ''}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      ) : null}
    </Stack>
  );
}
