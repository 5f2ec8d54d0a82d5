import { Box, Button, Chip, FormControlLabel, Stack, Switch, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_WHEN, type Event, type EventWhen } from '../../../../shared/api/events.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { usePagedQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { PagedTable } from '../../app/PagedTable.tsx';
import type { Column } from '../../app/VirtualTable.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { EventDialog } from './EventDialog.tsx';
import { eventTime } from './event-format.ts';
import { formatEventQuery, parseEventQuery, type EventListQuery } from './list-query.ts';

const PAGE_SIZE = 50;
const remembered = listMemory((query) => ({ name: 'events', query }));

// One order, the core's (upcoming: soonest first; else latest first): no column sorts.
type NoSort = 'onDay';
const CORE_ORDER = { onDay: 'asc' } as const;
const noSort = () => undefined;

/** `#/events`: the shop's customer events, upcoming first; "New event" for events.manage. */
export function EventsPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const canManage = useCan('events.manage');
  const [adding, setAdding] = useState(false);
  const [query, setQuery] = useListQuery<EventListQuery>(remembered, search, parseEventQuery, formatEventQuery);
  const [text, setText] = useState(query.q ?? '');
  const applyText = () => setQuery((current) => ({ when: current.when, ...(current.deleted ? { deleted: true as const } : {}), ...(text.trim() ? { q: text.trim() } : {}) }));

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('events.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canManage ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            {t('events.new')}
          </Button>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <ToggleButtonGroup
          size="small"
          exclusive
          aria-label={t('events.whenLabel')}
          value={query.when}
          onChange={(_e, when: EventWhen | null) => when && setQuery((current) => ({ ...current, when }))}
        >
          {EVENT_WHEN.map((when) => (
            <ToggleButton key={when} value={when}>
              {t(`events.when.${when}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <TextField
          size="small"
          type="search"
          sx={{ width: 240 }}
          label={t('events.q')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={applyText}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyText();
          }}
        />
        {canManage ? (
          <FormControlLabel
            control={<Switch checked={query.deleted === true} onChange={(e) => setQuery((current) => ({ when: current.when, ...(current.q ? { q: current.q } : {}), ...(e.target.checked ? { deleted: true as const } : {}) }))} />}
            label={t('events.recycleBin')}
          />
        ) : null}
      </Stack>
      <EventList query={query} />
      {adding ? <EventDialog event={null} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

/** The event's status as a chip: cancelled in grey, held in green. */
export function EventStatusChip({ event }: { event: Pick<Event, 'status'> }) {
  const { t } = useTranslation();
  const color = event.status === 'held' ? 'success' : event.status === 'cancelled' ? 'default' : 'primary';
  return <Chip size="small" variant="outlined" color={color} label={t(`events.statuses.${event.status}`)} />;
}

function EventList({ query }: { query: EventListQuery }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const input = { when: query.when, ...(query.q ? { q: query.q } : {}), ...(query.deleted ? { deleted: true } : {}), limit: PAGE_SIZE };
  const list = usePagedQuery('events.list', input);
  const columns: Column<Event, NoSort>[] = [
    { label: t('events.columns.day'), width: 195, cell: (row) => [formatDay(row.onDay, language), eventTime(row)].filter(Boolean).join(' ') },
    { label: t('events.columns.title'), cell: (row) => <OverflowText text={row.title} /> },
    { label: t('events.columns.kind'), width: 140, cell: (row) => <OverflowText text={t(`events.kinds.${row.kind}`)} /> },
    { label: t('events.columns.place'), width: 180, cell: (row) => <OverflowText text={row.place} /> },
    { label: t('events.columns.invited'), width: 80, align: 'right', cell: (row) => formatNumber(row.counts.invited) },
    { label: t('events.columns.yes'), width: 90, align: 'right', cell: (row) => formatNumber(row.counts.yes) },
    { label: t('events.columns.attended'), width: 90, align: 'right', cell: (row) => formatNumber(row.counts.attended) },
    { label: t('events.columns.status'), width: 110, cell: (row) => <EventStatusChip event={row} /> },
  ];
  return (
    <>
      <PagedTable
        list={list}
        label={t('events.tableLabel')}
        minWidth={1000}
        columns={columns}
        getRowKey={(row) => row.id}
        rowKeyAttribute="data-event-id"
        onOpen={(row) => navigate({ name: 'event', id: row.id })}
        sort="onDay"
        direction={query.when === 'upcoming' ? 'asc' : 'desc'}
        defaultDirection={CORE_ORDER}
        onSort={noSort}
        scrollKey={JSON.stringify(input)}
        emptyText={query.deleted ? t('events.emptyBin') : query.q ? t('events.empty') : t('events.emptyAll')}
      />
    </>
  );
}
