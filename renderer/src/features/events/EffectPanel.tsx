import { Alert, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EffectGroup } from '../../../../shared/api/events.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay, formatMoney } from '../contracts/money.ts';
import { permilleText } from './event-format.ts';

type Row = { key: string; label: string; cell: (group: EffectGroup) => string };

/**
 * After the event: its attendance rate, and the surveys and sales of those who came against those
 * invited who did not, in the 30 days after (the core's events.effect, reports.read).
 */
export function EffectPanel({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const effect = useCoreQuery('events.effect', { eventId });
  const none = t('common.none');
  const rows: Row[] = [
    { key: 'customers', label: t('eventEffect.customers'), cell: (g) => formatNumber(g.customers) },
    { key: 'surveys', label: t('eventEffect.surveys'), cell: (g) => formatNumber(g.surveys) },
    { key: 'csat', label: t('eventEffect.csat'), cell: (g) => (g.csatAvgX100 === null ? none : formatNumber(g.csatAvgX100 / 100)) },
    { key: 'nps', label: t('eventEffect.nps'), cell: (g) => (g.npsScore === null ? none : formatNumber(g.npsScore)) },
    { key: 'sales', label: t('eventEffect.sales'), cell: (g) => formatNumber(g.sales) },
    {
      key: 'revenue',
      label: t('eventEffect.revenue'),
      // One amount per currency, never added across currencies.
      cell: (g) => (g.revenue.length === 0 ? none : g.revenue.map((r) => formatMoney(r.totalMinor, r.currency, language)).join(' · ')),
    },
  ];
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="event-effect-title" data-testid="event-effect">
      <Typography variant="h6" component="h2" id="event-effect-title" sx={{ mb: 1 }}>
        {t('eventEffect.title')}
      </Typography>
      {effect.error ? <Alert severity="error">{errorMessage(t, effect.error)}</Alert> : null}
      {effect.data ? (
        <>
          <Typography sx={{ mb: 1 }} data-testid="attendance-rate" data-permille={effect.data.attendanceRatePermille}>
            {t('eventEffect.rate')}:{' '}
            <strong>
              {t('eventEffect.rateValue', {
                rate: permilleText(effect.data.attendanceRatePermille, language),
                attended: formatNumber(effect.data.attended),
                invited: formatNumber(effect.data.invited),
              })}
            </strong>
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('eventEffect.window', { days: effect.data.windowDays })} ({formatDay(effect.data.from, language)} – {formatDay(effect.data.to, language)})
          </Typography>
          <TableContainer>
            <Table size="small" aria-label={t('eventEffect.title')} sx={{ tableLayout: 'fixed', minWidth: 560 }}>
              <TableHead>
                <TableRow>
                  <TableCell />
                  <TableCell align="right">{t('eventEffect.attendees')}</TableCell>
                  <TableCell align="right">{t('eventEffect.others')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.key} data-effect={row.key}>
                    <TableCell component="th" scope="row">
                      {row.label}
                    </TableCell>
                    <TableCell align="right">{row.cell(effect.data.attendees)}</TableCell>
                    <TableCell align="right">{row.cell(effect.data.others)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      ) : null}
    </Paper>
  );
}
