import { Alert, Box, Button, Chip, IconButton, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../../../shared/contract-status.ts';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, CALENDAR_NAME_MAX, SetCalendarDay, type CalendarKind } from '../../../../shared/api/standards.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { issueMessage, serverFieldErrors, validate, type FieldErrors } from '../../app/validation.ts';
import { calendarDateIn } from '../../i18n/format.ts';
import { holidayName } from './holiday-names.ts';

function weekdayIn(lng: string, day: string): string {
  return new Intl.DateTimeFormat(lng, { weekday: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
}

/**
 * The year's working calendar: the statutory holidays and make-up working days the app knows, and
 * the owner's corrections (a day off or a working day added, a built-in day changed, put back).
 * Only the days that are not ordinary are listed; weekends are off and weekdays working otherwise.
 */
export function CalendarSection() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const [year, setYear] = useState(() => Number(localDay(Date.now()).slice(0, 4)));
  const query = useCoreQuery('standards.calendar', { year });
  const [failure, setFailure] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<{ day: string; kind: CalendarKind; name: string }>({ day: '', kind: 'holiday', name: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const editable = query.data?.actions.edit ?? false;
  const known = query.data ? query.data.knownYears.includes(year) : true;
  const lng = i18n.language;

  const setDay = async (input: { day: string; kind: CalendarKind | null; name: string }): Promise<boolean> => {
    setFailure(null);
    try {
      await call('standards.setDay', input);
      dataChanged();
      notify({ message: t('standards.calendar.saved', { day: calendarDateIn(lng, input.day) }) });
      return true;
    } catch (caught) {
      const error = caught as AppError; // call() throws the core's error value
      const onFields = serverFieldErrors(error);
      if (Object.keys(onFields).length > 0) setErrors(onFields);
      else setFailure(error);
      return false;
    }
  };

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validate(SetCalendarDay, draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (await setDay(draft)) {
      setYear(Number(draft.day.slice(0, 4)));
      setDraft({ day: '', kind: draft.kind, name: '' });
    }
  };

  const errorAt = (key: string) => (errors[key] ? issueMessage(t, errors[key]) : undefined);
  const kindLabel = (kind: CalendarKind) => t(`standards.calendar.kinds.${kind}`);

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="calendar-title">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="calendar-title" sx={{ mr: 1 }}>
          {t('standards.calendar.title', { year })}
        </Typography>
        <Tooltip title={t('standards.calendar.previousYear')}>
          <span>
            <IconButton aria-label={t('standards.calendar.previousYear')} disabled={year <= CALENDAR_FIRST_YEAR} onClick={() => setYear((y) => y - 1)}>
              <ChevronLeftIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('standards.calendar.nextYear')}>
          <span>
            <IconButton aria-label={t('standards.calendar.nextYear')} disabled={year >= CALENDAR_LAST_YEAR} onClick={() => setYear((y) => y + 1)}>
              <ChevronRightIcon />
            </IconButton>
          </span>
        </Tooltip>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {t('standards.calendar.intro')}
      </Typography>
      {query.data && !known ? (
        <Alert severity="info" sx={{ mt: 2 }} data-testid="calendar-unknown-year">
          {t('standards.calendar.unknownYear', { year })}
        </Alert>
      ) : null}
      {query.error ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {errorMessage(t, query.error)}
        </Alert>
      ) : null}
      {failure ? (
        <Alert severity="warning" role="alert" sx={{ mt: 2 }}>
          {errorMessage(t, failure)}
        </Alert>
      ) : null}

      {editable ? (
        <Box component="form" noValidate onSubmit={add} sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start', mt: 2 }} aria-label={t('standards.calendar.addTitle')}>
          <TextField
            size="small"
            type="date"
            name="day"
            label={t('standards.calendar.day')}
            value={draft.day}
            onChange={(e) => setDraft((d) => ({ ...d, day: e.target.value }))}
            error={errorAt('day') !== undefined}
            helperText={errorAt('day')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: `${CALENDAR_FIRST_YEAR}-01-01`, max: `${CALENDAR_LAST_YEAR}-12-31` } }}
            sx={{ width: 180 }}
          />
          <TextField select size="small" name="kind" label={t('standards.calendar.kind')} value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as CalendarKind }))} sx={{ width: 160 }}>
            {(['holiday', 'workday'] as const).map((kind) => (
              <MenuItem key={kind} value={kind}>
                {kindLabel(kind)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            name="name"
            label={t('standards.calendar.name')}
            value={draft.name}
            onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
            error={errorAt('name') !== undefined}
            helperText={errorAt('name')}
            slotProps={{ htmlInput: { maxLength: CALENDAR_NAME_MAX } }}
            sx={{ width: 220 }}
          />
          <Button type="submit" variant="outlined" sx={{ mt: 0.25 }} disabled={draft.day === ''}>
            {t('standards.calendar.add')}
          </Button>
        </Box>
      ) : null}

      {query.data ? (
        query.data.days.length === 0 ? (
          <Typography sx={{ mt: 2 }} color="text.secondary">
            {t('standards.calendar.empty', { year })}
          </Typography>
        ) : (
          <Table size="small" sx={{ mt: 2 }} aria-label={t('standards.calendar.title', { year })}>
            <TableHead>
              <TableRow>
                <TableCell>{t('standards.calendar.day')}</TableCell>
                <TableCell>{t('standards.calendar.kind')}</TableCell>
                <TableCell>{t('standards.calendar.name')}</TableCell>
                <TableCell>{t('standards.calendar.source')}</TableCell>
                {editable ? <TableCell align="right">{t('standards.calendar.actions')}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.days.map((d) => {
                const dayText = `${calendarDateIn(lng, d.day)} ${weekdayIn(lng, d.day)}`;
                const other: CalendarKind = d.kind === 'holiday' ? 'workday' : 'holiday';
                return (
                  <TableRow key={d.day} data-day={d.day} data-source={d.source}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{dayText}</TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" color={d.kind === 'holiday' ? 'error' : 'primary'} label={kindLabel(d.kind)} />
                    </TableCell>
                    <TableCell>{holidayName(t, d.name)}</TableCell>
                    <TableCell sx={{ color: d.source === 'owner' ? 'warning.dark' : 'text.secondary' }}>
                      {d.source === 'builtin'
                        ? t('standards.calendar.builtin')
                        : d.builtin === null
                          ? t('standards.calendar.ownerAdded')
                          : t('standards.calendar.ownerCorrected', { kind: kindLabel(d.builtin) })}
                    </TableCell>
                    {editable ? (
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {d.source === 'owner' ? (
                          <Button size="small" aria-label={`${d.builtin === null ? t('standards.calendar.remove') : t('standards.calendar.revert')}: ${dayText}`} onClick={() => void setDay({ day: d.day, kind: null, name: '' })}>
                            {d.builtin === null ? t('standards.calendar.remove') : t('standards.calendar.revert')}
                          </Button>
                        ) : (
                          <Button size="small" aria-label={`${t(`standards.calendar.make.${other}`)}: ${dayText}`} onClick={() => void setDay({ day: d.day, kind: other, name: '' })}>
                            {t(`standards.calendar.make.${other}`)}
                          </Button>
                        )}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )
      ) : null}
    </Paper>
  );
}
