import { Alert, Box, Button, LinearProgress, Stack, Tab, Tabs, Typography } from '@mui/material';
import AutoGraphIcon from '@mui/icons-material/AutoGraph';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { GradingSettingsTab } from './GradingSettingsTab.tsx';
import { ProposalHistory } from './ProposalHistory.tsx';
import { ProposalView } from './ProposalView.tsx';
import { usePropose } from './use-propose.ts';

export type GradingTab = 'proposal' | 'history' | 'settings';

/** Value grading (价值分级), the owner's: this month's proposal, the past ones, the rules. */
export function GradingPage({ tab, proposalId }: { tab: GradingTab; proposalId?: number }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('grading.title')}
      </Typography>
      <Tabs value={tab} aria-label={t('grading.title')} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}>
        <Tab value="proposal" label={t('grading.tabs.proposal')} component="a" href={hrefOf({ name: 'grading' })} />
        <Tab value="history" label={t('grading.tabs.history')} component="a" href={hrefOf({ name: 'gradingHistory' })} />
        <Tab value="settings" label={t('grading.tabs.settings')} component="a" href={hrefOf({ name: 'gradingSettings' })} />
      </Tabs>
      {tab === 'settings' ? <GradingSettingsTab /> : tab === 'history' && proposalId !== undefined ? <PastProposal id={proposalId} /> : tab === 'history' ? <ProposalHistory /> : <CurrentProposal />}
    </Stack>
  );
}

function PastProposal({ id }: { id: number }) {
  const { t } = useTranslation();
  const proposal = useCoreQuery('grading.get', { id });
  if (proposal.error) return <Alert severity="error">{errorMessage(t, proposal.error)}</Alert>;
  if (!proposal.data) return <LinearProgress aria-label={t('grading.loading')} />;
  return <ProposalView proposal={proposal.data} />;
}

/** The open proposal (the month's, made on first open when monthly proposals are on), or a way to make one. */
function CurrentProposal() {
  const { t } = useTranslation();
  const current = useCoreQuery('grading.current', {});
  const { state, propose, cancel } = usePropose();
  const running = state.step === 'running';
  const percent = running && state.total > 0 ? Math.min(100, (state.done / state.total) * 100) : null;
  // While a new proposal is made, and until the reload shows it, the one it replaces is not shown:
  // a decision taken on it would land on a proposal already discarded.
  const shown = current.data?.proposal ?? null;
  const replaced = running || (state.step === 'made' && shown !== null && shown.id !== state.proposalId);
  const proposal = replaced ? null : shown;
  return (
    <Stack spacing={2}>
      <Typography color="text.secondary">{t('grading.intro')}</Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant={proposal ? 'outlined' : 'contained'} startIcon={<AutoGraphIcon />} disabled={running} onClick={() => void propose()}>
          {t('grading.proposeNow')}
        </Button>
        {running ? (
          <>
            <Box sx={{ flex: 1, minWidth: 200 }}>
              <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label={t('grading.proposing')} />
            </Box>
            <Typography variant="body2" color="text.secondary">
              {state.total > 0 ? t('grading.progress', { done: state.done, total: state.total }) : t('grading.proposing')}
            </Typography>
            <Button color="inherit" disabled={!state.started || state.cancelAsked} onClick={() => void cancel()}>
              {t('common.cancel')}
            </Button>
          </>
        ) : null}
      </Stack>
      {state.step === 'cancelled' ? <Alert severity="info">{t('grading.cancelled')}</Alert> : null}
      {state.step === 'failed' ? <Alert severity="error">{errorMessage(t, state.error)}</Alert> : null}
      {current.error ? <Alert severity="error">{errorMessage(t, current.error)}</Alert> : null}
      {current.isPending ? <LinearProgress aria-label={t('grading.loading')} /> : null}
      {current.data && !proposal && !replaced ? <Alert severity="info">{t('grading.noOpen')}</Alert> : null}
      {proposal ? <ProposalView proposal={proposal} /> : null}
    </Stack>
  );
}
