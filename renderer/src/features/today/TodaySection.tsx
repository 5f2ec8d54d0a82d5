import { Box, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TodayItem, TodaySection as SectionName, TodaySectionPage } from '../../../../shared/api/today.ts';
import { hrefOf } from '../../app/router.ts';
import { TodayItemRow } from './TodayItemRow.tsx';

/** The full list behind a section, where its area has one (the others say how many are not shown). */
function allHref(section: SectionName): string | null {
  switch (section) {
    case 'visits':
      return hrefOf({ name: 'visits' });
    case 'followUps':
      return hrefOf({ name: 'serviceFollowUps' });
    case 'complaints':
      return '#/complaints';
    case 'contracts':
      return hrefOf({ name: 'contracts', query: 'status=expiring' });
    default:
      return null;
  }
}

type Props = {
  section: SectionName;
  page: TodaySectionPage;
  day: string;
  onComplete: (item: TodayItem) => void;
  onSnooze: (item: TodayItem, until: string) => void;
  onDone: (item: TodayItem) => void;
  onCareNote: ((item: TodayItem) => void) | null;
};

/** One section: its heading with the count, its items (the first 50), and the way to the rest. */
export function TodaySection({ section, page, day, ...handlers }: Props) {
  const { t } = useTranslation();
  const headingId = `today-${section}`;
  const more = page.total - page.items.length;
  const href = allHref(section);
  return (
    <Paper component="section" aria-labelledby={headingId} data-section={section} sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1.5 }}>
        <Typography variant="h6" component="h2" id={headingId} sx={{ fontSize: '1.05rem', flex: 1, minWidth: 0 }}>
          {t(`today.sections.${section}`)}
        </Typography>
        <Chip size="small" label={page.total} color={page.total > 0 ? 'primary' : 'default'} aria-label={t('today.countLabel', { count: page.total })} data-testid="section-count" />
      </Stack>
      {page.items.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {t(`today.empty.${section}`)}
        </Typography>
      ) : (
        // Long sections scroll inside their card, so every section's heading stays in view on the page.
        <Box component="ul" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0, maxHeight: 420, overflowY: 'auto' }}>
          {page.items.map((item) => (
            <TodayItemRow key={`${item.kind}:${item.refId}:${item.occurrence}`} item={item} day={day} {...handlers} />
          ))}
        </Box>
      )}
      {more > 0 ? (
        <Box sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
          {href ? (
            <Link href={href}>{t('today.showAll', { count: page.total })}</Link>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('today.moreElsewhere', { shown: page.items.length, count: page.total })}
            </Typography>
          )}
        </Box>
      ) : null}
    </Paper>
  );
}
