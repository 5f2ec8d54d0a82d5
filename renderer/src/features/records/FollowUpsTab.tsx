import { Alert, Box, Button, Chip, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import { useTranslation } from 'react-i18next';
import type { FollowUpPage, FollowUpRow } from '../../../../shared/api/records.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { errorMessage } from '../../app/errors.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { OverflowText } from '../../app/OverflowText.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { recordTitle } from './record-format.ts';
import { useKeysetQuery } from './use-keyset.ts';

const PAGE_SIZE = 50;
const rowsOf = (page: FollowUpPage) => page.rows;

/** Marks a record's follow-up done, saying so (or why not) in a notice. */
export function useFollowUpDone() {
  const { t } = useTranslation();
  const notify = useNotify();
  return (row: Pick<FollowUpRow, 'id' | 'version' | 'customerName'>) =>
    call('records.followUpDone', { id: row.id, version: row.version }).then(
      () => {
        dataChanged();
        notify({ message: t('followUps.doneNotice', { customer: row.customerName }) });
      },
      (error: AppFailure) => {
        // Stale: what is shown reloads, so trying again uses the stored version.
        if (error.code === 'CONFLICT') dataChanged();
        notify({ message: errorMessage(t, error), severity: 'error' });
      },
    );
}

/**
 * "Follow-ups due": communications whose next follow-up day has come or comes by `until`, oldest
 * first, so the overdue ones lead the list and are marked. Done takes one off the list.
 */
export function FollowUpsTab({ until, staffId }: { until: string | undefined; staffId: number | undefined }) {
  const { t } = useTranslation();
  const done = useFollowUpDone();
  const list = useKeysetQuery('records.followUps', { ...(until ? { until } : {}), ...(staffId ? { staffId } : {}), limit: PAGE_SIZE }, rowsOf);
  const today = localDay(Date.now());

  return (
    <Stack spacing={2}>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <TableContainer component={Paper}>
        <Table size="small" aria-label={t('followUps.tableLabel')} sx={{ tableLayout: 'fixed', minWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 170 }}>{t('followUps.due')}</TableCell>
              <TableCell sx={{ width: 220 }}>{t('record.customer')}</TableCell>
              <TableCell sx={{ width: 100 }}>{t('record.channel')}</TableCell>
              <TableCell>{t('record.content')}</TableCell>
              <TableCell sx={{ width: 140 }}>{t('record.staff')}</TableCell>
              <TableCell sx={{ width: 130 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {list.rows.map((row) => (
              <TableRow
                key={row.id}
                hover
                data-follow-up-id={row.id}
                data-overdue={row.overdue ? 'true' : undefined}
                tabIndex={0}
                onClick={() => navigate({ name: 'record', id: row.id })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) navigate({ name: 'record', id: row.id });
                }}
                sx={{ cursor: 'pointer', ...(row.overdue ? { bgcolor: 'rgba(211, 47, 47, 0.06)' } : {}) }}
              >
                <TableCell>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                    <span>{row.followUpOn ? formatCalendarDate(row.followUpOn) : ''}</span>
                    {row.overdue ? <Chip size="small" color="error" label={t('followUps.overdue')} /> : row.followUpOn === today ? <Chip size="small" color="warning" label={t('followUps.dueToday')} /> : null}
                  </Stack>
                </TableCell>
                <TableCell sx={{ overflow: 'hidden' }}>
                  <OverflowText text={row.customerName}>
                    <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" onClick={(e) => e.stopPropagation()}>
                      {row.customerName}
                    </Link>
                  </OverflowText>
                </TableCell>
                <TableCell>{recordTitle(t, row)}</TableCell>
                <TableCell sx={{ overflow: 'hidden' }}>
                  <OverflowText text={row.excerpt} />
                </TableCell>
                <TableCell sx={{ overflow: 'hidden' }}>
                  <OverflowText text={row.staffName ?? ''} />
                </TableCell>
                <TableCell align="right">
                  {row.actions.followUpDone ? (
                    <Button
                      size="small"
                      variant="outlined"
                      startIcon={<CheckIcon />}
                      aria-label={t('followUps.markDoneLabel', { customer: row.customerName })}
                      onClick={(e) => {
                        e.stopPropagation();
                        void done(row);
                      }}
                    >
                      {t('followUps.markDone')}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box>
        <LoadMoreFooter list={list} shown={list.rows.length} emptyText={t('followUps.empty')} />
      </Box>
    </Stack>
  );
}
