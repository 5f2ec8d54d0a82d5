import { Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatLunarDay, formatLunarMonth } from '../../i18n/format.ts';
import { daysInLunarMonth, LUNAR_YEARS, leapMonthOf } from './lunar.ts';

// Native selects, as elsewhere in the form: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** What the three fields hold while the date is being entered (strings, any of them may be empty). */
type Parts = { year: string; month: string; day: string };

// The text form of shared/lunar-date.ts, with empty parts allowed while typing ('1990--', '--08-'):
// the form keeps one `birthday` text, and the shared schema calls an unfinished date invalid.
const PARTIAL = /^(-|\d{1,4})-(\d{2}L?)?-(\d{2})?$/;

export function splitLunarInput(text: string): Parts {
  const parts = PARTIAL.exec(text);
  if (!parts) return { year: '', month: '', day: '' };
  return { year: parts[1] === '-' ? '' : parts[1]!, month: parts[2] ?? '', day: parts[3] ?? '' }; // group 1 always matches
}

export function joinLunarInput({ year, month, day }: Parts): string {
  if (year === '' && month === '' && day === '') return '';
  return `${year === '' ? '-' : year}-${month}-${day}`;
}

const two = (n: number) => String(n).padStart(2, '0');

type Props = {
  value: string;
  onChange: (text: string) => void;
  /** The problem to show (under the day), already in words. */
  error: string | undefined;
  disabled?: boolean;
  /** The day's field name; the year's and month's add `LunarYear` / `LunarMonth` (a contact's: `contacts.0.birthday`). */
  name?: string;
  size?: 'small' | 'medium';
};

/**
 * A lunar date as people say it: lunar month (leap months offered only when the year has one, or
 * all of them when the year is not known), day 1–29 or 1–30 as that month has, optional year.
 */
export function LunarDateFields({ value, onChange, error, disabled, name = 'birthday', size }: Props) {
  const { t } = useTranslation();
  const parts = splitLunarInput(value);
  const set = (change: Partial<Parts>) => onChange(joinLunarInput({ ...parts, ...change }));
  const year = /^\d{4}$/.test(parts.year) && Number(parts.year) >= LUNAR_YEARS.min ? Number(parts.year) : null;
  const leapMonth = year === null ? null : leapMonthOf(year);
  const month = parts.month === '' ? null : { month: Number(parts.month.slice(0, 2)), leap: parts.month.endsWith('L') };

  const monthOptions: { value: string; label: string }[] = [];
  for (let m = 1; m <= 12; m++) {
    monthOptions.push({ value: two(m), label: formatLunarMonth(m, false) });
    if (year === null || leapMonth === m) monthOptions.push({ value: `${two(m)}L`, label: formatLunarMonth(m, true) });
  }
  // A leap month the newly typed year lacks stays visible (and is named as the problem) until changed.
  if (month && !monthOptions.some((o) => o.value === parts.month)) monthOptions.push({ value: parts.month, label: formatLunarMonth(month.month, month.leap) });

  const days = month ? daysInLunarMonth(year, month.month, month.leap) : 30;
  const chosenDay = parts.day === '' ? null : Number(parts.day);
  const dayCount = Math.max(days, chosenDay ?? 0);

  return (
    <>
      <TextField
        label={t('customer.lunarYear')}
        name={`${name}LunarYear`}
        size={size}
        value={parts.year}
        onChange={(e) => set({ year: e.target.value.replace(/\D/g, '').slice(0, 4) })}
        helperText={t('customer.lunarYearHelp')}
        disabled={disabled}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
      />
      <TextField
        select
        slotProps={NATIVE_SELECT}
        label={t('customer.lunarMonth')}
        name={`${name}LunarMonth`}
        size={size}
        value={parts.month}
        onChange={(e) => set({ month: e.target.value })}
        error={error !== undefined && parts.month === ''}
        disabled={disabled}
      >
        <option value="">—</option>
        {monthOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
      <Box>
        <TextField
          select
          fullWidth
          slotProps={NATIVE_SELECT}
          label={t('customer.lunarDay')}
          name={name}
          size={size}
          value={parts.day}
          onChange={(e) => set({ day: e.target.value })}
          error={error !== undefined}
          helperText={error}
          disabled={disabled}
        >
          <option value="">—</option>
          {Array.from({ length: dayCount }, (_, i) => i + 1).map((d) => (
            <option key={d} value={two(d)}>
              {formatLunarDay(d)}
            </option>
          ))}
        </TextField>
      </Box>
    </>
  );
}
