// The festivals of the next 12 months (#/holidays): each with its day, how far off it is, and the
// customers of the greeted grades still to greet (in the caller's sight); each opens its page.
import { Alert, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { calendarDateIn } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { festivalName } from './festival-name.ts';

export function HolidaysPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const festivals = useCoreQuery('holidays.upcoming', { span: 'year' });
  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        {t('holidays.listTitle')}
      </Typography>
      <Typography color="text.secondary">{t('holidays.listIntro')}</Typography>
      {festivals.error ? <Alert severity="error">{errorMessage(t, festivals.error as AppFailure)}</Alert> : null}
      {festivals.data && festivals.data.length === 0 ? <Typography color="text.secondary">{t('holidays.listEmpty')}</Typography> : null}
      {festivals.data && festivals.data.length > 0 ? (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('holidays.listTitle')} sx={{ tableLayout: 'fixed' }} data-testid="holidays-list">
            <TableHead>
              <TableRow>
                <TableCell>{t('holidays.listColumns.festival')}</TableCell>
                <TableCell sx={{ width: '30%' }}>{t('holidays.listColumns.day')}</TableCell>
                <TableCell sx={{ width: '18%' }} align="right">
                  {t('holidays.listColumns.toGreet')}
                </TableCell>
                <TableCell sx={{ width: '18%' }} align="right">
                  {t('holidays.listColumns.greeted')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {festivals.data.map((f) => (
                <TableRow key={`${f.key}:${f.year}`} data-festival={f.key}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'holiday', key: f.key, yearId: f.year })} sx={{ fontWeight: 600 }}>
                      {festivalName(t, f)}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {calendarDateIn(lng, f.day)} · {f.inDays === 0 ? t('holidays.isToday') : t('holidays.inDays', { count: f.inDays })}
                  </TableCell>
                  <TableCell align="right" data-testid="holiday-to-greet">
                    {f.toGreet - f.greeted}
                  </TableCell>
                  <TableCell align="right">{f.greeted}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
    </Stack>
  );
}
