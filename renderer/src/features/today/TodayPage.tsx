import { Alert, Box, CircularProgress, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_OCCASION_OF, type OccasionKind } from '../../../../shared/api/care.ts';
import { TODAY_SECTIONS, type Today, type TodayItem } from '../../../../shared/api/today.ts';
import type { Visit } from '../../../../shared/api/visits.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useListQuery } from '../../app/list-address.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { calendarDateIn } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { CareNoteDialog, type CareOccasion } from '../care/CareNoteDialog.tsx';
import { CompleteVisitDialog } from '../visits/CompleteVisitDialog.tsx';
import { PointsExpiringToday } from '../loyalty/PointsExpiringToday.tsx';
import { HolidaysTodaySection } from '../holidays/HolidaysTodaySection.tsx';
import { TodaySection } from './TodaySection.tsx';
import { formatTodayAddress, isCustomerListQuery, parseTodayAddress, todayMemory } from './today-address.ts';
import { useTodayMarks } from './use-today-marks.ts';

/** Home. An old bookmark of the customer list's home address (`#/?owner=none`) still opens that list. */
export function TodayPage({ search }: { search: string | undefined }) {
  const toList = isCustomerListQuery(search);
  useEffect(() => {
    if (toList) navigate({ name: 'customers', query: search }, { replace: true });
  }, [toList, search]);
  return toList ? null : <TodayInbox search={search} />;
}

/** What a birthday or anniversary item is to the care note. */
function occasionOf(item: TodayItem): CareOccasion {
  return {
    customerId: item.customerId,
    customerName: item.customerName,
    contactId: item.details.contactId,
    contactName: item.kind === 'contactBirthday' ? item.title : null,
    contractId: item.details.contractId,
    occasion: item.kind in NOTE_OCCASION_OF ? NOTE_OCCASION_OF[item.kind as OccasionKind] /* checked on the line */ : 'other',
    onDay: item.occurrence,
  };
}

function TodayInbox({ search }: { search: string | undefined }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCan('customers.write');
  const [address, setAddress] = useListQuery(todayMemory, search, parseTodayAddress, formatTodayAddress);
  const today = useCoreQuery('today.get', address.scope ? { scope: address.scope } : {});
  const marks = useTodayMarks();
  const [completing, setCompleting] = useState<Visit | null>(null);
  const [caring, setCaring] = useState<CareOccasion | null>(null);
  // A scope this caller may not have (a staff member given a link to everyone's): their own instead.
  const refused = today.error?.code === 'FORBIDDEN' && address.scope !== null;
  useEffect(() => {
    if (refused) setAddress(() => ({ scope: null }));
  }, [refused, setAddress]);

  const complete = (item: TodayItem) => {
    if (item.kind === 'followUp') return void marks.done(item);
    // The visit's own complete dialog, on the visit as stored now (its version and duration).
    call('visits.get', { id: item.refId }).then(setCompleting, (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }));
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1">
          {t('today.title')}
        </Typography>
        {today.data ? (
          <Typography color="text.secondary" data-testid="today-day">
            {calendarDateIn(currentLanguage(), today.data.day)}
          </Typography>
        ) : null}
        <Box sx={{ flex: 1 }} />
        {today.data ? <ScopeSwitch data={today.data} onChange={(scope) => setAddress(() => ({ scope }))} /> : null}
      </Stack>
      {today.isPending ? (
        <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      ) : null}
      {today.isError && !refused ? <Alert severity="error">{errorMessage(t, today.error)}</Alert> : null}
      {today.data ? (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 500px), 1fr))', alignItems: 'start' }}>
          {TODAY_SECTIONS.map((section) => (
            <TodaySection
              key={section}
              section={section}
              page={today.data.sections[section]}
              day={today.data.day}
              onComplete={complete}
              onSnooze={(item, until) => void marks.snooze(item, until)}
              onDone={(item) => void marks.done(item)}
              onCareNote={canWrite ? (item) => setCaring(occasionOf(item)) : null}
            />
          ))}
          <HolidaysTodaySection festivals={today.data.holidays} />
          <PointsExpiringToday page={today.data.pointsExpiring} day={today.data.day} />
        </Box>
      ) : null}
      {completing ? <CompleteVisitDialog visit={completing} onClose={() => setCompleting(null)} onCompleted={() => setCompleting(null)} /> : null}
      {caring ? <CareNoteDialog occasion={caring} onClose={() => setCaring(null)} /> : null}
    </Stack>
  );
}

/** Mine / Everyone, for those the core offers both (owner, managers, viewers); staff see their own. */
function ScopeSwitch({ data, onChange }: { data: Today; onChange: (scope: Today['scope']) => void }) {
  const { t } = useTranslation();
  if (data.scopes.length < 2) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('today.mineOnly')}
      </Typography>
    );
  }
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      color="primary"
      value={data.scope}
      aria-label={t('today.scopeLabel')}
      onChange={(_e, scope: Today['scope'] | null) => {
        if (scope) onChange(scope);
      }}
    >
      {data.scopes.map((scope) => (
        <ToggleButton key={scope} value={scope} sx={{ px: 2 }}>
          {t(`today.scopes.${scope}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
