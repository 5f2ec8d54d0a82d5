// Today's holiday care (kind 'holiday'): each festival coming up within the shop's days ahead, its
// day, and the customers still to greet by grade; it opens the festival's page to greet them.
import { Box, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { FestivalDue } from '../../../../shared/api/holidays.ts';
import { hrefOf } from '../../app/router.ts';
import { calendarDateIn } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { festivalName } from './festival-name.ts';

export function HolidaysTodaySection({ festivals }: { festivals: readonly FestivalDue[] }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const total = festivals.reduce((sum, f) => sum + f.toGreet - f.greeted, 0);
  return (
    <Paper component="section" aria-labelledby="today-holidays" data-section="holidays" sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1.5 }}>
        <Typography variant="h6" component="h2" id="today-holidays" sx={{ fontSize: '1.05rem', flex: 1, minWidth: 0 }}>
          {t('holidays.todayTitle')}
        </Typography>
        <Chip size="small" label={total} color={total > 0 ? 'primary' : 'default'} aria-label={t('holidays.toGreetCount', { count: total })} data-testid="section-count" />
      </Stack>
      {festivals.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {t('holidays.noneComing')}
        </Typography>
      ) : (
        <Box component="ul" aria-labelledby="today-holidays" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {festivals.map((f) => (
            <Box component="li" key={`${f.key}:${f.year}`} data-kind="holiday" data-festival={f.key} sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
              <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
                <Link href={hrefOf({ name: 'holiday', key: f.key, yearId: f.year })} sx={{ fontWeight: 600 }}>
                  {festivalName(t, f)}
                </Link>
                <Typography variant="body2" color="text.secondary">
                  {calendarDateIn(lng, f.day)} · {f.inDays === 0 ? t('holidays.isToday') : t('holidays.inDays', { count: f.inDays })}
                </Typography>
              </Stack>
              <Typography variant="body2" data-testid="holiday-counts">
                {f.byGrade
                  .filter((g) => g.toGreet > 0)
                  .map((g) => t('holidays.gradeCount', { grade: t(`customer.grades.${g.grade}`), left: g.toGreet - g.greeted, total: g.toGreet }))
                  .join(lng === 'zh-CN' ? '；' : '; ')}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}
