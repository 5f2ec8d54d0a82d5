import { Alert, Box, Button, IconButton, Link, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_BATCH_MAX, EVENT_REPLIES, type Event, type EventReply, type Invitation } from '../../../../shared/api/events.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { OverflowText } from '../../app/OverflowText.tsx';
import { call, dataChanged, usePagedQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { VirtualTable, type Column } from '../../app/VirtualTable.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { AttendedCell, ReplyCell, SelectCell } from './invitation-cells.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { InviteListDialog } from './InviteListDialog.tsx';

const PAGE_SIZE = 100;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
type Filters = { reply?: EventReply; attended?: boolean; q?: string };
type NoSort = 'name';
const noSort = () => undefined;

/** The event's invitations (paged, virtualised), reply and attendance per row and for the selected rows. */
export function InvitationsSection({ event: e }: { event: Event }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [filters, setFilters] = useState<Filters>({});
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<ReadonlyMap<number, Invitation>>(new Map());
  const [busy, setBusy] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [listing, setListing] = useState(false);
  const [removing, setRemoving] = useState<Invitation | null>(null);
  const input = { eventId: e.id, ...filters, limit: PAGE_SIZE };
  const list = usePagedQuery('events.invitations', input);
  const loadMore = useCallback(() => void list.fetchNextPage(), [list]);

  /** Runs writes one after the other, then reloads and says how many changed (or why one was refused). */
  const run = async (writes: (() => Promise<unknown>)[]) => {
    setBusy(true);
    let done = 0;
    try {
      for (const write of writes) {
        await write();
        done += 1;
      }
      if (writes.length > 1) notify({ message: t('invitations.bulkDone', { n: formatNumber(done) }) });
    } catch (caught) {
      notify({ message: errorMessage(t, caught as AppError), severity: 'error' }); // call() throws the core's error value
    } finally {
      dataChanged();
      setBusy(false);
    }
  };
  const reply = (rows: Invitation[], value: EventReply) => run(rows.filter((r) => r.actions.reply).map((r) => () => call('events.reply', { invitationId: r.id, reply: value })));
  const attend = (rows: Invitation[], attended: boolean) => {
    const ids = rows.filter((r) => r.actions.attend).map((r) => r.id);
    const chunks: number[][] = [];
    for (let i = 0; i < ids.length; i += EVENT_BATCH_MAX) chunks.push(ids.slice(i, i + EVENT_BATCH_MAX));
    return run(chunks.map((invitationIds) => () => call('events.attend', { invitationIds, attended })));
  };
  const toggle = (row: Invitation) =>
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      return next;
    });
  const chosen = [...selected.values()];

  const columns: Column<Invitation, NoSort>[] = [
    { label: '', width: 48, cell: (row) => <SelectCell row={row} selected={selected.has(row.id)} onToggle={() => toggle(row)} /> },
    {
      label: t('invitations.customer'),
      cell: (row) => (
        <OverflowText text={`${row.customerName} ${row.customerCode}`}>
          <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(ev) => ev.stopPropagation()}>
            {row.customerName}
          </Link>{' '}
          <Typography component="span" variant="body2" color="text.secondary">
            {row.customerCode}
          </Typography>
        </OverflowText>
      ),
    },
    { label: t('invitations.grade'), width: 90, cell: (row) => t(`customer.grades.${row.grade}`) },
    { label: t('invitations.contact'), width: 150, cell: (row) => <OverflowText text={row.contactName ?? ''} /> },
    { label: t('invitations.reply'), width: 150, cell: (row) => <ReplyCell row={row} busy={busy} onReply={(value) => void reply([row], value)} /> },
    { label: t('invitations.attended'), width: 150, cell: (row) => <AttendedCell row={row} busy={busy} onAttend={(value) => void attend([row], value)} /> },
    {
      label: '',
      width: 56,
      cell: (row) =>
        row.actions.uninvite ? (
          <Tooltip title={t('invitations.uninvite')}>
            <IconButton size="small" aria-label={`${t('invitations.uninvite')} ${row.customerName}`} onClick={(ev) => (ev.stopPropagation(), setRemoving(row))}>
              <PersonRemoveIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ) : null,
    },
  ];

  const applyText = () => setFilters((current) => ({ ...current, q: text.trim() || undefined }));
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="invitations-title" data-testid="invitations">
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h6" component="h2" id="invitations-title">
          {t('invitations.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width: 150 }} label={t('invitations.reply')} value={filters.reply ?? ''} onChange={(ev) => setFilters((c) => ({ ...c, reply: EVENT_REPLIES.find((r) => r === ev.target.value) }))}>
          <option value="">{t('invitations.anyReply')}</option>
          {EVENT_REPLIES.map((r) => (
            <option key={r} value={r}>
              {t(`invitations.replies.${r}`)}
            </option>
          ))}
        </TextField>
        <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width: 190 }} label={t('invitations.attended')} value={filters.attended === undefined ? '' : filters.attended ? 'yes' : 'no'} onChange={(ev) => setFilters((c) => ({ ...c, attended: ev.target.value === '' ? undefined : ev.target.value === 'yes' }))}>
          <option value="">{t('invitations.anyAttended')}</option>
          <option value="yes">{t('invitations.attendedStates.yes')}</option>
          <option value="no">{t('invitations.attendedStates.no')}</option>
        </TextField>
        <TextField size="small" type="search" sx={{ width: 220 }} label={t('invitations.q')} value={text} onChange={(ev) => setText(ev.target.value)} onBlur={applyText} onKeyDown={(ev) => ev.key === 'Enter' && applyText()} />
        {e.actions.invite ? (
          <>
          <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setInviting(true)}>
            {t('invitations.invite')}
          </Button>
          <Button variant="outlined" onClick={() => setListing(true)}>
            {t('inviteList.open')}
          </Button>
          </>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1, minHeight: 40 }} role="toolbar" aria-label={t('invitations.selected', { n: formatNumber(chosen.length) })}>
        <Button size="small" onClick={() => setSelected(new Map(list.rows.map((r) => [r.id, r])))} disabled={list.rows.length === 0}>
          {t('invitations.selectLoaded')}
        </Button>
        {chosen.length > 0 ? (
          <>
            <Typography sx={{ fontWeight: 600 }} data-testid="selected-count">
              {t('invitations.selected', { n: formatNumber(chosen.length) })}
            </Typography>
            <TextField select size="small" slotProps={NATIVE_SELECT} sx={{ width: 150 }} label={t('invitations.setReply')} value="" disabled={busy} onChange={(ev) => {
              const value = EVENT_REPLIES.find((r) => r === ev.target.value);
              if (value) void reply(chosen, value);
            }}>
              <option value="" disabled>
                {t('invitations.setReply')}
              </option>
              {EVENT_REPLIES.map((r) => (
                <option key={r} value={r}>
                  {t(`invitations.replies.${r}`)}
                </option>
              ))}
            </TextField>
            <Button size="small" variant="outlined" disabled={busy} onClick={() => void attend(chosen, true)}>
              {t('invitations.markAttended')}
            </Button>
            <Button size="small" variant="outlined" disabled={busy} onClick={() => void attend(chosen, false)}>
              {t('invitations.markAbsent')}
            </Button>
            <Button size="small" onClick={() => setSelected(new Map())}>
              {t('invitations.clearSelection')}
            </Button>
          </>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {/* A fixed height: the table scrolls inside it, only the rows in view in the page. */}
      <Box sx={{ height: 480, display: 'flex', flexDirection: 'column' }}>
        <VirtualTable
          label={t('invitations.tableLabel')}
          minWidth={860}
          columns={columns}
          rows={list.rows}
          getRowKey={(row) => row.id}
          rowKeyAttribute="data-invitation-id"
          onOpen={(row) => navigate({ name: 'customer', id: row.customerId })}
          sort="name"
          direction="asc"
          defaultDirection={{ name: 'asc' }}
          onSort={noSort}
          scrollKey={JSON.stringify(input)}
          hasMore={list.hasNextPage}
          loadingMore={(list.isPending && list.isFetching) || list.isFetchingNextPage}
          loaded={list.data !== undefined}
          failed={list.error !== null}
          loadMore={loadMore}
          emptyText={Object.values(filters).some((v) => v !== undefined) ? t('invitations.emptyFiltered') : t('invitations.empty')}
        />
      </Box>
      {inviting ? <InviteDialog event={e} onClose={() => setInviting(false)} /> : null}
      {listing ? <InviteListDialog event={e} onClose={() => setListing(false)} /> : null}
      {removing ? <UninviteDialog invitation={removing} onClose={() => setRemoving(null)} /> : null}
    </Paper>
  );
}

function UninviteDialog({ invitation, onClose }: { invitation: Invitation; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const confirm = () => {
    setPending(true);
    call('events.uninvite', { invitationId: invitation.id }).then(
      () => {
        dataChanged();
        notify({ message: t('invitations.uninvited') });
        onClose();
      },
      (error: AppError) => {
        setPending(false);
        setProblem(errorMessage(t, error));
      },
    );
  };
  return (
    <ConfirmDialog titleId="uninvite-title" title={t('invitations.uninvite')} body={invitation.customerName} problem={problem} confirmLabel={t('invitations.uninvite')} color="warning" pending={pending} onConfirm={confirm} onClose={onClose} />
  );
}
