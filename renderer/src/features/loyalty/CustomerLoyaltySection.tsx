import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { Member, MemberView } from '../../../../shared/api/loyalty.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { CouponsTable } from './CouponsTable.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { AdjustDialog, RedeemDialog, ReferralDialog } from './LoyaltyDialogs.tsx';
import { TierHistory } from './TierHistory.tsx';

type Dialog = 'adjust' | 'redeem' | 'referral' | null;

/**
 * On a customer's page: their loyalty standing (tier, balance, qualifying points and what the next
 * tier needs), their coupons, the points ledger and the tier history. Every button is one the core
 * offers this caller for this customer (`actions`): join and redeem with customers.write, a
 * correction by hand with points.adjust.
 */
export function CustomerLoyaltySection({ customer: c }: { customer: Pick<Customer, 'id' | 'name' | 'code' | 'deletedAt'> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const view = useCoreQuery('loyalty.member', { customerId: c.id });
  const join = useCoreMutation('loyalty.join');
  const [dialog, setDialog] = useState<Dialog>(null);
  const live = c.deletedAt === null;
  const data = view.data;
  const member = data?.member ?? null;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-loyalty-title" data-testid="customer-loyalty">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="customer-loyalty-title">
          {t('customerLoyalty.title')}
        </Typography>
        {member ? <Chip color="primary" variant="outlined" label={member.tierName} data-testid="loyalty-tier" /> : null}
        <Box sx={{ flex: 1 }} />
        {data && live && data.actions.redeem ? (
          <Button onClick={() => setDialog('redeem')} disabled={data.rewards.length === 0}>
            {t('customerLoyalty.redeem')}
          </Button>
        ) : null}
        {data && live && data.actions.referral ? <Button onClick={() => setDialog('referral')}>{t('customerLoyalty.referral')}</Button> : null}
        {data && live && data.actions.adjust ? <Button onClick={() => setDialog('adjust')}>{t('customerLoyalty.adjust')}</Button> : null}
        {data && live && data.actions.join ? (
          <Button
            variant="contained"
            disabled={join.isPending}
            onClick={() =>
              join.mutate(
                { customerId: c.id },
                { onSuccess: () => notify({ message: t('customerLoyalty.joined', { name: c.name }) }), onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }) },
              )
            }
          >
            {t('customerLoyalty.join')}
          </Button>
        ) : null}
      </Stack>
      {view.error ? <Alert severity="error">{errorMessage(t, view.error)}</Alert> : null}
      {data && !member ? <Typography color="text.secondary">{data.programme.enabled ? t('customerLoyalty.notMember') : t('customerLoyalty.programmeOff')}</Typography> : null}
      {data && member ? (
        <Stack spacing={2.5}>
          <Standing member={member} />
          <CouponsTable customerId={c.id} live={live} />
          <LedgerTable customerId={c.id} />
          <TierHistory customerId={c.id} />
        </Stack>
      ) : null}
      {data && dialog ? <Dialogs dialog={dialog} view={data} customer={c} onClose={() => setDialog(null)} /> : null}
    </Paper>
  );
}

function Dialogs({ dialog, view, customer, onClose }: { dialog: NonNullable<Dialog>; view: MemberView; customer: Pick<Customer, 'id' | 'name'>; onClose: () => void }) {
  const balance = view.member?.balance ?? 0;
  if (dialog === 'adjust') return <AdjustDialog customer={customer} balance={balance} onClose={onClose} />;
  if (dialog === 'redeem') return <RedeemDialog customer={customer} balance={balance} rewards={view.rewards} onClose={onClose} />;
  return <ReferralDialog customer={customer} referralPoints={view.programme.referralPoints} onClose={onClose} />;
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box sx={{ minWidth: 150 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

/** Balance, qualifying points, what the next tier needs, what expires next month, since when a member. */
function Standing({ member }: { member: Member }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Fact label={t('customerLoyalty.balance')} value={formatNumber(member.balance)} testId="loyalty-balance" />
      <Fact label={t('customerLoyalty.qualifying')} value={formatNumber(member.qualifying)} testId="loyalty-qualifying" />
      <Box sx={{ minWidth: 200 }}>
        <Typography variant="body2" color="text.secondary">
          {t('customerLoyalty.nextTier')}
        </Typography>
        <Typography component="p" sx={{ mt: 0.5 }} data-testid="loyalty-next-tier">
          {member.nextTier ? t('customerLoyalty.needs', { name: member.nextTier.name, points: formatNumber(member.nextTier.needed) }) : t('customerLoyalty.topTier')}
        </Typography>
      </Box>
      {member.expiringNextMonth > 0 ? <Fact label={t('customerLoyalty.expiring')} value={formatNumber(member.expiringNextMonth)} testId="loyalty-expiring" /> : null}
      <Fact label={t('customerLoyalty.joinedOn')} value={formatDay(member.joinedOn, language)} />
    </Stack>
  );
}
