import { Alert, Box, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../../../shared/contract-status.ts';
import { TRENDS_MONTHS_MAX, type Dimension, type Trends } from '../../../../shared/api/surveys.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { dimensionLabel } from './dimension-label.ts';
import { addMonth, monthSpan, type TrendsQuery } from './list-query.ts';
import { useCustomerOption } from './SurveysPage.tsx';

type Scope = 'shop' | 'staff' | 'customer';
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

type Props = { query: TrendsQuery; setQuery: (change: (current: TrendsQuery) => TrendsQuery) => void };

/**
 * Trends by month (CSAT per dimension, NPS with promoters / passives / detractors) for the whole
 * shop, one staff member or one customer, over up to 60 months (the last 12 by default). Drawn with
 * MUI boxes and a table, so every figure is also text (screen readers, both languages, printing).
 */
export function TrendsTab({ query, setQuery }: Props) {
  const { t } = useTranslation();
  const users = useUsers();
  const thisMonth = localDay(Date.now()).slice(0, 7); // the shop's current month, on the user's clock
  const to = query.to ?? thisMonth;
  const from = query.from ?? addMonth(to, -11);
  // The scope the user picked; a staff member or customer chosen in the address picks it too.
  const [picked, setPicked] = useState<Scope>(query.customerId !== undefined ? 'customer' : query.staffId !== undefined ? 'staff' : 'shop');
  const customer = useCustomerOption(query.customerId);
  const problem = to < from ? 'surveys.trends.monthOrder' : monthSpan(from, to) > TRENDS_MONTHS_MAX ? 'surveys.trends.tooLong' : null;
  const waiting = (picked === 'customer' && query.customerId === undefined) || (picked === 'staff' && query.staffId === undefined);
  const input = {
    from,
    to,
    ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
    ...(query.staffId !== undefined ? { staffId: query.staffId === 0 ? null : query.staffId } : {}),
  };
  const trends = useCoreQuery('surveys.trends', input, { enabled: problem === null && !waiting, placeholderData: keepPreviousData });

  const choose = (scope: Scope) => {
    setPicked(scope);
    setQuery((q) => ({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }));
  };
  const setMonth = (key: 'from' | 'to', value: string) => setQuery((q) => ({ ...q, [key]: value || undefined }));

  return (
    <Stack spacing={2} sx={{ minHeight: 0, overflow: 'auto', pb: 2 }} data-testid="survey-trends">
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start', pt: 1 }} role="group" aria-label={t('surveys.trends.scope')}>
        <ToggleButtonGroup exclusive size="small" value={picked} onChange={(_e, next: Scope | null) => next && choose(next)} aria-label={t('surveys.trends.scope')} sx={{ height: 40 }}>
          {(['shop', 'staff', 'customer'] as const).map((s) => (
            <ToggleButton key={s} value={s} sx={{ textTransform: 'none' }}>
              {t(`surveys.trends.${s}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {picked === 'staff' ? (
          <TextField
            select
            size="small"
            slotProps={NATIVE_SELECT}
            sx={{ width: 180 }}
            label={t('surveys.trends.pickStaff')}
            value={query.staffId === undefined ? '' : String(query.staffId)}
            onChange={(e) => setQuery((q) => ({ from: q.from, to: q.to, ...(e.target.value !== '' ? { staffId: Number(e.target.value) } : {}) }))}
          >
            <option value="" disabled />
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName || u.username}
              </option>
            ))}
            <option value="0">{t('surveys.trends.noStaff')}</option>
          </TextField>
        ) : null}
        {picked === 'customer' ? (
          <CustomerPicker
            key={customer?.id ?? 'none'}
            size="small"
            label={t('surveys.trends.pickCustomer')}
            value={customer}
            onChange={(next) => setQuery((q) => ({ from: q.from, to: q.to, ...(next ? { customerId: next.id } : {}) }))}
            sx={{ width: 300 }}
          />
        ) : null}
        <TextField type="month" size="small" label={t('surveys.trends.fromMonth')} value={from} onChange={(e) => setMonth('from', e.target.value)} slotProps={SHRINK} sx={{ width: 190 }} />
        <TextField
          type="month"
          size="small"
          label={t('surveys.trends.toMonth')}
          value={to}
          onChange={(e) => setMonth('to', e.target.value)}
          error={problem !== null}
          helperText={problem ? t(problem) : undefined}
          slotProps={SHRINK}
          sx={{ width: 190 }}
        />
      </Stack>
      {waiting ? <Alert severity="info">{picked === 'customer' ? t('surveys.trends.chooseCustomer') : t('surveys.trends.chooseStaff')}</Alert> : null}
      {trends.error ? <Alert severity="error">{errorMessage(t, trends.error)}</Alert> : null}
      {trends.data && !waiting && problem === null ? <TrendsView trends={trends.data} /> : null}
    </Stack>
  );
}

const average = (n: number | null) => (n === null ? '–' : formatNumber(Math.round(n * 10) / 10));

/** A 1–5 average as a background: red at 1, amber at 3, green at 5. */
function csatColour(avg: number): string {
  const hue = Math.round(((avg - 1) / 4) * 120);
  return `hsl(${hue} 70% 88%)`;
}

function TrendsView({ trends }: { trends: Trends }) {
  const { t } = useTranslation();
  const answered = trends.months.some((m) => m.nps.answers > 0 || m.dimensions.some((d) => d.answers > 0));
  if (!answered) return <Alert severity="info">{t('surveys.trends.none')}</Alert>;
  return (
    // Side by side where there is room (the months line up row by row), one above the other otherwise.
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', xl: 'auto minmax(0, 1fr)' }, alignItems: 'start' }}>
      <CsatTable trends={trends} />
      <NpsBars trends={trends} />
    </Box>
  );
}

function CsatTable({ trends }: { trends: Trends }) {
  const { t } = useTranslation();
  const cell = { px: 1, py: 0.5, textAlign: 'center', borderBottom: 1, borderColor: 'divider', minWidth: 90 } as const;
  // Newest month first: this month's figures are what the shop looks at.
  const months = trends.months.toReversed();
  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="trends-csat-title">
      <Typography variant="h6" component="h2" id="trends-csat-title" sx={{ mb: 1 }}>
        {t('surveys.trends.csat')}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Box component="table" sx={{ borderCollapse: 'collapse', fontSize: 14 }} data-testid="trends-csat">
          <thead>
            <tr>
              <Box component="th" scope="col" sx={{ ...cell, textAlign: 'left', minWidth: 80 }}>
                {t('surveys.trends.month')}
              </Box>
              {trends.dimensions.map((d: Dimension) => (
                <Box component="th" scope="col" key={d.id} data-dimension-key={d.key} sx={{ ...cell, fontWeight: 500, maxWidth: 160, overflowWrap: 'anywhere' }}>
                  {dimensionLabel(t, d)}
                  {d.retired ? (
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                      {t('surveys.trends.retired')}
                    </Typography>
                  ) : null}
                </Box>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} data-month={m.month}>
                <Box component="th" scope="row" sx={{ ...cell, textAlign: 'left', fontWeight: 500, whiteSpace: 'nowrap' }}>
                  {m.month}
                </Box>
                {trends.dimensions.map((d) => {
                  const v = m.dimensions.find((x) => x.dimensionId === d.id);
                  const avg = v?.average ?? null;
                  return (
                    <Tooltip key={d.id} title={t('surveys.trends.answersCount', { count: v?.answers ?? 0 })}>
                      <Box component="td" data-dimension-key={d.key} sx={{ ...cell, bgcolor: avg === null ? undefined : csatColour(avg), color: avg === null ? 'text.disabled' : 'rgba(0,0,0,0.87)' }}>
                        {average(avg)}
                      </Box>
                    </Tooltip>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </Box>
      </Box>
    </Paper>
  );
}

const NPS_PARTS = [
  { key: 'promoters', colour: 'success.main' },
  { key: 'passives', colour: 'grey.400' },
  { key: 'detractors', colour: 'error.main' },
] as const;

function NpsBars({ trends }: { trends: Trends }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...trends.months.map((m) => m.nps.answers));
  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="trends-nps-title">
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="trends-nps-title">
          {t('surveys.trends.nps')}
        </Typography>
        {NPS_PARTS.map((p) => (
          <Stack key={p.key} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 12, height: 12, bgcolor: p.colour, borderRadius: 0.5 }} />
            <Typography variant="body2">{t(`surveys.trends.${p.key}`)}</Typography>
          </Stack>
        ))}
      </Stack>
      <Box component="table" sx={{ borderCollapse: 'collapse', width: '100%', fontSize: 14 }} data-testid="trends-nps">
        <thead>
          <tr>
            {/* The legend above gives each group's range: the columns say only its name. */}
            {['month', 'npsScore', 'answers', 'promotersShort', 'passivesShort', 'detractorsShort'].map((k) => (
              <Box component="th" scope="col" key={k} sx={{ textAlign: k === 'month' ? 'left' : 'right', px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', whiteSpace: 'nowrap', fontWeight: 500 }}>
                {t(`surveys.trends.${k}`)}
              </Box>
            ))}
            <Box component="th" scope="col" sx={{ width: '40%', borderBottom: 1, borderColor: 'divider' }} />
          </tr>
        </thead>
        <tbody>
          {trends.months.toReversed().map((m) => (
            <tr key={m.month} data-month={m.month}>
              <Box component="th" scope="row" sx={{ textAlign: 'left', px: 1, py: 0.5, fontWeight: 500, whiteSpace: 'nowrap' }}>
                {m.month}
              </Box>
              <Box component="td" sx={{ textAlign: 'right', px: 1, fontWeight: 600, color: m.nps.score === null ? 'text.disabled' : m.nps.score >= 0 ? 'success.dark' : 'error.dark' }}>
                {m.nps.score === null ? '–' : formatNumber(m.nps.score)}
              </Box>
              <Box component="td" sx={{ textAlign: 'right', px: 1 }}>
                {formatNumber(m.nps.answers)}
              </Box>
              {NPS_PARTS.map((p) => (
                <Box component="td" key={p.key} sx={{ textAlign: 'right', px: 1 }}>
                  {formatNumber(m.nps[p.key])}
                </Box>
              ))}
              <Box component="td" sx={{ px: 1 }} aria-hidden>
                <Box sx={{ display: 'flex', height: 14, width: `${(m.nps.answers / most) * 100}%`, borderRadius: 0.5, overflow: 'hidden' }}>
                  {NPS_PARTS.map((p) => (m.nps[p.key] > 0 ? <Box key={p.key} sx={{ flex: m.nps[p.key], bgcolor: p.colour }} /> : null))}
                </Box>
              </Box>
            </tr>
          ))}
        </tbody>
      </Box>
    </Paper>
  );
}
