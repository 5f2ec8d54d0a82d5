import { Alert, Box, Button, Chip, List, ListItem, ListItemButton, ListItemIcon, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import BlockIcon from '@mui/icons-material/Block';
import CallMergeIcon from '@mui/icons-material/CallMerge';
import ChatIcon from '@mui/icons-material/ChatOutlined';
import DescriptionIcon from '@mui/icons-material/Description';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import EventNoteIcon from '@mui/icons-material/EventNote';
import FavoriteIcon from '@mui/icons-material/FavoriteBorder';
import HandymanIcon from '@mui/icons-material/Handyman';
import LightbulbIcon from '@mui/icons-material/LightbulbOutlined';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import CelebrationIcon from '@mui/icons-material/Celebration';
import ReportProblemIcon from '@mui/icons-material/ReportProblemOutlined';
import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import StarIcon from '@mui/icons-material/Star';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind, type TimelinePage } from '../../../../shared/api/timeline.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { PreviewDialog } from '../attachments/PreviewDialog.tsx';
import { useRowActions } from '../attachments/use-row-actions.ts';
import { useUsers } from '../customers/use-users.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { entryHref, entryTitle } from './timeline-entry.ts';

const PAGE_SIZE = 30;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const entriesOf = (page: TimelinePage) => page.entries;

// Issue 11's kinds are named here whether or not their area's kind has joined TimelineKind yet; a
// kind without an icon gets a plain one.
const ICONS: { [K in TimelineKind | 'survey' | 'complaint' | 'care']?: ReactNode } = {
  service: <HandymanIcon />,
  communication: <ChatIcon />,
  visit: <DirectionsWalkIcon />,
  contractSigned: <DescriptionIcon />,
  contractRenewed: <AutorenewIcon />,
  contractTerminated: <BlockIcon />,
  contractExpired: <EventBusyIcon />,
  grade: <StarIcon />,
  file: <AttachFileIcon />,
  survey: <SentimentSatisfiedAltIcon />,
  complaint: <ReportProblemIcon />,
  care: <FavoriteIcon />,
  merge: <CallMergeIcon />,
  sale: <PointOfSaleIcon />,
  event: <CelebrationIcon />,
  need: <LightbulbIcon />,
};

type Restorable = 'record' | 'visit' | 'survey' | 'complaint' | 'sale';
const RESTORE: Record<Restorable, (id: number) => Promise<unknown>> = {
  record: (id) => call('records.restore', { id }),
  visit: (id) => call('visits.restore', { id }),
  survey: (id) => call('surveys.restore', { id }),
  complaint: (id) => call('complaints.restore', { id }),
  sale: (id) => call('sales.restore', { id }),
};
const isRestorable = (kind: string): kind is Restorable => kind in RESTORE;

/** Restores a record, visit, survey, complaint or sale from the timeline, where it is shown marked as deleted. */
function useRestoreEntry() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (entry: TimelineEntry) =>
    RESTORE[entry.open.kind as Restorable](entry.open.id).then( // canRestore admitted only these kinds
      () => {
        dataChanged();
        notify({ message: t('timeline.restored') });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );
}

/**
 * On a customer's page: everything that happened with the customer, newest first, a page at a
 * time (the core's keyset), filtered by kind and staff member. Each entry opens what it is about;
 * a deleted record stays, marked, with Restore where the core allows it.
 */
