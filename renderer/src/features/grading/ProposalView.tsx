import { Alert, Box, Button, Chip, Link, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import RemoveDoneIcon from '@mui/icons-material/RemoveDone';
import PublishedWithChangesIcon from '@mui/icons-material/PublishedWithChanges';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplyResult, Decision, GradingProposal } from '../../../../shared/api/grading.ts';
import { ConfirmDialog } from '../../app/ConfirmDialog.tsx';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation } from '../../app/query.ts';
import { onAppReset } from '../../app/reset.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatNumber, formatShortDateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatMoney } from '../contracts/money.ts';
import { ProposalItems } from './ProposalItems.tsx';

const STATUS_COLOR = { open: 'info', applied: 'success', discarded: 'default' } as const;

// An applied proposal is no longer the open one: the page moves to its own address, and its
// result (which customers were skipped) goes along, kept until sign-out like other remembered state.
const applyResults = new Map<number, ApplyResult>();
onAppReset(() => applyResults.clear());

/** One proposal: what it graded, its counts, accept/reject all, apply, and its items. */
export function ProposalView({ proposal: p }: { proposal: GradingProposal }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [filter, setFilter] = useState<Decision | 'all'>('all');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ApplyResult | null>(() => applyResults.get(p.id) ?? null);
  const decide = useCoreMutation('grading.decide');
  const apply = useCoreMutation('grading.apply');
  const open = p.status === 'open';
  const c = p.counts;

  const decideAll = (decision: Decision) =>
    decide.mutate({ proposalId: p.id, customerIds: 'all', decision }, { onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }) });
  const doApply = () =>
    apply.mutate(
      { proposalId: p.id },
      {
        onSuccess: (value) => {
          setConfirming(false);
          setResult(value);
          applyResults.set(p.id, value);
          notify({ message: t('grading.appliedNotice', { count: value.proposal.counts.applied }) });
          navigate({ name: 'gradingProposal', id: p.id });
        },
      },
    );

  return (
    <Stack spacing={2} data-proposal-id={p.id}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">
            {t('grading.proposalTitle', { from: p.period.from, to: p.period.to })}
          </Typography>
          <Chip size="small" variant="outlined" color={STATUS_COLOR[p.status]} label={t(`grading.statuses.${p.status}`)} />
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('grading.madeBy', { date: formatShortDateTime(p.createdAt), name: p.createdBy?.name ?? t('grading.monthlyAuto') })}
          {' · '}
          {t('grading.basis', { currency: p.currency, a: p.cutoffs.a, b: p.cutoffs.b, c: 100 - p.cutoffs.a - p.cutoffs.b })}
        </Typography>
        <Typography variant="body2" data-testid="proposal-counts">
          {t('grading.counts', { graded: formatNumber(c.graded), items: formatNumber(c.items), pending: formatNumber(c.pending), accepted: formatNumber(c.accepted), rejected: formatNumber(c.rejected) })}
        </Typography>
        {p.status === 'applied' && p.appliedAt !== null ? (
          <Typography variant="body2">
            {t('grading.appliedLine', { date: formatShortDateTime(p.appliedAt), name: p.appliedBy?.name ?? '', applied: formatNumber(c.applied), skipped: formatNumber(c.skipped) })}
          </Typography>
        ) : null}
        {p.otherCurrencies.length > 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('grading.otherCurrencies', {
              list: p.otherCurrencies.map((o) => t('grading.otherCurrency', { amount: formatMoney(o.totalMinor, o.currency, currentLanguage()), customers: formatNumber(o.customers) })).join(t('grading.listSeparator')),
            })}
          </Typography>
        ) : null}
      </Paper>
      {result ? <ApplyOutcome result={result} /> : null}
      {decide.error ? <Alert severity="error">{errorMessage(t, decide.error)}</Alert> : null}
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup size="small" exclusive value={filter} onChange={(_, value: Decision | 'all' | null) => value && setFilter(value)} aria-label={t('grading.filter')}>
          <ToggleButton value="all">{t('grading.decisions.all')}</ToggleButton>
          <ToggleButton value="pending">{t('grading.decisions.pending')}</ToggleButton>
          <ToggleButton value="accepted">{t('grading.decisions.accepted')}</ToggleButton>
          <ToggleButton value="rejected">{t('grading.decisions.rejected')}</ToggleButton>
        </ToggleButtonGroup>
        <Box sx={{ flex: 1 }} />
        {open ? (
          <>
            <Button startIcon={<DoneAllIcon />} disabled={decide.isPending || c.items === 0} onClick={() => decideAll('accepted')}>
              {t('grading.acceptAll')}
            </Button>
            <Button startIcon={<RemoveDoneIcon />} disabled={decide.isPending || c.items === 0} onClick={() => decideAll('rejected')}>
              {t('grading.rejectAll')}
            </Button>
            <Button variant="contained" startIcon={<PublishedWithChangesIcon />} disabled={c.accepted === 0} onClick={() => setConfirming(true)}>
              {t('grading.apply')}
            </Button>
          </>
        ) : null}
      </Stack>
      <ProposalItems proposal={p} decision={filter === 'all' ? undefined : filter} />
      {confirming ? (
        <ConfirmDialog
          titleId="grading-apply-title"
          title={t('grading.applyTitle')}
          body={t('grading.applyBody', { accepted: formatNumber(c.accepted), rejected: formatNumber(c.rejected), pending: formatNumber(c.pending) })}
          problem={apply.error ? errorMessage(t, apply.error) : null}
          confirmLabel={t('grading.applyConfirm', { count: c.accepted })}
          color="warning"
          pending={apply.isPending}
          onConfirm={doApply}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Stack>
  );
}

/** After apply: how many grades changed, and which customers were left alone because they were edited since. */
function ApplyOutcome({ result }: { result: ApplyResult }) {
  const { t } = useTranslation();
  const { applied } = result.proposal.counts;
  return (
    <Alert severity={result.skipped.length > 0 ? 'warning' : 'success'} data-testid="apply-result">
      <div>{t('grading.appliedNotice', { count: applied })}</div>
      {result.skipped.length > 0 ? (
        <div>
          {t('grading.skipped', { count: result.skipped.length })}{' '}
          {result.skipped.map((s, i) => (
            <span key={s.customerId}>
              {i > 0 ? t('grading.listSeparator') : null}
              <Link href={hrefOf({ name: 'customer', id: s.customerId })}>{s.customerName}</Link>
            </span>
          ))}
        </div>
      ) : null}
    </Alert>
  );
}
