import { Box, Stack, Typography } from '@mui/material';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitRow } from '../../../../shared/api/visits.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useReschedule } from './use-visit-changes.ts';
import { VISIT_DRAG_TYPE, VisitCard } from './VisitCard.tsx';

type Props = {
  days: string[];
  today: string;
  visits: VisitRow[];
  showStaff: boolean;
  onMove: (visit: VisitRow) => void;
};

const headFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mon 30 Nov" / "11月30日 周一": a column's head, as the language writes a short day. */
function dayHead(day: string): string {
  const lng = currentLanguage();
  let format = headFormats.get(lng);
  if (!format) {
    format = new Intl.DateTimeFormat(lng, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    headFormats.set(lng, format);
  }
  return format.format(Date.parse(`${day}T00:00:00Z`));
}

const carriesVisit = (e: DragEvent) => e.dataTransfer.types.includes(VISIT_DRAG_TYPE);

/**
 * Monday to Sunday, one column per day. A visit dragged onto another day moves there at its own
 * time (visits.reschedule); until the agenda has reloaded it is shown where it was dropped.
 */
export function WeekAgenda({ days, today, visits, showStaff, onMove }: Props) {
  const { t } = useTranslation();
  const reschedule = useReschedule();
  const [over, setOver] = useState<string | null>(null);
  // Visits dropped on another day and being saved: shown there already.
  const [moving, setMoving] = useState<ReadonlyMap<number, string>>(new Map());

  const drop = async (e: DragEvent, day: string) => {
    e.preventDefault();
    setOver(null);
    const id = Number(e.dataTransfer.getData(VISIT_DRAG_TYPE));
    const visit = visits.find((v) => v.id === id);
    if (!visit || visit.onDay === day) return;
    setMoving((prev) => new Map(prev).set(id, day));
    await reschedule(visit, day, visit.startMinute);
    setMoving((prev) => {
      const next = new Map(prev);
      next.delete(id);
      return next;
    });
  };

  const dayOf = (v: VisitRow) => moving.get(v.id) ?? v.onDay;
  // Said only when there is something this caller may move (a viewer, or a week of others' done visits, has none).
  const canMoveAny = visits.some((v) => v.actions.reschedule);

  return (
    <Box
      component="section"
      aria-label={t('visits.week')}
      aria-describedby={canMoveAny ? 'week-drag-hint' : undefined}
      sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 1 }}
    >
      {canMoveAny ? (
        <Typography id="week-drag-hint" variant="body2" color="text.secondary" sx={{ gridColumn: '1 / -1' }}>
          {t('visits.dragHint')}
        </Typography>
      ) : null}
      {days.map((day) => {
        const mine = visits.filter((v) => dayOf(v) === day).toSorted((a, b) => a.startMinute - b.startMinute || a.id - b.id);
        const isToday = day === today;
        return (
          <Box
            key={day}
            role="group"
            data-day={day}
            aria-label={dayHead(day)}
            onDragOver={(e) => {
              if (!carriesVisit(e)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (over !== day) setOver(day);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((cur) => (cur === day ? null : cur)); // relatedTarget is a DOM node or null
            }}
            onDrop={(e) => void drop(e, day)}
            sx={{
              display: 'flex',
              flexDirection: 'column',
              minWidth: 0,
              minHeight: 200,
              borderRadius: 1,
              border: 1,
              borderColor: over === day ? 'primary.main' : 'divider',
              borderStyle: over === day ? 'dashed' : 'solid',
              bgcolor: over === day ? 'action.hover' : isToday ? 'action.selected' : 'background.paper',
            }}
          >
            <Typography
              component="h2"
              variant="subtitle2"
              sx={{ px: 1, py: 0.75, borderBottom: 1, borderColor: 'divider', fontWeight: isToday ? 700 : 500, color: isToday ? 'primary.main' : undefined, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
              aria-current={isToday ? 'date' : undefined}
            >
              {dayHead(day)}
            </Typography>
            <Stack spacing={1} sx={{ p: 0.75, flex: 1 }}>
              {mine.length === 0 ? (
                <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center', pt: 2 }}>
                  {over === day ? t('visits.dropHere') : t('visits.emptyColumn')}
                </Typography>
              ) : (
                mine.map((v) => <VisitCard key={v.id} visit={v} compact showStaff={showStaff} onMove={onMove} />)
              )}
            </Stack>
          </Box>
        );
      })}
    </Box>
  );
}