export function CustomerTimelineSection({ customer }: { customer: Pick<Customer, 'id' | 'deletedAt'> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCan('customers.write');
  const users = useUsers();
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const [staffId, setStaffId] = useState<number | null>(null);
  const files = useRowActions();
  const list = useKeysetQuery('timeline.list', { customerId: customer.id, ...(kind ? { kinds: [kind] } : {}), ...(staffId !== null ? { staffId } : {}), limit: PAGE_SIZE }, entriesOf);
  const restore = useRestoreEntry();
  const filtered = kind !== '' || staffId !== null;
  const live = customer.deletedAt === null;

  // A file is shown from the customer's files (its preview), not a page of its own.
  const openFile = async (entry: TimelineEntry) => {
    try {
      const found = await call('attachments.list', { owner: { kind: 'customer', id: customer.id } });
      const file = found.rows.find((row) => row.id === entry.open.id);
      if (file) files.onAction('preview', file);
      else document.getElementById('attachments-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } catch (error) {
      notify({ message: errorMessage(t, error as AppFailure), severity: 'error' }); // call() throws the core's error value
    }
  };

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-timeline-title" data-testid="customer-timeline">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h6" component="h2" id="customer-timeline-title" sx={{ flex: 1, minWidth: 120 }}>
          {t('timeline.title')}
        </Typography>
        {canWrite && live ? (
          <>
            <Button startIcon={<AddIcon />} onClick={() => navigate({ name: 'recordNew', kind: 'service', customerId: customer.id })}>
              {t('timeline.addService')}
            </Button>
            <Button startIcon={<ChatIcon />} onClick={() => navigate({ name: 'recordNew', kind: 'communication', customerId: customer.id })}>
              {t('timeline.addCommunication')}
            </Button>
          </>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={1.5} sx={{ mb: 1, flexWrap: 'wrap' }} useFlexGap role="group" aria-label={t('timeline.filters')}>
        <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width: 190 }} label={t('timeline.kind')} value={kind} onChange={(e) => setKind(TIMELINE_KINDS.find((k) => k === e.target.value) ?? '')}>
          <option value="">{t('timeline.allKinds')}</option>
          {TIMELINE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`timeline.kinds.${k}`)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          slotProps={NATIVE_SELECT}
          sx={{ width: 170 }}
          label={t('timeline.staff')}
          value={staffId === null ? '' : String(staffId)}
          onChange={(e) => setStaffId(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{t('timeline.allStaff')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName || u.username}
            </option>
          ))}
        </TextField>
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <List aria-labelledby="customer-timeline-title" disablePadding>
        {list.rows.map((entry) => (
          <TimelineItem key={`${entry.kind}-${entry.refId}`} entry={entry} onRestore={() => void restore(entry)} onOpenFile={() => void openFile(entry)} />
        ))}
      </List>
      <LoadMoreFooter list={list} shown={list.rows.length} emptyText={filtered ? t('timeline.emptyFiltered') : t('timeline.empty')} />
      {files.previewing ? <PreviewDialog row={files.previewing} onClose={files.closePreview} onSaveCopy={(row) => void files.copy(row)} /> : null}
    </Paper>
  );
}

function TimelineItem({ entry, onRestore, onOpenFile }: { entry: TimelineEntry; onRestore: () => void; onOpenFile: () => void }) {
  const { t } = useTranslation();
  const kindText = t(`timeline.kinds.${entry.kind}`);
  const when = formatDateTime(entry.at);
  const title = entryTitle(t, entry);
  const href = entryHref(entry);
  const opens = href !== null || entry.kind === 'file';
  // Restoring is offered where the core says this caller may restore (records, visits, surveys, complaints).
  const canRestore = entry.deleted && entry.actions.restore && isRestorable(entry.open.kind);

  const body = (
    <>
      <ListItemIcon sx={{ minWidth: 40, color: entry.deleted ? 'text.disabled' : 'primary.main' }}>{ICONS[entry.kind] ?? <EventNoteIcon />}</ListItemIcon>
      <ListItemText
        disableTypography
        primary={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography component="span" variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {when}
            </Typography>
            <Typography component="span" variant="subtitle2">
              {kindText}
            </Typography>
            {title ? (
              <Typography component="span" sx={{ overflowWrap: 'anywhere', textDecoration: entry.deleted ? 'line-through' : undefined }}>
                {title}
              </Typography>
            ) : null}
            {entry.status ? <Chip size="small" variant="outlined" label={t(`timeline.statuses.${entry.status}`)} /> : null}
            {entry.deleted ? <Chip size="small" color="error" label={t('timeline.deleted')} data-testid="timeline-deleted" /> : null}
            {entry.source === 'import' ? <Chip size="small" color="info" variant="outlined" label={t('timeline.imported')} data-testid="timeline-imported" /> : null}
            {entry.source === 'visit' ? <Chip size="small" variant="outlined" label={t('timeline.fromVisit')} /> : null}
          </Stack>
        }
        secondary={
          <Box sx={{ mt: 0.25 }}>
            {entry.text ? (
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                {entry.text}
              </Typography>
            ) : null}
            {entry.staffName ? (
              <Typography variant="caption" color="text.secondary">
                {entry.staffName}
              </Typography>
            ) : null}
          </Box>
        }
      />
    </>
  );

  return (
    <ListItem
      disablePadding
      divider
      data-timeline-kind={entry.kind}
      data-timeline-ref={entry.refId}
      data-deleted={entry.deleted ? 'true' : undefined}
      secondaryAction={
        canRestore ? (
          <Button size="small" startIcon={<RestoreIcon />} onClick={onRestore} aria-label={t('timeline.restoreLabel', { kind: kindText, date: when })}>
            {t('timeline.restore')}
          </Button>
        ) : undefined
      }
      sx={{ opacity: entry.deleted ? 0.85 : 1, '& .MuiListItemSecondaryAction-root': { top: 24 } }}
    >
      {opens ? (
        <ListItemButton
          {...(href !== null ? { component: 'a', href } : { onClick: onOpenFile })}
          sx={{ alignItems: 'flex-start', pr: canRestore ? 16 : 2 }}
        >
          {body}
        </ListItemButton>
      ) : (
        <Box sx={{ display: 'flex', alignItems: 'flex-start', px: 2, py: 1, width: '100%' }}>{body}</Box>
      )}
    </ListItem>
  );
}
