import { Button, Checkbox, FormControlLabel, IconButton, Stack, TextField, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { isDay, stepDay, type AgendaQuery, type AgendaStaff, type AgendaView } from './agenda-query.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

type Props = {
  query: AgendaQuery;
  days: string[];
  today: string;
  staff: AgendaStaff;
  /** Whom the selector offers: the whole shop (when allowed) and these people. */
  staffOptions: { id: number; name: string }[];
  wholeShopAllowed: boolean;
  onChange: (change: Partial<AgendaQuery>) => void;
};

/** Day or week, which day, whose: previous / today / next and a date to jump to. */
export function AgendaToolbar({ query, days, today, staff, staffOptions, wholeShopAllowed, onChange }: Props) {
  const { t } = useTranslation();
  const week = query.view === 'week';
  const shown = week ? t('visits.weekRange', { from: formatCalendarDate(days[0]!), to: formatCalendarDate(days[6]!) }) : formatCalendarDate(query.day); // a week has 7 days

  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={query.view}
        onChange={(_e, view: AgendaView | 'list' | null) => {
          // The list is its own page (filters by days, status, customer): this staff member's visits.
          if (view === 'list') navigate({ name: 'visitList', ...(typeof staff === 'number' ? { query: `staffId=${staff}` } : {}) });
          else if (view) onChange({ view });
        }}
        aria-label={t('visits.view')}
      >
        <ToggleButton value="day">{t('visits.day')}</ToggleButton>
        <ToggleButton value="week">{t('visits.week')}</ToggleButton>
        <ToggleButton value="list">{t('visits.list')}</ToggleButton>
      </ToggleButtonGroup>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
        <Tooltip title={week ? t('visits.previousWeek') : t('visits.previousDay')}>
          <IconButton aria-label={week ? t('visits.previousWeek') : t('visits.previousDay')} onClick={() => onChange({ day: stepDay(query, -1) })}>
            <ChevronLeftIcon />
          </IconButton>
        </Tooltip>
        <Button variant="outlined" size="small" onClick={() => onChange({ day: today })} disabled={days.includes(today) && (week || query.day === today)}>
          {t('visits.today')}
        </Button>
        <Tooltip title={week ? t('visits.nextWeek') : t('visits.nextDay')}>
          <IconButton aria-label={week ? t('visits.nextWeek') : t('visits.nextDay')} onClick={() => onChange({ day: stepDay(query, 1) })}>
            <ChevronRightIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      <Typography variant="h6" component="p" data-testid="agenda-range" aria-live="polite" sx={{ minWidth: 0 }}>
        {shown}
      </Typography>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', ml: 'auto', flexWrap: 'wrap' }} useFlexGap>
        <TextField
          type="date"
          size="small"
          label={t('visits.goToDay')}
          value={query.day}
          onChange={(e) => {
            if (isDay(e.target.value)) onChange({ day: e.target.value });
          }}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ width: 170 }}
        />
        <TextField
          select
          size="small"
          slotProps={NATIVE_SELECT}
          label={t('visits.staffFilter')}
          value={String(staff)}
          onChange={(e) => onChange({ staff: e.target.value === 'all' ? 'all' : Number(e.target.value) })}
          disabled={!wholeShopAllowed && staffOptions.length <= 1}
          sx={{ width: 200 }}
        >
          {wholeShopAllowed ? <option value="all">{t('visits.wholeShop')}</option> : null}
          {staffOptions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </TextField>
        <FormControlLabel control={<Checkbox size="small" checked={query.cancelled === true} onChange={(e) => onChange({ cancelled: e.target.checked ? true : undefined })} />} label={t('visits.showCancelled')} />
      </Stack>
    </Stack>
  );
}
