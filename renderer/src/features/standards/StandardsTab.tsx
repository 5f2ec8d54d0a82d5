import { Alert, Box, Button, CircularProgress, FormControlLabel, Paper, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES } from '../../../../shared/api/customers.ts';
import { RESPONSE_HOURS_MAX, RETURN_DAYS_MAX, StandardsUpdate, type Standards } from '../../../../shared/api/standards.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { issueMessage, serverFieldErrors, validate, type FieldErrors } from '../../app/validation.ts';
import { CalendarSection } from './CalendarSection.tsx';

/** What is typed, as text: a half-typed number can be shown and checked. */
type Values = {
  grades: { grade: (typeof GRADES)[number]; returnDays: string; responseHours: string }[];
  workingDays: boolean;
  dimensionAtMost: string;
  npsAtMost: string;
};

function valuesOf(standards: Standards): Values {
  return {
    grades: standards.grades.map((g) => ({ grade: g.grade, returnDays: String(g.returnDays), responseHours: String(g.responseHours) })),
    workingDays: standards.workingDays,
    dimensionAtMost: String(standards.lowScore.dimensionAtMost),
    npsAtMost: String(standards.lowScore.npsAtMost),
  };
}

/** An empty box is not 0: it is "required" (NaN is refused as not a number). */
function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

function inputOf(values: Values, version: number) {
  return {
    version,
    grades: values.grades.map((g) => ({ grade: g.grade, returnDays: numberOf(g.returnDays), responseHours: numberOf(g.responseHours) })),
    workingDays: values.workingDays,
    lowScore: { dimensionAtMost: numberOf(values.dimensionAtMost), npsAtMost: numberOf(values.npsAtMost) },
  };
}

/**
 * Settings → Service standards (the owner): per grade, the return-visit cadence and the complaint
 * response deadline; whether deadlines count only working days; the scores that open a complaint;
 * and the working calendar below. The core refuses anyone else whatever this shows.
 */
export function StandardsTab() {
  const { t } = useTranslation();
  const stored = useCoreQuery('standards.get', {});
  return (
    <Stack spacing={3} sx={{ maxWidth: 960 }}>
      {stored.error ? <Alert severity="error">{errorMessage(t, stored.error)}</Alert> : null}
      {stored.data ? (
        <StandardsForm stored={stored.data} />
      ) : stored.error ? null : (
        <Box sx={{ display: 'grid', placeItems: 'center', p: 4 }}>
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      )}
      <CalendarSection />
    </Stack>
  );
}

