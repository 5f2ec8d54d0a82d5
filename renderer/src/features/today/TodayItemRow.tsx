import { Box, Chip, IconButton, Link, Stack, Tooltip, Typography } from '@mui/material';
import CardGiftcardIcon from '@mui/icons-material/CardGiftcard';
import DoneIcon from '@mui/icons-material/Done';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grade } from '../../../../shared/api/customers.ts';
import type { TodayActions, TodayItem } from '../../../../shared/api/today.ts';
import { hrefOf } from '../../app/router.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { ChurnWhy } from '../churn/ChurnWhy.tsx';
import { SnoozeButton } from './SnoozeButton.tsx';
import { dueText, formatShortDay, isOccasion, itemTitle, occasionFacts } from './today-format.ts';

/** Where "open" leads. Complaints' pages belong to their own area (addressed by path, as it prints them). */
export function openHref(open: TodayActions['open']): string {
  switch (open.kind) {
    case 'visit':
      return hrefOf({ name: 'visit', id: open.id });
    case 'record':
      return hrefOf({ name: 'record', id: open.id });
    case 'customer':
      return hrefOf({ name: 'customer', id: open.id });
    case 'contract':
      return hrefOf({ name: 'contract', id: open.id });
    case 'complaint':
      return `#/complaints/${open.id}`;
  }
}

type Props = {
  item: TodayItem;
  /** The day Today shows. */
  day: string;
  onComplete: (item: TodayItem) => void;
  onSnooze: (item: TodayItem, until: string) => void;
  onDone: (item: TodayItem) => void;
  /** Offered on birthdays and anniversaries to those who may write. */
  onCareNote: ((item: TodayItem) => void) | null;
};

function Action({ label, tip, icon, onClick }: { label: string; tip: string; icon: ReactNode; onClick: () => void }) {
  return (
    <Tooltip title={tip}>
      <IconButton size="small" aria-label={label} onClick={onClick}>
        {icon}
      </IconButton>
    </Tooltip>
  );
}

/** The customer, when the title is not already its name. */
const namesCustomer = (item: TodayItem) => item.kind === 'returnVisit' || item.kind === 'birthday' || item.kind === 'founding' || item.kind === 'churn' || item.kind === 'pointsExpiring';

/** One item: what it is and when, opened by its title, acted on by one click on each button. */
export function TodayItemRow({ item, day, onComplete, onSnooze, onDone, onCareNote }: Props) {
  const { t } = useTranslation();
  const title = itemTitle(t, item);
  const occasion = isOccasion(item);
  const followUp = item.kind === 'followUp';
  const facts = [
    t(`today.kinds.${item.kind}`),
    dueText(t, item, day),
    ...(occasion ? occasionFacts(t, item, day) : []),
    item.subtitle || null,
    item.snoozedUntil ? t('today.snoozedBefore', { date: formatShortDay(item.snoozedUntil) }) : null,
  ].filter((fact): fact is string => Boolean(fact));

  return (
    <Box component="li" data-kind={item.kind} data-ref={item.refId} sx={{ display: 'flex', gap: 1, py: 1, px: 2, alignItems: 'flex-start', borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Link
            href={openHref(item.actions.open)}
            underline="hover"
            sx={{ fontWeight: 500, overflowWrap: 'anywhere', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
          >
            {title}
          </Link>
          {item.overdue ? <Chip size="small" color="error" label={item.overdueDays > 0 ? t('today.overdueDays', { count: item.overdueDays }) : t('today.overdue')} /> : null}
          {item.details.grade ? <GradeChip grade={item.details.grade as Grade} /* the core sends the customer's grade */ /> : null}
          {item.details.severity ? <Chip size="small" variant="outlined" color={item.details.severity === 'high' || item.details.severity === 'critical' ? 'error' : 'default'} label={t(`today.severities.${item.details.severity}`)} /> : null}
          {item.details.visitStatus === 'done' || item.details.visitStatus === 'postponed' ? (
            <Chip size="small" color={item.details.visitStatus === 'done' ? 'success' : 'default'} variant="outlined" label={t(`today.visitStatus.${item.details.visitStatus}`)} />
          ) : null}
          {item.details.noted ? <Chip size="small" color="success" variant="outlined" label={t('today.noted')} /> : null}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {facts.join(' · ')}
        </Typography>
        {item.details.churn ? <ChurnWhy churn={item.details.churn} /> : null}
        {namesCustomer(item) ? null : (
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            <Link href={hrefOf({ name: 'customer', id: item.customerId })} color="inherit" underline="hover">
              {item.kind === 'contactBirthday' ? t('today.contactOf', { customer: item.customerName }) : item.customerName}
            </Link>
          </Typography>
        )}
      </Box>
      <Stack direction="row" sx={{ flexShrink: 0 }}>
        {item.actions.complete && !followUp ? (
          <Action label={t('today.actions.completeLabel', { title })} tip={t('today.actions.complete')} icon={<TaskAltIcon fontSize="small" color="success" />} onClick={() => onComplete(item)} />
        ) : null}
        {occasion && onCareNote ? (
          <Action label={t('today.actions.careNoteLabel', { title })} tip={t('today.actions.careNote')} icon={<CardGiftcardIcon fontSize="small" color="secondary" />} onClick={() => onCareNote(item)} />
        ) : null}
        {item.actions.snooze ? <SnoozeButton day={day} label={t('today.actions.snoozeLabel', { title })} onSnooze={(until) => onSnooze(item, until)} /> : null}
        {/* A follow-up's "done" is its record's follow-up done: one button, named so. */}
        {item.actions.done ? (
          followUp ? (
            <Action label={t('today.actions.followUpDoneLabel', { title })} tip={t('today.actions.followUpDone')} icon={<TaskAltIcon fontSize="small" color="success" />} onClick={() => onDone(item)} />
          ) : (
            <Action label={t('today.actions.doneLabel', { title })} tip={t('today.actions.done')} icon={<DoneIcon fontSize="small" />} onClick={() => onDone(item)} />
          )
        ) : null}
      </Stack>
    </Box>
  );
}
