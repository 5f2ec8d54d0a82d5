// Settings → Holiday care (settings.manage): how many days ahead festivals show in Today, which
// grades are greeted, which built-in festivals are kept, and the shop's own festivals (a name and a
// solar or lunar month-day). The year's days are shown beside each, as the core computes them.
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { Alert, Button, Checkbox, FormControlLabel, FormGroup, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES } from '../../../../shared/api/customers.ts';
import { BUILTIN_FESTIVALS, FESTIVAL_CALENDARS, HolidaySettings, OWN_FESTIVALS_MAX, type HolidaySettings as Settings, type OwnFestival } from '../../../../shared/api/holidays.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { calendarDateIn } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

export function HolidaySettingsTab() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const notify = useNotify();
  const year = Number(localDay(Date.now()).slice(0, 4));
  const stored = useCoreQuery('holidays.settings', {});
  const calendar = useCoreQuery('holidays.calendar', { year });
  const [form, setForm] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (stored.data && form === null) setForm(stored.data);
  }, [stored.data, form]);
  if (!form) return stored.error ? <Alert severity="error">{errorMessage(t, stored.error)}</Alert> : null;

  const dayOf = (key: string) => calendar.data?.find((f) => f.key === key)?.day;
  const setOwn = (i: number, part: Partial<OwnFestival>) => setForm({ ...form, own: form.own.map((f, j) => (j === i ? { ...f, ...part } : f)) });
  const toggle = <T extends string>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list, value] : list.filter((v) => v !== value));

  const save = async () => {
    const checked = HolidaySettings.safeParse(form);
    if (!checked.success) {
      const issue = checked.error.issues[0]!; // a failed parse has at least one issue
      setError(t('holidays.settings.invalid', { field: t(`holidays.settings.fields.${String(issue.path[0])}`) }));
      return;
    }
    setError(null);
    try {
      setForm(await call('holidays.saveSettings', checked.data));
      dataChanged();
      notify({ message: t('holidays.settings.saved'), severity: 'success' });
    } catch (e) {
      setError(errorMessage(t, e as AppFailure)); // call() throws AppFailure
    }
  };

  return (
    <Paper sx={{ p: 3 }}>
      <Stack spacing={2.5} sx={{ maxWidth: 900 }}>
        <Typography variant="h6" component="h2">
          {t('holidays.settings.title')}
        </Typography>
        {error ? <Alert severity="error">{error}</Alert> : null}
        <TextField
          type="number"
          label={t('holidays.settings.fields.daysAhead')}
          helperText={t('holidays.settings.daysAheadHint')}
          value={form.daysAhead}
          onChange={(e) => setForm({ ...form, daysAhead: Number(e.target.value) })}
          slotProps={{ htmlInput: { min: 1, max: 60 } }}
          sx={{ maxWidth: 260 }}
        />
        <div>
          <Typography variant="subtitle2">{t('holidays.settings.fields.grades')}</Typography>
          <FormGroup row>
            {GRADES.map((g) => (
              <FormControlLabel key={g} control={<Checkbox checked={form.grades.includes(g)} onChange={(e) => setForm({ ...form, grades: toggle(form.grades, g, e.target.checked) })} />} label={t(`customer.grades.${g}`)} />
            ))}
          </FormGroup>
        </div>
        <div>
          <Typography variant="subtitle2">{t('holidays.settings.fields.builtins')}</Typography>
          <FormGroup>
            {BUILTIN_FESTIVALS.map((key) => {
              const day = dayOf(key);
              return (
                <FormControlLabel
                  key={key}
                  control={<Checkbox checked={form.builtins.includes(key)} onChange={(e) => setForm({ ...form, builtins: toggle(form.builtins, key, e.target.checked) })} />}
                  label={`${t(`holidays.festivals.${key}`)}${day ? ` · ${calendarDateIn(lng, day)}` : ''}`}
                />
              );
            })}
          </FormGroup>
        </div>
        <div>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {t('holidays.settings.fields.own')}
          </Typography>
          <Stack spacing={1.5}>
            {form.own.map((f, i) => (
              <Stack key={f.key ?? `new-${i}`} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <TextField size="small" label={t('holidays.settings.ownName')} value={f.name} onChange={(e) => setOwn(i, { name: e.target.value })} sx={{ minWidth: 200 }} />
                <TextField select size="small" label={t('holidays.settings.ownCalendar')} value={f.calendar} onChange={(e) => setOwn(i, { calendar: e.target.value as OwnFestival['calendar'] })} sx={{ minWidth: 140 }}>
                  {FESTIVAL_CALENDARS.map((c) => (
                    <MenuItem key={c} value={c}>
                      {t(`holidays.calendars.${c}`)}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField size="small" type="number" label={t('holidays.settings.ownMonth')} value={f.month} onChange={(e) => setOwn(i, { month: Number(e.target.value) })} sx={{ width: 100 }} />
                <TextField size="small" type="number" label={t('holidays.settings.ownDay')} value={f.day} onChange={(e) => setOwn(i, { day: Number(e.target.value) })} sx={{ width: 100 }} />
                {f.key && dayOf(f.key) ? <Typography variant="body2" color="text.secondary">{calendarDateIn(lng, dayOf(f.key)!)}</Typography> : null}
                <IconButton aria-label={t('holidays.settings.removeOwn', { name: f.name })} onClick={() => setForm({ ...form, own: form.own.filter((_, j) => j !== i) })}>
                  <DeleteOutlineIcon />
                </IconButton>
              </Stack>
            ))}
            <div>
              <Button startIcon={<AddIcon />} disabled={form.own.length >= OWN_FESTIVALS_MAX} onClick={() => setForm({ ...form, own: [...form.own, { name: '', calendar: 'lunar', month: 1, day: 1 }] })}>
                {t('holidays.settings.addOwn')}
              </Button>
            </div>
          </Stack>
        </div>
        <div>
          <Button variant="contained" onClick={() => void save()}>
            {t('holidays.settings.save')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
