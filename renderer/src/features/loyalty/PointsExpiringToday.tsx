import { Box, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TodaySectionPage } from '../../../../shared/api/today.ts';
import { hrefOf } from '../../app/router.ts';
import { TodayItemRow } from '../today/TodayItemRow.tsx';

const nothing = () => undefined;

/**
 * Today's "points expiring next month" (kind 'pointsExpiring'): one row per member, most points
 * first, each opening the customer. Nothing to snooze or mark done (the points expire whatever
 * Today says); the members list filtered the same way has them all.
 */
export function PointsExpiringToday({ page, day }: { page: TodaySectionPage; day: string }) {
  const { t } = useTranslation();
  const headingId = 'today-pointsExpiring';
  return (
    <Paper component="section" aria-labelledby={headingId} data-section="pointsExpiring" sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1.5 }}>
        <Typography variant="h6" component="h2" id={headingId} sx={{ fontSize: '1.05rem', flex: 1, minWidth: 0 }}>
          {t('today.sections.pointsExpiring')}
        </Typography>
        <Chip size="small" label={page.total} color={page.total > 0 ? 'primary' : 'default'} aria-label={t('today.countLabel', { count: page.total })} data-testid="section-count" />
      </Stack>
      {page.items.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {t('today.empty.pointsExpiring')}
        </Typography>
      ) : (
        <Box component="ul" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0, maxHeight: 420, overflowY: 'auto' }}>
          {page.items.map((item) => (
            <TodayItemRow key={`${item.kind}:${item.refId}:${item.occurrence}`} item={item} day={day} onComplete={nothing} onSnooze={nothing} onDone={nothing} onCareNote={null} />
          ))}
        </Box>
      )}
      {page.total > 0 ? (
        <Box sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
          <Link href={hrefOf({ name: 'loyalty', query: 'expiring=1' })}>{t('today.showAll', { count: page.total })}</Link>
        </Box>
      ) : null}
    </Paper>
  );
}
