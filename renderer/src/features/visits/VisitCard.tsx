import { Box, IconButton, Link, ListItemText, Menu, MenuItem, Paper, Stack, Typography } from '@mui/material';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinute, type VisitRow } from '../../../../shared/api/visits.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { OverlapMark, VisitStatusChip } from './VisitChips.tsx';

/** The drag's data type: only visits of this app are taken by the week's days. */
export const VISIT_DRAG_TYPE = 'application/x-clientele-visit';

type Props = {
  visit: VisitRow;
  /** The week's narrow column: fewer lines, and draggable to another day. */
  compact?: boolean;
  /** The whole shop's agenda: whose visit it is. */
  showStaff?: boolean;
  onMove?: (visit: VisitRow) => void;
};

const clamp = (lines: number) => ({ display: '-webkit-box', WebkitLineClamp: lines, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' }) as const;

/** One visit in an agenda: time, duration, customer, contact, purpose, status, and an overlap mark. */
export function VisitCard({ visit: v, compact, showStaff, onMove }: Props) {
  const { t } = useTranslation();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const draggable = compact === true && v.actions.reschedule;
  const time = t('visit.timeRange', { start: formatMinute(v.startMinute), end: formatMinute((v.startMinute + v.durationMinutes) % 1440) });
  const contact = [v.contactName, v.contactPhone].filter(Boolean).join(' · ');

  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(VISIT_DRAG_TYPE, String(v.id));
    e.dataTransfer.effectAllowed = 'move';
  };

  return (
    <Paper
      component="article"
      variant="outlined"
      data-visit-id={v.id}
      aria-label={`${time} ${v.customerName}`}
      draggable={draggable}
      onDragStart={draggable ? onDragStart : undefined}
      sx={{
        p: compact ? 0.75 : 1.5,
        pl: compact ? 1 : 1.5,
        cursor: draggable ? 'grab' : undefined,
        borderLeftWidth: 4,
        borderLeftColor: v.overlaps ? 'warning.main' : v.status === 'done' ? 'success.main' : 'primary.main',
        opacity: v.status === 'cancelled' ? 0.6 : 1,
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Stack direction="row" spacing={compact ? 0.75 : 1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="body2" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
              {compact ? formatMinute(v.startMinute) : time}
            </Typography>
            <Typography variant={compact ? 'caption' : 'body2'} color="text.secondary">
              {t('visit.durationShort', { count: v.durationMinutes })}
            </Typography>
            {compact ? null : <VisitStatusChip status={v.status} />}
            {v.overlaps && !compact ? <OverlapMark staffName={v.staffName} /> : null}
          </Stack>
          <Link href={hrefOf({ name: 'visit', id: v.id })} underline="hover" title={v.customerName} sx={{ ...clamp(2), fontWeight: 500, mt: 0.25 }} draggable={false}>
            {v.customerName}
          </Link>
          {contact ? (
            <Typography variant="body2" color="text.secondary" sx={clamp(1)} title={contact}>
              {contact}
            </Typography>
          ) : null}
          <Typography variant="body2" sx={clamp(compact ? 2 : 3)} title={v.purpose}>
            {v.purpose}
          </Typography>
          {!compact && v.address ? (
            <Typography variant="body2" color="text.secondary" sx={clamp(2)} title={v.address}>
              {v.address}
            </Typography>
          ) : null}
          {showStaff ? (
            <Typography variant="caption" color="text.secondary" sx={{ ...clamp(1), display: 'block' }}>
              {v.staffName}
            </Typography>
          ) : null}
          {compact ? (
            <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
              <VisitStatusChip status={v.status} />
              {v.overlaps ? <OverlapMark staffName={v.staffName} iconOnly /> : null}
            </Stack>
          ) : null}
        </Box>
        <IconButton size="small" aria-label={t('visits.more', { name: v.customerName })} onClick={(e) => setMenu(e.currentTarget)} sx={{ mr: compact ? -0.75 : -0.5, mt: -0.5, p: compact ? 0.25 : undefined }}>
          <MoreVertIcon fontSize="small" />
        </IconButton>
      </Stack>
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
        <MenuItem onClick={() => navigate({ name: 'visit', id: v.id })}>
          <ListItemText>{t('visits.open')}</ListItemText>
        </MenuItem>
        {v.actions.reschedule && onMove ? (
          <MenuItem
            onClick={() => {
              setMenu(null);
              onMove(v);
            }}
          >
            <ListItemText>{t('visits.moveTo')}</ListItemText>
          </MenuItem>
        ) : null}
      </Menu>
    </Paper>
  );
}