function StandardsForm({ stored }: { stored: Standards }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [values, setValues] = useState<Values>(() => valuesOf(stored));
  const [version, setVersion] = useState(stored.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = stored.actions.edit;
  const dirty = JSON.stringify(values) !== JSON.stringify(valuesOf(stored)) || version !== stored.version;

  // Someone else's change (another window, the CLI) shows here unless something is being typed.
  useEffect(() => {
    if (stored.version === version) return;
    if (!dirty) {
      setValues(valuesOf(stored));
      setVersion(stored.version);
    }
  }, [stored, version, dirty]);

  const setGrade = (index: number, field: 'returnDays' | 'responseHours', text: string) =>
    setValues((v) => ({ ...v, grades: v.grades.map((g, i) => (i === index ? { ...g, [field]: text } : g)) }));

  const errorAt = (key: string) => (errors[key] ? issueMessage(t, errors[key]) : undefined);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const input = inputOf(values, version);
    const found = validate(StandardsUpdate, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const saved = await call('standards.update', input);
      setValues(valuesOf(saved));
      setVersion(saved.version);
      dataChanged();
      notify({ message: t('standards.saved') });
    } catch (caught) {
      const error = caught as AppError; // call() throws the core's error value
      const onFields = serverFieldErrors(error);
      if (Object.keys(onFields).length > 0) setErrors(onFields);
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const reload = () => {
    setValues(valuesOf(stored));
    setVersion(stored.version);
    setFailure(null);
    setErrors({});
    dataChanged();
  };

  return (
    <Paper component="form" noValidate onSubmit={save} sx={{ p: 3 }} aria-labelledby="standards-title">
      <Typography variant="h6" component="h2" id="standards-title">
        {t('standards.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {t('standards.intro')}
      </Typography>
      {failure ? (
        <Alert
          severity="warning"
          role="alert"
          sx={{ mt: 2 }}
          action={
            failure.code === 'CONFLICT' ? (
              <Button color="inherit" size="small" onClick={reload}>
                {t('standards.reload')}
              </Button>
            ) : undefined
          }
        >
          {failure.code === 'CONFLICT' ? t('standards.conflict') : errorMessage(t, failure)}
        </Alert>
      ) : null}
      <Table size="small" sx={{ mt: 2, maxWidth: 720 }} aria-label={t('standards.gradesTable')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('standards.grade')}</TableCell>
            <TableCell>{t('standards.returnDays')}</TableCell>
            <TableCell>{t('standards.responseHours')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {values.grades.map((g, index) => {
            const gradeName = t(`customer.grades.${g.grade}`);
            return (
              <TableRow key={g.grade} data-grade={g.grade}>
                <TableCell component="th" scope="row" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                  {gradeName}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  <TextField
                    size="small"
                    type="number"
                    name={`grades.${index}.returnDays`}
                    value={g.returnDays}
                    disabled={!editable}
                    onChange={(e) => setGrade(index, 'returnDays', e.target.value)}
                    error={errorAt(`grades.${index}.returnDays`) !== undefined}
                    helperText={errorAt(`grades.${index}.returnDays`)}
                    slotProps={{
                      htmlInput: { min: 1, max: RETURN_DAYS_MAX, step: 1, inputMode: 'numeric', 'aria-label': `${gradeName}: ${t('standards.returnDays')}` },
                      input: { endAdornment: <Typography variant="body2" color="text.secondary" sx={{ ml: 1, whiteSpace: 'nowrap' }}>{t('standards.days')}</Typography> },
                    }}
                    sx={{ width: 160 }}
                  />
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  <TextField
                    size="small"
                    type="number"
                    name={`grades.${index}.responseHours`}
                    value={g.responseHours}
                    disabled={!editable}
                    onChange={(e) => setGrade(index, 'responseHours', e.target.value)}
                    error={errorAt(`grades.${index}.responseHours`) !== undefined}
                    helperText={errorAt(`grades.${index}.responseHours`)}
                    slotProps={{
                      htmlInput: { min: 1, max: RESPONSE_HOURS_MAX, step: 1, inputMode: 'numeric', 'aria-label': `${gradeName}: ${t('standards.responseHours')}` },
                      input: { endAdornment: <Typography variant="body2" color="text.secondary" sx={{ ml: 1, whiteSpace: 'nowrap' }}>{t('standards.hours')}</Typography> },
                    }}
                    sx={{ width: 160 }}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <Box sx={{ mt: 3 }}>
        <FormControlLabel
          control={<Switch name="workingDays" checked={values.workingDays} disabled={!editable} onChange={(e) => setValues((v) => ({ ...v, workingDays: e.target.checked }))} />}
          label={t('standards.workingDays')}
        />
        <Typography variant="body2" color="text.secondary" sx={{ pl: 6 }}>
          {t('standards.workingDaysHelp')}
        </Typography>
      </Box>

      <Typography variant="subtitle1" component="h3" sx={{ mt: 3, fontWeight: 500 }}>
        {t('standards.lowScoreTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('standards.lowScoreHelp')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mt: 1.5, flexWrap: 'wrap', rowGap: 2 }}>
        <TextField
          size="small"
          type="number"
          name="lowScore.dimensionAtMost"
          label={t('standards.dimensionAtMost')}
          value={values.dimensionAtMost}
          disabled={!editable}
          onChange={(e) => setValues((v) => ({ ...v, dimensionAtMost: e.target.value }))}
          error={errorAt('lowScore.dimensionAtMost') !== undefined}
          helperText={errorAt('lowScore.dimensionAtMost') ?? t('standards.dimensionAtMostHelp')}
          slotProps={{ htmlInput: { min: 1, max: 4, step: 1, inputMode: 'numeric' } }}
          sx={{ width: 260 }}
        />
        <TextField
          size="small"
          type="number"
          name="lowScore.npsAtMost"
          label={t('standards.npsAtMost')}
          value={values.npsAtMost}
          disabled={!editable}
          onChange={(e) => setValues((v) => ({ ...v, npsAtMost: e.target.value }))}
          error={errorAt('lowScore.npsAtMost') !== undefined}
          helperText={errorAt('lowScore.npsAtMost') ?? t('standards.npsAtMostHelp')}
          slotProps={{ htmlInput: { min: 0, max: 9, step: 1, inputMode: 'numeric' } }}
          sx={{ width: 260 }}
        />
      </Stack>

      {editable ? (
        <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
          <Button type="submit" variant="contained" disabled={saving || !dirty} startIcon={saving ? <CircularProgress size={16} color="inherit" /> : undefined}>
            {t('standards.save')}
          </Button>
          <Button onClick={reload} disabled={saving || !dirty}>
            {t('standards.undo')}
          </Button>
        </Stack>
      ) : null}
    </Paper>
  );
}
