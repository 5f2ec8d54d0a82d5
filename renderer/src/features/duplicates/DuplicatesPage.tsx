import { Alert, Box, Button, Card, CardActions, CardContent, Chip, LinearProgress, Link, Stack, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import AlternateEmailIcon from '@mui/icons-material/AlternateEmail';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BadgeOutlinedIcon from '@mui/icons-material/BadgeOutlined';
import CallMergeIcon from '@mui/icons-material/CallMerge';
import PhoneIcon from '@mui/icons-material/Phone';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateFindResult, DuplicateGroup } from '../../../../shared/api/duplicates.ts';
import type { AppError, AppFailure } from '../../../../shared/errors.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { onAppReset } from '../../app/reset.ts';
import { call, dataChanged } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatNumber, formatShortDateTime } from '../../i18n/format.ts';
import { MergeHistory } from './MergeHistory.tsx';
import { linkedText } from './linked-counts.ts';
import { MergeDialog, type Merged } from './MergeDialog.tsx';
import { useUndoMerge } from './use-undo-merge.ts';

export type DuplicatesTab = 'find' | 'merges';

type FindState =
  | { step: 'idle' }
  /** `started`: the core's first progress event came (a cancel before it would find no job). */
  | { step: 'running'; done: number; total: number; started: boolean; cancelAsked: boolean }
  | { step: 'found'; result: DuplicateFindResult }
  | { step: 'cancelled' }
  | { step: 'failed'; error: AppError };

// The last search's groups outlive the page (open a customer, come back): kept until the next
// search, and cleared on sign-out or switching user like every other remembered state.
let remembered: FindState = { step: 'idle' };
onAppReset(() => {
  remembered = { step: 'idle' };
});

/** Duplicate customers (重复客户): the finder with its groups, and the merge history. */
export function DuplicatesPage({ tab }: { tab: DuplicatesTab }) {
  const { t } = useTranslation();
  const canMerge = useCan('customers.merge');
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customers' })}>
          {t('customers.title')}
        </Button>
        <Typography variant="h5" component="h1">
          {t('duplicates.title')}
        </Typography>
      </Stack>
      {canMerge ? (
        <Tabs value={tab} aria-label={t('duplicates.title')} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}>
          <Tab value="find" label={t('duplicates.tabs.find')} component="a" href={hrefOf({ name: 'duplicates' })} />
          <Tab value="merges" label={t('duplicates.tabs.merges')} component="a" href={hrefOf({ name: 'duplicateMerges' })} />
        </Tabs>
      ) : null}
      {tab === 'merges' && canMerge ? <MergeHistory /> : <Finder />}
    </Stack>
  );
}

