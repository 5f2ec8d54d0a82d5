import { List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Contract, ContractEvent } from '../../../../shared/api/contracts.ts';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';

/** The contract's history, newest first: renewals (by auto-renew) and its termination. */
export function ContractHistory({ contract: c }: { contract: Contract }) {
  const { t } = useTranslation();
  const day = (value: string | null) => (value ? formatCalendarDate(value) : t('common.none'));
  const what = (event: ContractEvent) => {
    if (event.kind === 'renewed') return t('contractDetail.events.renewed', { from: day(event.fromEnd), to: day(event.toEnd) });
    if (event.kind === 'terminated') {
      return event.note
        ? t('contractDetail.events.terminatedBecause', { date: day(event.onDay), reason: event.note })
        : t('contractDetail.events.terminated', { date: day(event.onDay) });
    }
    return t('contractDetail.events.other');
  };
  const who = (event: ContractEvent) => (event.byName ? t('contractDetail.events.by', { name: event.byName, at: formatDateTime(event.at) }) : t('contractDetail.events.automatic', { at: formatDateTime(event.at) }));

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="contract-history-title">
      <Typography variant="h6" component="h2" id="contract-history-title" sx={{ mb: 1 }}>
        {t('contractDetail.history')}
      </Typography>
      {c.events.length === 0 ? (
        <Typography color="text.secondary">{t('contractDetail.noHistory')}</Typography>
      ) : (
        <List dense disablePadding>
          {c.events.toReversed().map((event, i) => (
            <ListItem key={`${event.at}-${i}`} disableGutters divider={i < c.events.length - 1}>
              <ListItemText primary={what(event)} secondary={who(event)} slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } } }} />
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
}
