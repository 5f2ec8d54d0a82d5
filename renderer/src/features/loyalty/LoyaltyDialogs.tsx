import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { POINTS_MAX, REASON_MAX, type Coupon, type Reward } from '../../../../shared/api/loyalty.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation } from '../../app/query.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { formatNumber } from '../../i18n/format.ts';
import { CustomerPicker, type CustomerOption } from '../customers/CustomerPicker.tsx';
import { signedPoints } from './loyalty-format.ts';

type Who = Pick<Customer, 'id' | 'name'>;
type Problems = Record<string, string>;

/** The core's refusal placed on the dialog's fields (by path), or said whole below them. */
function useRefusal(setProblems: (problems: Problems) => void, fields: readonly string[]) {
  const { t } = useTranslation();
  return (error: AppFailure) => {
    const found: Problems = {};
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) if (fields.includes(path)) found[path] = issueMessage(t, issue);
    if (Object.keys(found).length === 0) found.other = errorMessage(t, error);
    setProblems(found);
  };
}

function Frame({ title, id, pending, onClose, onSubmit, submitLabel, other, children }: { title: string; id: string; pending: boolean; onClose: () => void; onSubmit: (() => void) | null; submitLabel: string; other?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={pending ? undefined : onClose} aria-labelledby={id} maxWidth="sm" fullWidth>
      <DialogTitle id={id}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" onSubmit={(e) => { e.preventDefault(); onSubmit?.(); }}>
          {children}
          {other ? <Alert severity="error">{other}</Alert> : null}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {onSubmit ? t('common.cancel') : t('customerLoyalty.close')}
        </Button>
        {onSubmit ? (
          <Button variant="contained" onClick={onSubmit} disabled={pending}>
            {submitLabel}
          </Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}

/** A correction by hand (points.adjust): points to add or take (never below zero) and why, required. */
export function AdjustDialog({ customer, balance, onClose }: { customer: Who; balance: number; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const adjust = useCoreMutation('loyalty.adjust');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const refused = useRefusal(setProblems, ['points', 'reason']);
  const submit = () => {
    const clean = points.normalize('NFKC').replace(/[\s,_]/g, '').replace(/^[−–]/, '-');
    const n = /^[+-]?\d{1,10}$/.test(clean) ? Number(clean) : null;
    const found: Problems = {};
    if (points.trim() === '') found.points = t('loyaltySettings.problems.required');
    else if (n === null) found.points = t('loyaltySettings.problems.whole');
    else if (n === 0) found.points = t('customerLoyalty.problems.zero');
    else if (Math.abs(n) > POINTS_MAX) found.points = t('loyaltySettings.problems.range', { min: -POINTS_MAX, max: POINTS_MAX });
    else if (balance + n < 0) found.points = t('customerLoyalty.problems.belowZero', { balance: formatNumber(balance) });
    if (reason.trim() === '') found.reason = t('customerLoyalty.problems.reasonRequired');
    else if (reason.trim().length > REASON_MAX) found.reason = t('loyaltySettings.problems.tooLong', { max: REASON_MAX });
    if (Object.keys(found).length > 0 || n === null) return setProblems(found);
    adjust.mutate(
      { customerId: customer.id, points: n, reason },
      {
        onSuccess: (result) => {
          notify({ message: t('customerLoyalty.adjusted', { points: signedPoints(n), balance: formatNumber(result.balance) }) });
          onClose();
        },
        onError: refused,
      },
    );
  };
  return (
    <Frame title={t('customerLoyalty.adjustTitle', { name: customer.name })} id="loyalty-adjust-title" pending={adjust.isPending} onClose={onClose} onSubmit={submit} submitLabel={t('customerLoyalty.adjustSave')} other={problems.other}>
      <DialogContentText>{t('customerLoyalty.adjustHelp', { balance: formatNumber(balance) })}</DialogContentText>
      <TextField autoFocus required label={t('customerLoyalty.pointsChange')} value={points} onChange={(e) => setPoints(e.target.value)} error={problems.points !== undefined} helperText={problems.points ?? t('customerLoyalty.pointsChangeHelp')} />
      <TextField required multiline minRows={2} label={t('customerLoyalty.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={problems.reason !== undefined} helperText={problems.reason} />
    </Frame>
  );
}

/** Redeem a reward for points: the coupon's code is shown at once (to write down or read out). */
export function RedeemDialog({ customer, balance, rewards, onClose }: { customer: Who; balance: number; rewards: Reward[]; onClose: () => void }) {
  const { t } = useTranslation();
  const redeem = useCoreMutation('loyalty.redeem');
  const affordable = rewards.filter((r) => r.points <= balance);
  const [rewardId, setRewardId] = useState<number | null>(affordable[0]?.id ?? null);
  const [problems, setProblems] = useState<Problems>({});
  const [coupon, setCoupon] = useState<Coupon | null>(null);
  const refused = useRefusal(setProblems, []);
  const submit = () => {
    if (rewardId === null) return setProblems({ other: t('customerLoyalty.problems.chooseReward') });
    redeem.mutate({ customerId: customer.id, rewardId }, { onSuccess: (result) => setCoupon(result.coupon), onError: refused });
  };
  if (coupon) {
    return (
      <Frame title={t('customerLoyalty.redeemedTitle')} id="loyalty-redeemed-title" pending={false} onClose={onClose} onSubmit={null} submitLabel="">
        <DialogContentText>{t('customerLoyalty.redeemedBody', { reward: coupon.rewardName, points: formatNumber(coupon.points) })}</DialogContentText>
        <Typography variant="h4" component="p" sx={{ fontFamily: 'monospace', textAlign: 'center', letterSpacing: 2 }} data-testid="coupon-code">
          {coupon.code}
        </Typography>
      </Frame>
    );
  }
  return (
    <Frame title={t('customerLoyalty.redeemTitle', { name: customer.name })} id="loyalty-redeem-title" pending={redeem.isPending} onClose={onClose} onSubmit={submit} submitLabel={t('customerLoyalty.redeem')} other={problems.other}>
      <DialogContentText>{t('customerLoyalty.redeemHelp', { balance: formatNumber(balance) })}</DialogContentText>
      <RadioGroup aria-label={t('customerLoyalty.reward')} value={rewardId === null ? '' : String(rewardId)} onChange={(e) => setRewardId(Number(e.target.value))}>
        {rewards.map((r) => (
          <FormControlLabel
            key={r.id}
            value={String(r.id)}
            disabled={r.points > balance}
            control={<Radio />}
            label={r.stock === null ? t('customerLoyalty.rewardOption', { name: r.name, points: formatNumber(r.points) }) : t('customerLoyalty.rewardOptionStock', { name: r.name, points: formatNumber(r.points), stock: formatNumber(r.stock) })}
          />
        ))}
      </RadioGroup>
      {affordable.length === 0 ? <Alert severity="info">{t('customerLoyalty.noAffordable')}</Alert> : null}
    </Frame>
  );
}

/** The customer brought another: a referral entry for them (each referred customer counts once). */
export function ReferralDialog({ customer, referralPoints, onClose }: { customer: Who; referralPoints: number; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const refer = useCoreMutation('loyalty.referral');
  const [referred, setReferred] = useState<CustomerOption | null>(null);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const refused = useRefusal(setProblems, ['referredId', 'reason']);
  const submit = () => {
    const found: Problems = {};
    if (referred === null) found.referredId = t('loyaltySettings.problems.required');
    else if (referred.id === customer.id) found.referredId = t('customerLoyalty.problems.self');
    if (reason.trim().length > REASON_MAX) found.reason = t('loyaltySettings.problems.tooLong', { max: REASON_MAX });
    if (Object.keys(found).length > 0 || referred === null) return setProblems(found);
    refer.mutate(
      { customerId: customer.id, referredId: referred.id, reason },
      {
        onSuccess: (result) => {
          notify({ message: t('customerLoyalty.referred', { name: referred.name, points: signedPoints(result.entry.points) }) });
          onClose();
        },
        onError: refused,
      },
    );
  };
  return (
    <Frame title={t('customerLoyalty.referralTitle', { name: customer.name })} id="loyalty-referral-title" pending={refer.isPending} onClose={onClose} onSubmit={submit} submitLabel={t('customerLoyalty.referralSave')} other={problems.other}>
      <DialogContentText>{t('customerLoyalty.referralHelp', { points: formatNumber(referralPoints) })}</DialogContentText>
      <CustomerPicker autoFocus required label={t('customerLoyalty.referredCustomer')} value={referred} onChange={setReferred} error={problems.referredId} />
      <TextField multiline minRows={2} label={t('customerLoyalty.note')} value={reason} onChange={(e) => setReason(e.target.value)} error={problems.reason !== undefined} helperText={problems.reason} />
    </Frame>
  );
}

/** Voids an open coupon, with the reason: its points come back as a correction. */
export function VoidCouponDialog({ coupon, onClose }: { coupon: Coupon; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const voidCoupon = useCoreMutation('loyalty.voidCoupon');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const refused = useRefusal(setProblems, ['reason']);
  const submit = () => {
    if (reason.trim() === '') return setProblems({ reason: t('customerLoyalty.problems.reasonRequired') });
    if (reason.trim().length > REASON_MAX) return setProblems({ reason: t('loyaltySettings.problems.tooLong', { max: REASON_MAX }) });
    voidCoupon.mutate(
      { couponId: coupon.id, reason },
      {
        onSuccess: () => {
          notify({ message: t('customerLoyalty.couponVoided', { code: coupon.code, points: formatNumber(coupon.points) }) });
          onClose();
        },
        onError: refused,
      },
    );
  };
  return (
    <Frame title={t('customerLoyalty.voidTitle', { code: coupon.code })} id="loyalty-void-title" pending={voidCoupon.isPending} onClose={onClose} onSubmit={submit} submitLabel={t('customerLoyalty.voidCoupon')} other={problems.other}>
      <DialogContentText>{t('customerLoyalty.voidHelp', { reward: coupon.rewardName, points: formatNumber(coupon.points) })}</DialogContentText>
      <TextField autoFocus required multiline minRows={2} label={t('customerLoyalty.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={problems.reason !== undefined} helperText={problems.reason} />
    </Frame>
  );
}
