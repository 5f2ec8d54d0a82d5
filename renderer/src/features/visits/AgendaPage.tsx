import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import PrintIcon from '@mui/icons-material/Print';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitRow } from '../../../../shared/api/visits.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { canOwnCustomers, SCOPED_ROLES } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useCan, useSession } from '../../app/session.tsx';
import { useUsers } from '../customers/use-users.ts';
import { visitSheetRoute } from '../print/area.tsx';
import { agendaDays, agendaParser, formatAgendaQuery, type AgendaQuery, type AgendaStaff } from './agenda-query.ts';
import { AgendaToolbar } from './AgendaToolbar.tsx';
import { DayAgenda } from './DayAgenda.tsx';
import { MoveVisitDialog } from './MoveVisitDialog.tsx';
import { WeekAgenda } from './WeekAgenda.tsx';

// The address holds the view, day and staff member; this remembers them for links back to the
// agenda that carry none (the navigation, "Back" on a visit), until sign-out or switching user.
const remembered = listMemory((query) => ({ name: 'visits', query }));

/** Whose agenda a user sees first, and whether they may ask for anyone else's (the core's rule). */
function useStaffChoice() {
  const { session } = useSession();
  const users = useUsers();
  const me = session.user;
  const scoped = session.settings.staffScope && SCOPED_ROLES.includes(me.role);
  // Staff plan their own day; the others look after the whole shop.
  const fallback: AgendaStaff = scoped || me.role === 'staff' ? me.id : 'all';
  const options = scoped
    ? [{ id: me.id, name: me.displayName || me.username }]
    : users.filter((u) => u.active && canOwnCustomers(u.role)).map((u) => ({ id: u.id, name: u.displayName || u.username }));
  return { scoped, meId: me.id, fallback, options };
}

export function AgendaPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const canPrint = useCan('print');
  // The shop's day when the page opened; the address keeps the day shown across reloads.
  const [today] = useState(() => localDay(Date.now()));
  const parse = useMemo(() => agendaParser(today), [today]);
  const [query, setQuery] = useListQuery<AgendaQuery>(remembered, search, parse, formatAgendaQuery);
  const choice = useStaffChoice();
  const staff: AgendaStaff = choice.scoped ? choice.meId : (query.staff ?? choice.fallback);
  const days = agendaDays(query);
  const [moving, setMoving] = useState<VisitRow | null>(null);

  const agenda = useCoreQuery(
    'visits.agenda',
    { from: days[0]!, to: days.at(-1)!, staffId: staff === 'all' ? null : staff, includeCancelled: query.cancelled === true }, // agendaDays gives at least one day
    { placeholderData: keepPreviousData },
  );
  const visits = agenda.data?.visits ?? [];
  // Someone chosen by address who is no longer offered (deactivated) still has a name.
  const options = [...choice.options, ...(agenda.data?.staff ?? []).filter((s) => !choice.options.some((o) => o.id === s.id) && s.id === staff)];
  const change = (next: Partial<AgendaQuery>) => setQuery((q) => ({ ...q, ...next }));
  const planVisit = () => navigate({ name: 'visitNew', query: new URLSearchParams({ day: query.day, ...(staff === 'all' ? {} : { staff: String(staff) }) }).toString() });
  const print = () => navigate(visitSheetRoute({ staffId: staff === 'all' ? null : staff, from: days[0]!, to: days.at(-1)! })); // at least one day

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('visits.title')}
        </Typography>
        <Typography color="text.secondary" data-testid="visit-count" aria-live="polite">
          {agenda.data ? t('visits.count', { count: visits.length }) : ''}
        </Typography>
        {agenda.isFetching && !agenda.isPending ? <CircularProgress size={18} aria-label={t('app.loading')} /> : null}
        <Box sx={{ flex: 1 }} />
        {canPrint ? (
          <Button startIcon={<PrintIcon />} onClick={print} title={t('visits.printHint')}>
            {t('visits.print')}
          </Button>
        ) : null}
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={planVisit}>
            {t('visits.new')}
          </Button>
        ) : null}
      </Stack>
      <AgendaToolbar query={query} days={days} today={today} staff={staff} staffOptions={options} wholeShopAllowed={!choice.scoped} onChange={change} />
      {agenda.error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void agenda.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorMessage(t, agenda.error)}
        </Alert>
      ) : null}
      {agenda.isPending ? (
        <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      ) : query.view === 'week' ? (
        <WeekAgenda days={days} today={today} visits={visits} showStaff={staff === 'all'} onMove={setMoving} />
      ) : (
        <DayAgenda visits={visits} showStaff={staff === 'all'} onMove={setMoving} label={t('visits.day')} />
      )}
      {moving ? <MoveVisitDialog visit={moving} onClose={() => setMoving(null)} /> : null}
    </Stack>
  );
}