function Finder() {
  const { t } = useTranslation();
  const notify = useNotify();
  const undo = useUndoMerge();
  const [state, setStateRaw] = useState<FindState>(remembered);
  const setState = (next: FindState | ((current: FindState) => FindState)) =>
    setStateRaw((current) => {
      remembered = typeof next === 'function' ? next(current) : next;
      return remembered;
    });
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const [lastMerge, setLastMerge] = useState<Merged | null>(null);
  // Leaving the page while the search runs stops it (nobody would see its groups).
  const runningRef = useRef(false);
  useEffect(() => () => void (runningRef.current && invoke('jobs.cancel', { job: 'duplicates' })), []);

  const run = async () => {
    setLastMerge(null);
    setState({ step: 'running', done: 0, total: 0, started: false, cancelAsked: false });
    runningRef.current = true;
    // The core reports `{type:'progress', job:'duplicates', done, total}` in customers while it compares.
    const progress = subscribeProgress((event) => {
      if (event.job !== 'duplicates') return;
      setState((current) => (current.step === 'running' ? { ...current, done: event.done, total: event.total, started: true } : current));
    });
    await progress.ready;
    const result = await invoke('duplicates.find', {});
    progress.close();
    runningRef.current = false;
    if (result.ok) setState({ step: 'found', result: result.value });
    else if (result.error.code === 'CANCELLED') setState({ step: 'cancelled' });
    else {
      logError(result.error);
      setState({ step: 'failed', error: result.error });
    }
  };

  const cancel = async () => {
    setState((current) => (current.step === 'running' ? { ...current, cancelAsked: true } : current));
    const result = await invoke('jobs.cancel', { job: 'duplicates' });
    if (!result.ok) logError(result.error);
  };

  /** Takes customers out of the shown groups (merged away, or a whole group dismissed); a group left with one goes. */
  const removeFromGroups = (group: DuplicateGroup, ids: number[]) =>
    setState((current) => {
      if (current.step !== 'found') return current;
      const groups = current.result.groups
        .map((candidate) => (candidate === group ? { ...candidate, customers: candidate.customers.filter((customer) => !ids.includes(customer.id)) } : candidate))
        .filter((candidate) => candidate.customers.length > 1);
      return { step: 'found', result: { groups, total: current.result.total - (current.result.groups.length - groups.length) } };
    });

  const dismiss = async (group: DuplicateGroup) => {
    try {
      await call('duplicates.dismiss', { ids: group.customers.map((customer) => customer.id) });
      removeFromGroups(group, group.customers.map((customer) => customer.id));
      notify({ message: t('duplicates.dismissed') });
    } catch (error) {
      notify({ message: errorMessage(t, error as AppFailure), severity: 'error' }); // call() throws the core's error value
    }
  };

  const merged = (group: DuplicateGroup, done: Merged) => {
    setMerging(null);
    removeFromGroups(group, [done.merged.id]);
    setLastMerge(done);
    dataChanged();
    notify({
      message: t('duplicates.merged', { merged: done.merged.name, kept: done.kept.name }),
      action: { label: t('duplicates.undo'), onClick: () => void undoLast(done) },
    });
  };

  const undoLast = async (done: Merged) => {
    if (await undo(done.merge, done.merged.name)) setLastMerge((current) => (current?.merge === done.merge ? null : current));
  };

  const running = state.step === 'running';
  const percent = state.step === 'running' && state.total > 0 ? Math.min(100, (state.done / state.total) * 100) : null;

  return (
    <Stack spacing={2}>
      <Typography color="text.secondary">{t('duplicates.intro')}</Typography>
      <Box>
        <Button variant="contained" startIcon={<SearchIcon />} onClick={() => void run()} disabled={running}>
          {state.step === 'found' ? t('duplicates.runAgain') : t('duplicates.run')}
        </Button>
      </Box>
      {state.step === 'running' ? (
        <Box>
          <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label={t('duplicates.progress')} />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 0.5 }}>
            <Typography variant="body2" color="text.secondary" aria-live="polite">
              {percent === null ? t('duplicates.running') : t('duplicates.runningCount', { done: formatNumber(state.done), total: formatNumber(state.total) })}
            </Typography>
            <Button size="small" onClick={() => void cancel()} disabled={!state.started || state.cancelAsked}>
              {t('duplicates.cancel')}
            </Button>
          </Stack>
        </Box>
      ) : null}
      {state.step === 'cancelled' ? <Alert severity="info">{t('duplicates.cancelled')}</Alert> : null}
      {state.step === 'failed' ? (
        <Alert severity="error">
          {t('duplicates.failed')} {errorMessage(t, state.error)}
        </Alert>
      ) : null}
      {lastMerge ? (
        <Alert
          severity="success"
          sx={{ overflowWrap: 'anywhere' }}
          action={
            <Button color="inherit" onClick={() => void undoLast(lastMerge)}>
              {t('duplicates.undo')}
            </Button>
          }
        >
          {t('duplicates.merged', { merged: lastMerge.merged.name, kept: lastMerge.kept.name })}{' '}
          <Link href={hrefOf({ name: 'customer', id: lastMerge.kept.id })} color="inherit" sx={{ fontWeight: 600 }}>
            {t('duplicates.openKept', { name: lastMerge.kept.name })}
          </Link>
        </Alert>
      ) : null}
      {state.step === 'found' ? (
        <>
          <Typography aria-live="polite" data-testid="duplicate-count">
            {state.result.groups.length === 0
              ? t('duplicates.none')
              : state.result.total > state.result.groups.length
                ? t('duplicates.groupsCapped', { shown: formatNumber(state.result.groups.length), total: formatNumber(state.result.total) })
                : t('duplicates.groups', { count: state.result.groups.length, formatted: formatNumber(state.result.groups.length) })}
          </Typography>
          {state.result.groups.map((group) => (
            <GroupCard key={group.customers.map((customer) => customer.id).join('-')} group={group} onMerge={() => setMerging(group)} onDismiss={() => void dismiss(group)} />
          ))}
        </>
      ) : null}
      {merging ? <MergeDialog group={merging} onClose={() => setMerging(null)} onMerged={(done) => merged(merging, done)} /> : null}
    </Stack>
  );
}

const REASON_ICONS = { phone: <PhoneIcon />, email: <AlternateEmailIcon />, name: <BadgeOutlinedIcon /> } as const;

/** One group of possible duplicates: why (chips), who (a row each), and Merge / Not duplicates for those who may merge. */
function GroupCard({ group, onMerge, onDismiss }: { group: DuplicateGroup; onMerge: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  const canMerge = useCan('customers.merge');
  const names = group.customers.map((customer) => customer.name).join(t('errors.holders.separator'));
  return (
    <Card component="section" variant="outlined" aria-label={t('duplicates.groupLabel', { names })} data-testid="duplicate-group">
      <CardContent sx={{ pb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', mb: 1 }} useFlexGap>
          {group.reasons.map((reason) => (
            <Chip key={`${reason.reason}:${reason.value}`} size="small" color="primary" variant="outlined" icon={REASON_ICONS[reason.reason]} label={t(`duplicates.reasons.${reason.reason}`, { value: reason.value })} />
          ))}
        </Stack>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 100 }}>{t('duplicates.columns.code')}</TableCell>
                <TableCell>{t('duplicates.columns.name')}</TableCell>
                <TableCell sx={{ width: 140 }}>{t('duplicates.columns.phone')}</TableCell>
                <TableCell sx={{ width: 90 }}>{t('duplicates.columns.owner')}</TableCell>
                <TableCell sx={{ width: 150 }}>{t('duplicates.columns.updated')}</TableCell>
                <TableCell sx={{ width: '20%' }}>{t('duplicates.columns.linked')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {group.customers.map((customer) => (
                <TableRow key={customer.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{customer.code}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'customer', id: customer.id })}>{customer.name}</Link>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{customer.phone}</TableCell>
                  <TableCell>{customer.ownerName ?? t('duplicates.noOwner')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatShortDateTime(customer.updatedAt)}</TableCell>
                  <TableCell>
                    <Typography variant="body2" color="text.secondary">
                      {linkedText(t, customer)}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
      {canMerge ? (
        <CardActions sx={{ justifyContent: 'flex-end', px: 2, pb: 1.5 }}>
          <Button onClick={onDismiss} aria-label={t('duplicates.dismissLabel', { names })}>
            {t('duplicates.dismiss')}
          </Button>
          <Button variant="contained" startIcon={<CallMergeIcon />} onClick={onMerge} aria-label={t('duplicates.mergeLabel', { names })}>
            {t('duplicates.merge')}
          </Button>
        </CardActions>
      ) : null}
    </Card>
  );
}
