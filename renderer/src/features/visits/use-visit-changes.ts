import { useTranslation } from 'react-i18next';
import { formatMinute, type VisitRow } from '../../../../shared/api/visits.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, queryClient } from '../../app/query.ts';
import { formatCalendarDate } from '../../i18n/format.ts';

type Overlapping = Pick<VisitRow, 'startMinute' | 'customerName'>;

/** "Li Lei has another visit at this time: 10:00 Shanghai …", or null when nothing overlaps. */
export function useOverlapText(): (staffName: string, overlaps: readonly Overlapping[]) => string | null {
  const { t } = useTranslation();
  return (staffName, overlaps) => {
    if (overlaps.length === 0) return null;
    const visits = overlaps.map((o) => t('visits.overlapItem', { time: formatMinute(o.startMinute), customer: o.customerName })).join(t('visits.listSeparator'));
    return t('visits.overlapWarning', { name: staffName, count: overlaps.length, visits });
  };
}

/** Every answer on screen reloads, and this resolves once they have (so a moved card never jumps back). */
export function reloadAll(): Promise<void> {
  return queryClient.invalidateQueries();
}

/**
 * Moves a visit to another day (and start), as drag and drop and "Move to…" do. A stale version
 * (someone changed the visit meanwhile) reloads the agenda and says so; overlaps are a warning.
 * Resolves true when the visit moved.
 */
export function useReschedule(): (row: VisitRow, onDay: string, startMinute: number) => Promise<boolean> {
  const { t } = useTranslation();
  const notify = useNotify();
  const overlapText = useOverlapText();
  return async (row, onDay, startMinute) => {
    try {
      const change = await call('visits.reschedule', { id: row.id, version: row.version, onDay, startMinute });
      await reloadAll();
      const moved = t('visits.moved', { name: row.customerName, date: formatCalendarDate(onDay) });
      const warning = overlapText(change.visit.staffName, change.overlaps);
      notify(warning ? { message: t('visits.withWarning', { done: moved, warning }), severity: 'warning' } : { message: moved });
      return true;
    } catch (caught) {
      const error = caught as AppFailure; // call() throws the core's error value
      if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') {
        await reloadAll();
        notify({ message: error.code === 'CONFLICT' ? t('visits.stale') : errorMessage(t, error), severity: 'warning' });
      } else {
        notify({ message: errorMessage(t, error), severity: 'error' });
      }
      return false;
    }
  };
}
