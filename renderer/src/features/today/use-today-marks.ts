import { useTranslation } from 'react-i18next';
import type { TodayItem } from '../../../../shared/api/today.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { useFollowUpDone } from '../records/FollowUpsTab.tsx';
import { formatShortDay, itemTitle } from './today-format.ts';

/**
 * Snoozing and marking done: the shop's mark on this occurrence (today.mark), said in a notice
 * with an Undo (today.unmark). A follow-up's "done" is its record's own (records.followUpDone), as
 * on the follow-ups list, so it has no undo here.
 */
export function useTodayMarks() {
  const { t } = useTranslation();
  const notify = useNotify();
  const followUpDone = useFollowUpDone();
  const ref = (item: TodayItem) => ({ kind: item.kind, refId: item.refId, occurrence: item.occurrence });
  const failed = (error: AppFailure) => {
    dataChanged(); // what is shown may be stale: it reloads
    notify({ message: errorMessage(t, error), severity: 'error' });
  };
  const undo = (item: TodayItem) =>
    call('today.unmark', ref(item)).then(() => {
      dataChanged();
      notify({ message: t('today.notices.undone', { title: itemTitle(t, item) }) });
    }, failed);
  const marked = (item: TodayItem, message: string) => {
    dataChanged();
    notify({ message, action: { label: t('common.undo'), onClick: () => void undo(item) } });
  };

  const snooze = (item: TodayItem, until: string) =>
    call('today.mark', { ...ref(item), snoozeUntil: until }).then(
      () => marked(item, t('today.notices.snoozed', { date: formatShortDay(until), title: itemTitle(t, item) })),
      failed,
    );

  const done = (item: TodayItem) => {
    if (item.kind === 'followUp' && item.version !== null) return followUpDone({ id: item.refId, version: item.version, customerName: item.customerName });
    return call('today.mark', { ...ref(item), done: true }).then(() => marked(item, t('today.notices.done', { title: itemTitle(t, item) })), failed);
  };

  return { snooze, done };
}
